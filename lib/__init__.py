"""Target Lens: reads township performance-target forms, stores them, judges them. No UI here."""

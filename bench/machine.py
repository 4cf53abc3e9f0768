"""What the benches print about the machine they ran on: the time and the load average (it is shared)."""

from __future__ import annotations

import os
import time


def stamp() -> str:
    """The UTC time and the 1, 5 and 15-minute load averages, e.g. ``2026-11-30 10:15 UTC, load average 3.8 2.5 2.0``."""
    loads = " ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {loads}"

"""``python -m lib``: the command line (see :mod:`lib.cli`)."""

from lib.cli import main

raise SystemExit(main())

"""``python -m events``: see :mod:`events.cli`."""

import sys

from events.cli import main

sys.exit(main())

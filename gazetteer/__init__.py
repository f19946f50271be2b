"""Arabic place names in news text → places with coordinates.

Public API: :class:`Gazetteer` (``load``, ``lookup``, ``tag``, ``get``), and the records
:class:`Place` and :class:`Mention`. ``Gazetteer`` is imported on first use so that the
data-layer modules stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gazetteer.model import Mention, Place

if TYPE_CHECKING:
    from gazetteer.core import Gazetteer

__all__ = ["Gazetteer", "Mention", "Place"]


def __getattr__(name: str) -> Any:
    if name == "Gazetteer":
        from gazetteer.core import Gazetteer

        return Gazetteer
    raise AttributeError(f"module 'gazetteer' has no attribute {name!r}")

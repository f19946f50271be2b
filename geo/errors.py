"""Exceptions raised by the geo package; every message names the bad value."""

from __future__ import annotations

__all__ = ["GeoError", "RoadError", "RouteError"]


class GeoError(Exception):
    """Base class of every error the geo package raises on purpose."""


class RoadError(GeoError, ValueError):
    """A place cannot be used as a road (not a road, or fewer than two waypoints)."""


class RouteError(RoadError):
    """A route cannot be drawn (too few stops, a stop far from the road)."""

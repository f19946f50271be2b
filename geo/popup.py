"""Popup and tooltip HTML for one event; every value is escaped (article text is untrusted).

Leaflet puts a popup's string into ``innerHTML``, so nothing from an article may reach it
unescaped: :func:`html.escape` (quotes included) is applied to every value, and the only
markup is the fixed template below. Links are kept only for ``http(s)`` URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

__all__ = ["PRECISION_LABELS", "popup_html", "tooltip_text"]

#: ``date_precision`` → what the date means (ACLED's time_precision).
PRECISION_LABELS = {1: "exact day", 2: "within a week", 3: "month only"}
_GEO_PRECISION = {1: "the named place", 2: "near a named place", 3: "region only"}


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _safe_url(url: Any) -> str | None:
    if not isinstance(url, str):
        return None
    url = url.strip()
    if url.lower().startswith(("http://", "https://")):
        return url
    return None


def _date_text(props: Mapping[str, Any]) -> str:
    date = props.get("date") or ""
    end = props.get("date_end")
    text = f"{date} – {end}" if end and end != date else str(date)
    label = PRECISION_LABELS.get(props.get("date_precision"), "unknown precision")
    return f"{text} ({label})"


def popup_html(props: Mapping[str, Any]) -> str:
    """Return the popup of an event: type, date and precision, places, actors, sources, evidence.

    Parameters
    ----------
    props : mapping
        The event's GeoJSON properties (``Event.properties()``).

    Returns
    -------
    str
        A self-contained HTML fragment; the Arabic evidence is in a ``dir="rtl"`` block.
    """
    kind = props.get("event_type") or ""
    sub = props.get("sub_event_type")
    status = props.get("status")
    title = kind + (f" · {sub}" if sub else "") + (" (planned)" if status == "planned" else "")
    places = props.get("places") or []
    place_items = "".join(
        f'<li><span dir="rtl" lang="ar">{_e(p.get("name_ar"))}</span>'
        f"{' — ' + _e(p.get('name_en')) if p.get('name_en') else ''}</li>"
        for p in places
    )
    actors = props.get("actors")
    fatalities = props.get("fatalities")
    cited = props.get("cited") or []
    source = props.get("source")
    url = _safe_url(props.get("url"))
    link = (
        f'<a href="{_e(url)}" target="_blank" rel="noopener noreferrer">{_e(url)}</a>'
        if url
        else "—"
    )
    rows = [
        ("Date", _e(_date_text(props))),
        ("Places", f"<ul>{place_items}</ul>" if place_items else "—"),
        ("Location", _e(_GEO_PRECISION.get(props.get("geo_precision"), "—"))),
        ("Actors", _e(", ".join(actors)) if actors else "not stated"),
        ("Fatalities", _e(fatalities) if fatalities is not None else "not stated"),
        ("Outlet", f'<span dir="auto">{_e(source)}</span>' if source else "unknown"),
        ("Cites", f'<span dir="auto">{_e("، ".join(cited))}</span>' if cited else "—"),
        ("Link", link),
    ]
    body = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    evidence = _e(props.get("evidence"))
    return (
        '<div class="cm-popup" data-event-id="' + _e(props.get("id")) + '">'
        f"<b>{_e(title)}</b>"
        f'<table class="cm-props">{body}</table>'
        f'<blockquote class="cm-evidence" dir="rtl" lang="ar">{evidence}</blockquote>'
        "</div>"
    )


def tooltip_text(props: Mapping[str, Any]) -> str:
    """Return a short escaped one-line tooltip: type, date, first places.

    Parameters
    ----------
    props : mapping

    Returns
    -------
    str
    """
    places = props.get("places") or []
    names = " → ".join(
        (p.get("name_en") or p.get("name_ar") or "") for p in places[:4] if isinstance(p, dict)
    )
    sub = props.get("sub_event_type")
    kind = props.get("event_type") or ""
    return _e(f"{kind}{' · ' + sub if sub else ''} {props.get('date') or ''} {names}".strip())

"""Drafts of events and the merging of repeated reports of one event.

News prose repeats itself: "ستقوم القوات بدوريات على الطريق M4" and, two paragraphs later,
"ستبدأ الدوريات على الطريق M4 يوم 15 آذار" are one planned patrol. Two drafts are one
event when they come from different sentences, have compatible dates (the same date, or
one of them has no date of its own and the other is at most a week away) and:

- the same type, sub-type and status and the same place (points within 1 km, or a village
  inside the region of a coarser report two sentences away at most) or route (ends within
  3 km and Hausdorff distance within 3 km, in the same direction); or
- one is told in the headline and the other in the body, with the same type and status, at
  the same place or naming the same town (any sub-type: the body's is kept); or
- both are patrols of the same status told within four sentences, unless both carry full
  routes that differ (an announcement, then the route).

The merged event keeps the dated draft (the body's for a headline), takes the finer geometry
and the union of places, actors and cited agencies, and the larger death toll; two adjacent
sentences become one evidence span (verbatim from the article).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from shapely.geometry.base import BaseGeometry

from events.model import Article, Event, EventPlace, event_id
from gazetteer.model import Mention
from geo.roads import haversine_km

__all__ = ["Draft", "merge_drafts", "to_event"]


@dataclass
class Draft:
    """An event before merging and id assignment (offsets into the article)."""

    event_type: str
    sub: str | None
    status: str
    date: dt.date
    date_end: dt.date | None
    date_precision: int
    date_own: bool
    geometry: BaseGeometry
    geo_precision: int
    start: int
    end: int
    first: int
    last: int
    places: list[Mention] = field(default_factory=list)
    actors: tuple[str, ...] = ()
    fatalities: int | None = None
    fatalities_min: int | None = None
    cited: tuple[str, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)
    #: how far from its point the event may be (km): 1 for a named place, the region's
    #: radius for a region
    radius_km: float = 1.0
    #: told in the article's headline (a summary of what the body tells in detail)
    headline: bool = False
    #: the numbers of the sentences it was drafted from (two clauses of one sentence are
    #: two events: they are never merged)
    sentences: frozenset[int] = frozenset()
    #: patrols: where the sentence says it set out and where it got to ((lon, lat) or None)
    origin: tuple[float, float] | None = None
    reach: tuple[float, float] | None = None
    #: patrols: the sub-type is stated ("دورية روسية"), not to be taken from the article
    explicit_sub: bool = False
    #: the numbers of the title sentences it was drafted from
    titles: frozenset[int] = frozenset()
    #: incidents told only by definite event nouns («الانفجار»، «الغارات»، «عملية الاغتيال»):
    #: they may point back to an incident told before
    definite: bool = False

    def __post_init__(self) -> None:
        if not self.sentences:
            self.sentences = frozenset(range(self.first, self.last + 1))
        if self.headline and not self.titles:
            self.titles = self.sentences


#: a report with no date of its own (publication date) is not the same event as one dated
#: more than this many days away
_OWN_DATE_DAYS = 7
#: a patrol told again within this many sentences is the same patrol
_PATROL_SENTENCES = 4
#: a headline that places its event only near a town or in a region («غربي حلب»، «ريف
#: إدلب») sums up a body report at most this far away
_HEADLINE_KM = 50.0
#: a definite event noun («الغارات الروسية طالت …»، «الانفجار وقع …») points back to an
#: incident of its kind told at most this many sentences before and this far away
_BACK_SENTENCES = 4
_BACK_KM = 40.0
#: how far outside a report's radius a finer report of it may still lie (km)
_SLACK_KM = 5.0
#: sub-types too vague to tell two reports of one incident apart
_VAGUE_SUBS = frozenset(("attack", "killing"))


#: a headline's own day may be this many days from the body's («… اليوم» over «مساء أمس»):
#: the headline is written on the day of the report, the body keeps the day of the event
_HEADLINE_DAYS = 2


def _dates_compatible(a: Draft, b: Draft) -> bool:
    if a.date_own and b.date_own:
        if a.headline != b.headline:
            return abs((a.date - b.date).days) <= _HEADLINE_DAYS
        return a.date == b.date
    if a.date_own != b.date_own and a.status == "reported":
        return abs((a.date - b.date).days) <= _OWN_DATE_DAYS
    return True


def _close(a: Draft, b: Draft, km: float) -> bool:
    ga, gb = a.geometry, b.geometry
    return ga.distance(gb) * 111.0 <= km


def _share_place(a: Draft, b: Draft) -> bool:
    """Both name one town, village or site (roads and regions do not count)."""
    ids = {m.place.place_id for m in a.places if m.place.kind in _POINT_KINDS}
    return any(m.place.place_id in ids for m in b.places if m.place.kind in _POINT_KINDS)


_POINT_KINDS = frozenset(("city", "town", "village", "site"))


def _same_patrol(a: Draft, b: Draft) -> bool:
    """One patrol told in several sentences: an announcement, then its route."""
    if a.event_type != "patrol" or b.event_type != "patrol" or a.status != b.status:
        return False
    gap = min(abs(i - j) for i in a.sentences for j in b.sentences)
    if gap > _PATROL_SENTENCES:
        return False
    routed = [d for d in (a, b) if d.geometry.geom_type == "LineString" and d.geo_precision == 1]
    if len(routed) == 2:
        return _same(a, b, patrol=False)  # two full routes: the same only when they match
    return True


def _same(a: Draft, b: Draft, *, patrol: bool = True) -> bool:
    shared = a.sentences & b.sentences
    if shared and not (a.headline != b.headline and shared <= a.titles and shared <= b.titles):
        # two clauses of one sentence are two events (but a second item of a title may
        # sum up a body report that the first item was merged with)
        return False
    if not _dates_compatible(a, b):
        return False
    if patrol and a.event_type == "patrol" and _same_patrol(a, b):
        return True
    if a.headline != b.headline and (a.event_type, a.status) == (b.event_type, b.status):
        # a headline sums up what the body tells: same place, any sub-type; a headline
        # that only says «غربي حلب» or names a region: a body report in its surroundings
        head = a if a.headline else b
        far = _HEADLINE_KM if head.geo_precision >= 2 or head.radius_km > 1.0 else 1.0
        return _close(a, b, max(a.radius_km, b.radius_km, far)) or _share_place(a, b)
    if _points_back(a, b):
        return True
    if (a.event_type, a.sub, a.status) != (b.event_type, b.sub, b.status):
        return False
    ga, gb = a.geometry, b.geometry
    if ga.geom_type != gb.geom_type:
        return False
    if ga.geom_type == "Point":
        d = haversine_km(ga.coords[0], gb.coords[0])
        if d <= 1.0:
            return True
        # a region-level report and a village-level one of the same event, told in
        # neighbouring sentences: the village lies inside the region
        coarse = a if a.geo_precision > b.geo_precision else b
        near = abs(a.first - b.first) <= 2 or abs(a.last - b.last) <= 2
        return a.geo_precision != b.geo_precision and near and d <= coarse.radius_km
    ca, cb = list(ga.coords), list(gb.coords)
    ends_close = haversine_km(ca[0], cb[0]) <= 3.0 and haversine_km(ca[-1], cb[-1]) <= 3.0
    return ends_close and ga.hausdorff_distance(gb) * 111.0 <= 3.0


def _points_back(a: Draft, b: Draft) -> bool:
    """One of two reports tells the other's incident with definite event nouns.

    «إن الانفجار وقع …» after the report of an explosion; «أدانت الخارجية الهجوم الذي
    استهدف مدنيين في عفرين» before the report of the car bomb that did it.
    """
    if a.event_type != "incident" or b.event_type != "incident" or not (a.definite or b.definite):
        return False
    if a.status != b.status or a.sentences & b.sentences:
        return False
    gap = min(abs(i - j) for i in a.sentences for j in b.sentences)
    if gap > _BACK_SENTENCES:
        return False
    first, later = (a, b) if min(a.sentences) < min(b.sentences) else (b, a)
    if not later.definite and first.sub not in _VAGUE_SUBS:
        # only a vague first telling («أدانت الهجوم») waits for its report: «تتواصل
        # المعارك حول سراقب» and a later retaking of a village nearby are two clashes
        return False
    if a.sub != b.sub and not {a.sub, b.sub} & _VAGUE_SUBS:
        return False  # «الانفجار» (attack) may tell an IED; «الغارات» only an airstrike
    return _close(a, b, max(a.radius_km, b.radius_km, _BACK_KM)) or _share_place(a, b)


def _merge_into(a: Draft, b: Draft) -> Draft:
    base, other = (b, a) if (b.date_own and not a.date_own) else (a, b)
    if a.headline != b.headline:
        base, other = (b, a) if a.headline else (a, b)  # the body's sentence is the evidence
    out = replace(base, extra=dict(base.extra))
    if other.date_own and not base.date_own:
        out.date, out.date_end = other.date, other.date_end
        out.date_precision = other.date_precision
        out.date_own, out.extra["date_source"] = True, other.extra.get("date_source")
    out.sentences = a.sentences | b.sentences
    out.titles = a.titles | b.titles
    out.headline = a.headline and b.headline
    if a.headline != b.headline:
        body = b if a.headline else a
        out.sub, out.extra["cue"] = body.sub, body.extra.get("cue")
    if a.event_type == "patrol":
        if "joint_patrol" in (a.sub, b.sub):
            out.sub = "joint_patrol"
        out.origin = base.origin or other.origin
        out.reach = base.reach or other.reach
        out.explicit_sub = a.explicit_sub or b.explicit_sub
    if (
        other.geo_precision == base.geo_precision
        and other.geometry.geom_type == "LineString"
        and base.geometry.geom_type != "LineString"
    ):
        out.geometry = other.geometry  # a route says more than a point
    if a.headline == b.headline and (b.first == a.last + 1 or a.first == b.last + 1):
        out.start, out.end = min(a.start, b.start), max(a.end, b.end)
        out.first, out.last = min(a.first, b.first), max(a.last, b.last)
    # the most precise place of the reports: a village over its region; but a headline
    # that only says «غربي حلب» does not move the body's place
    vague_head = other.headline and not base.headline and other.geo_precision > 1
    finer = other.geo_precision < base.geo_precision or (
        other.geo_precision == base.geo_precision
        and other.radius_km < base.radius_km
        and other.geometry.geom_type == base.geometry.geom_type == "Point"
    )
    # … and only inside the coarser report's area: a "finer" place far outside it is a
    # namesake (a title's «منشآت نفطية» read as a village), not a refinement
    inside = _close(other, base, max(base.radius_km, 1.0) + _SLACK_KM)
    if finer and inside and not vague_head:
        out.geometry, out.geo_precision = other.geometry, other.geo_precision
        out.radius_km = other.radius_km
    if a.event_type == "incident" and a.sub != b.sub and base.sub in _VAGUE_SUBS:
        out.sub, out.extra["cue"] = other.sub, other.extra.get("cue")  # IED over «الاغتيال»
    # a title adds no new telling: the body report's definiteness stays
    out.definite = (a.definite or a.headline) and (b.definite or b.headline)
    seen = {m.place.place_id for m in base.places}
    out.places = sorted(
        [*base.places, *(m for m in other.places if m.place.place_id not in seen)],
        key=lambda m: m.start,
    )
    out.actors = tuple(dict.fromkeys([*base.actors, *other.actors]))
    out.cited = tuple(dict.fromkeys([*base.cited, *other.cited]))
    counts = [c for c in (a.fatalities, b.fatalities) if c is not None]
    out.fatalities = max(counts) if counts else None
    return out


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts that report one event, keeping text order of first appearance.

    Parameters
    ----------
    drafts : list of Draft

    Returns
    -------
    list of Draft
    """
    out = _merge_pass(drafts)
    for _ in range(_PASSES - 1):  # a report merged late may now sum up an earlier item
        again = _merge_pass(out)
        if len(again) == len(out):
            break
        out = again
    return out


#: merge passes at most (each merges what the one before made mergeable)
_PASSES = 3


def _merge_pass(drafts: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for d in drafts:
        for i, prev in enumerate(out):
            if _same(prev, d):
                out[i] = _merge_into(prev, d)
                break
        else:
            out.append(d)
    return out


def to_event(article: Article, d: Draft, cited_article: tuple[str, ...]) -> Event:
    """Return the :class:`Event` of a draft; its id hashes the article id and evidence span.

    Parameters
    ----------
    article : Article
    d : Draft
    cited_article : tuple of str
        Agencies the whole article cites, used when the evidence cites none.

    Returns
    -------
    Event
    """
    cited, extra = d.cited, dict(d.extra)
    if not cited and cited_article:
        cited, extra["cited_scope"] = cited_article, "article"
    if d.fatalities_min is not None and d.fatalities is None:
        extra["fatalities_min"] = d.fatalities_min
    return Event(
        id=event_id(article.article_id, d.start, d.end, d.event_type, d.sub or ""),
        event_type=d.event_type,
        sub_event_type=d.sub,
        status=d.status,
        date=d.date,
        date_end=d.date_end,
        date_precision=d.date_precision,
        geo_precision=d.geo_precision,
        evidence=article.text[d.start : d.end],
        article=article.article_id,
        geometry=d.geometry,
        places=tuple(
            EventPlace(m.place.name_ar or m.surface, m.place.name_en, m.place.place_id)
            for m in d.places
        ),
        actors=d.actors or None,
        fatalities=d.fatalities,
        source=article.source,
        cited=cited,
        url=article.url,
        published=article.published,
        evidence_start=d.start,
        evidence_end=d.end,
        extra=extra,
    )

"""What kind of event a sentence reports, from Arabic cue words.

Every rule reads the *normalized* sentence (:func:`gazetteer.normalize.normalize_with_offsets`:
censorship dots, tatweel and diacritics gone, alef/ya/ta-marbuta folded, so قصـ.ف reads قصف)
and reports spans in the *original* sentence. Cue tables are written as stems; a word may
carry the usual proclitics (و ف ب ل ك ال لل). Written by hand: no maintained library does
Arabic event coding, and the cue lists are domain knowledge (ACLED's event and sub-event
types) rather than code.

Public functions: :func:`find_cues` (all cues of a sentence, each with its type and
sub-type), :func:`split_clauses`, :func:`is_planned`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from events import cues as C
from events.modality import back_reference, clause_start, intended, not_reported, trend
from gazetteer.matcher import fast_normalize_with_offsets

INCIDENT_PRIORITY = C.INCIDENT_PRIORITY

__all__ = [
    "INCIDENT_PRIORITY",
    "Cue",
    "NormText",
    "find_cues",
    "is_planned",
    "norm_text",
    "remember",
    "repeated_objects",
    "split_clauses",
    "words_before",
]


class NormText:
    """A text, its normalized form and the map back to original offsets.

    Build with :func:`norm_text` (cached): one sentence is read by several rules.
    """

    def __init__(self, text: str, *, _norm: str | None = None, _offs: list[int] | None = None):
        self.text = text
        if _norm is None or _offs is None:
            norm, offs = fast_normalize_with_offsets(text)
            self.norm, self._offs = norm, offs.tolist()
        else:
            self.norm, self._offs = _norm, _offs

    def orig(self, ns: int, ne: int) -> tuple[int, int]:
        """Return the original (start, end) of the normalized span [ns, ne)."""
        if ne <= ns:
            o = self._offs[ns] if ns < len(self._offs) else len(self.text)
            return o, o
        return self._offs[ns], self._offs[ne - 1] + 1

    def norm_pos(self, orig: int) -> int:
        """Return the normalized index of the first character at or after ``orig``."""
        return bisect.bisect_left(self._offs, orig)

    def slice(self, start: int, end: int) -> NormText:
        """Return the NormText of ``text[start:end]`` without normalizing again.

        Normalization is per character (plus censorship dots inside words), so a slice of
        the normalized whole equals the normalized slice for spans cut between words.
        """
        ns, ne = self.norm_pos(start), self.norm_pos(end)
        offs = [o - start for o in self._offs[ns:ne]]
        return NormText(self.text[start:end], _norm=self.norm[ns:ne], _offs=offs)


_CACHE: dict[str, NormText] = {}
_CACHE_MAX = 4096


def norm_text(text: str) -> NormText:
    """Return the (cached) :class:`NormText` of ``text``; treat it as read-only."""
    hit = _CACHE.get(text)
    if hit is None:
        hit = remember(NormText(text))
    return hit


def remember(nt: NormText) -> NormText:
    """Put a NormText (e.g. a :meth:`NormText.slice`) in :func:`norm_text`'s cache."""
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[nt.text] = nt
    return nt


_TOKEN = re.compile(r"\w+")


def words_before(norm: str, pos: int, n: int) -> list[str]:
    """Return the last ``n`` words of ``norm[:pos]`` (normalized), nearest last."""
    return _TOKEN.findall(norm[max(0, pos - 12 * n) : pos])[-n:]


def words_after(norm: str, pos: int, n: int) -> list[str]:
    """Return the first ``n`` words of ``norm[pos:]``."""
    return _TOKEN.findall(norm[pos : pos + 12 * n])[:n]


@dataclass(frozen=True, slots=True)
class Cue:
    """A word or phrase that signals an event.

    Parameters
    ----------
    event_type : str
        ``patrol``, ``observation_post``, ``incident`` or ``ceasefire``.
    sub_event_type : str or None
        E.g. ``joint_patrol``, ``post_established``, ``shelling``.
    start, end : int
        Span in the original sentence.
    surface : str
        The cue as normalized.
    generic : bool
        A cue that alone is too vague to code an incident (``هجوم``, ``مقتل``): it needs a
        place or a casualty count in its clause.
    target : str or None
        ``patrol`` for an attack on a patrol.
    """

    event_type: str
    sub_event_type: str | None
    start: int
    end: int
    surface: str
    generic: bool = False
    target: str | None = None


def is_planned(text: str) -> bool:
    """Return whether a sentence speaks of something still to come (ستبدأ، من المقرر …).

    Parameters
    ----------
    text : str
        Original or normalized sentence.

    Returns
    -------
    bool
    """
    return bool(C.FUTURE.search(norm_text(text).norm))


#: clause boundaries: punctuation, a spaced dash, or a contrastive conjunction that opens a
#: second clause without a comma ("غارات على كفرنبل فيما قصفت المدفعية …")
_CLAUSE_SPLIT = re.compile(r"[،,؛;…]|\.\.+|\s[–—-]\s|\s(?=(?:فيما|بينما|في حين)\s)")


def split_clauses(text: str) -> list[tuple[int, int]]:
    """Split a sentence into clauses at commas, semicolons, dashes and «فيما/بينما/في حين».

    Parameters
    ----------
    text : str
        A sentence.

    Returns
    -------
    list of (start, end)
        Spans covering the whole sentence, in order.
    """
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()] or [(0, len(text))]


def _blocked(norm: str, ns: int, pattern: re.Pattern[str], n: int = 3) -> bool:
    return any(pattern.fullmatch(w) for w in words_before(norm, ns, n))


def _incident_cues(nt: NormText) -> list[Cue]:
    out: list[Cue] = []
    taken: list[tuple[int, int]] = []
    dropped: list[int] = []
    for sub in C.INCIDENT_PRIORITY:
        if not any(key in nt.norm for key in C.INCIDENT_KEYS[sub]):
            continue  # cheap literal test before the regex
        for m in C.INCIDENT_CUES[sub].finditer(nt.norm):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if _blocked(nt.norm, m.start(), C.BLOCK) or _blocked(nt.norm, m.start(), C.DENY, 6):
                continue
            # «بعد اختطافه»: like a generic cue, a kidnapping after «بعد/عقب» is told already
            after_ok = sub in C.GENERIC or sub == "kidnapping"
            if not_reported(nt.norm, m.start(), m.end(), sub=sub, generic=after_ok):
                taken.append((m.start(), m.end()))  # its words are no other cue either
                dropped.append(m.start())
                continue
            taken.append((m.start(), m.end()))
            s, e = nt.orig(m.start(), m.end())
            target = "patrol" if sub == "patrol_attack" else None
            out.append(Cue("incident", sub, s, e, m.group(0), sub in C.GENERIC, target))
    if dropped:
        # «وأن الهجمات الأخيرة أسفرت عن مقتل عشرات»: the toll of an event that is not
        # reported here is not reported either
        out = [c for c in out if not (c.sub_event_type == "killing" and _after(nt, c, dropped))]
    return out


def _after(nt: NormText, cue: Cue, dropped: list[int]) -> bool:
    """Whether a cue that was not reported comes before ``cue`` in its clause."""
    ns = nt.norm_pos(cue.start)
    cs = clause_start(nt.norm, ns)
    return any(cs <= d < ns for d in dropped)


def _patrol_cue(nt: NormText) -> Cue | None:
    norm = nt.norm
    if not C.PATROL_ACTION.search(norm):
        return None
    for m in C.PATROL_NOUN.finditer(norm):
        before = words_before(norm, m.start(), 1)
        if before and C.PATROL_ADJ_USE.fullmatch(before[0]):
            continue
        if _blocked(norm, m.start(), C.PATROL_BLOCK, 3):
            continue
        if _blocked(norm, m.start(), C.PATROL_TARGET, 3) or trend(norm, m.start(), m.end()):
            continue  # the patrol is only the target of an attack, or it stopped
        if back_reference(norm, m.start(), m.end()):
            continue  # "هذه الدورية", "الدوريات السابقة": told before, or earlier ones
        s, e = nt.orig(m.start(), m.end())
        return Cue("patrol", "joint_patrol" if _is_joint(norm) else "patrol", s, e, m.group(0))
    return None


def _is_joint(norm: str) -> bool:
    if re.search(r"مشترك", norm):
        return True
    ru, tr = re.search(r"(?<!\w)\S*روس", norm), re.search(r"(?<!\w)\S*(?:ترك|اتراك)", norm)
    return bool(ru and tr)


def _post_cue(nt: NormText) -> Cue | None:
    norm = nt.norm
    for m in C.POST_NOUN.finditer(norm):
        noun = m.group(0)
        is_bare_point = "نق" in noun and " " not in noun
        # the action verb may be separated by a date: "أنشأت يوم السبت الماضي نقطة"
        before = [w for w in words_before(norm, m.start(), 14) if not C.TIME_WORD.fullmatch(w)]
        before = before[-8:]
        after = words_after(norm, m.end(), 1)
        best: tuple[int, str] | None = None
        for sub, pat in C.POST_SUBS:
            for i, w in enumerate(reversed(before)):
                if pat.fullmatch(w) and (best is None or i < best[0]):
                    best = (i, sub)
        qualified = bool(after and C.POST_QUAL.fullmatch(after[0]))
        if best is None and qualified:
            # the action may follow a qualified noun: "نقطة المراقبة التركية انسحبت …"
            for sub, pat in C.POST_SUBS:
                if any(pat.fullmatch(w) for w in words_after(norm, m.end(), 5)):
                    best = (1, sub)
                    break
        if best is None or any(C.TALK.fullmatch(w) for w in before):
            continue
        possessive = is_bare_point and bool(re.search(r"(?:نقاط|نقطت)(?:ه|ها|هم|نا)$", noun))
        if best[0] > (8 if (qualified or possessive) else 1 if is_bare_point else 4):
            continue
        if _blocked(norm, m.start(), C.BLOCK, 2) or intended(norm, m.start(), n=12):
            continue  # … or only demanded: «أمهل قوات النظام … للانسحاب إلى ما وراء النقاط»
        s, e = nt.orig(m.start(), m.end())
        return Cue("observation_post", best[1], s, e, noun)
    return None


#: a time clause that names the truce as a point in time («قبل ساعات من بدء سريان
#: الهدنة»، «بعد يومين من دخول وقف إطلاق النار حيز التنفيذ»): it declares nothing
_TIME_OF = re.compile(
    r"(?<!\w)(?:قبل|بعد|عقب|منذ|مع|حتي|قبيل|بعيد)\s+(?:\w+\s+){0,2}?(?:من\s+)?"
    r"(?:بدء|بدايه|دخول|سريان|اعلان|انطلاق|موعد)(?:\s+(?:سريان|تطبيق|تنفيذ))?\s*$"
)


def _ceasefire_cue(nt: NormText) -> Cue | None:
    norm = nt.norm
    for m in C.CEASEFIRE_NOUN.finditer(norm):
        if _blocked(norm, m.start(), C.CEASEFIRE_BLOCK, 4) or _TIME_OF.search(
            norm, max(0, m.start() - 60), m.start()
        ):
            continue  # «قبل ساعات من بدء سريان الهدنة»: a time clause names the truce
        before = words_before(norm, m.start(), 12)
        after = words_after(norm, m.end(), 6)
        declared = any(C.CEASEFIRE_DECLARE.fullmatch(w) for w in before) or any(
            C.CEASEFIRE_DECLARE.fullmatch(w) for w in after
        )
        if not declared:
            continue
        s, e = nt.orig(m.start(), m.end())
        return Cue("ceasefire", "ceasefire", s, e, m.group(0))
    return None


def agreement_terms(text: str, cue: Cue) -> bool:
    """Return whether ``cue`` describes what an agreement allows, not something that happened.

    ``اتفاق سوتشي … الذي أتاح لتركيا إقامة نقاط مراقبة``، ``اتفقتا على … تسيير دوريات``،
    ``نص على … تسيير دوريات`` → True (agreeing on a ceasefire declares it: False).

    Parameters
    ----------
    text : str
        The sentence.
    cue : Cue
        A cue found in it.

    Returns
    -------
    bool
    """
    nt = norm_text(text)
    ns = nt.norm_pos(cue.start)
    pats = [C.AGREEMENT_TERMS, C.TERMS_VERB_FIRST]
    if cue.event_type != "ceasefire":
        pats.append(C.AGREED_ON)  # "اتفقتا على وقف إطلاق النار" declares a ceasefire
    return any(m.end() <= ns for pat in pats for m in pat.finditer(nt.norm))


#: "، وأخرى في …": the event of the clause before, again, at a new place
_REPEAT = re.compile(
    r"[,;]\s*(?=و(?:اخري|ثانيه|ثالثه|رابعه|اخريات|اخريين|اخرتين|نقطه اخري|نقطه ثانيه)(?!\w))"
)


def repeated_objects(text: str) -> list[int]:
    """Return where clauses that repeat the event at a new place start («، وأخرى في بنش»).

    Parameters
    ----------
    text : str
        A sentence as printed.

    Returns
    -------
    list of int
        Offsets in ``text`` of each such clause's first letter («و»), in order.
    """
    nt = norm_text(text)
    return [nt.orig(m.end(), m.end() + 1)[0] for m in _REPEAT.finditer(nt.norm)]


def find_cues(text: str) -> list[Cue]:
    """Return every event cue of a sentence, in text order.

    At most one patrol, one observation-post and one ceasefire cue per sentence (the
    first that qualifies); every incident cue (the caller groups them by clause).

    Parameters
    ----------
    text : str
        One sentence, as printed.

    Returns
    -------
    list of Cue
    """
    nt = norm_text(text)
    cues: list[Cue] = []
    for found in (_patrol_cue(nt), _post_cue(nt), _ceasefire_cue(nt)):
        if found is not None:
            cues.append(found)
    cues.extend(_incident_cues(nt))
    return sorted(cues, key=lambda c: (c.start, c.event_type))

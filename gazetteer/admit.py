"""Admit or reject each whole-word match with the non-place rules of :mod:`gazetteer.nonplaces`.

The rules look at the name itself (how frequent a word it is, how short, whether it is a
spaced road code, how prominent its places are), at the word before it and at the words
after it. What depends on the name alone is worked out once per key of the index and kept
(:class:`KeyFacts`); what depends on the word before is kept per word. Both caches hold
facts of the gazetteer's vocabulary, not of any text, so a text is never judged by what
an earlier one said. The context words are read with ``str.rfind``/``str.find`` on the
match text instead of splitting a window around every match.

Written by hand: these are this project's rules (see docs/gazetteer-matching.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from gazetteer import nonplaces as npl
from gazetteer.context_words import (
    _AFTER_HINTS,
    hint_next,
    only_space_between,
    prev_class,
    prominent,
    road_context,
)
from gazetteer.matcher import TextView
from gazetteer.model import Place

__all__ = ["Admitter", "KeyFacts", "Pending", "prev_class", "road_context"]

_SPACED_CODE = re.compile(r"^[\u0621-\u064a]{1,2} \d{1,2}$")
#: First words after a name that may open a hint (with any word starting with ``ب``): the
#: others make :func:`_hint_next` false, so it is not called for them.
_HINT_OPEN = _AFTER_HINTS | {"في"}
#: Zipf frequency from which a written token (فرقة، ولبنان) is an everyday word.
_WORD_ZIPF = 3.5
#: Largest distance (characters of match text) the rules look back or ahead.
WINDOW = 60
_WORD_CACHE_MAX = 200_000


class Pending:
    """A match that passed the rules, waiting for the overlap choice and resolution."""

    __slots__ = (
        "article",
        "cands",
        "conf",
        "coord_only",
        "form",
        "key_id",
        "mend",
        "mstart",
        "neg_len",
        "pclass",
        "prefix",
        "prev",
    )

    def __init__(
        self, mstart, mend, key_id, prefix, article, conf, form, cands, coord_only, prev, pclass
    ):
        self.mstart: int = mstart
        self.mend: int = mend
        #: ``mstart - mend``: the overlap choice takes the longest first.
        self.neg_len: int = mstart - mend
        self.key_id: int = key_id
        #: Proclitics attached in front (article excluded when it belongs to the name).
        self.prefix: str = prefix
        self.article: bool = article
        self.conf: float = conf
        self.form: str = form
        self.cands: tuple[Place, ...] = cands
        #: Lacks context of its own; kept only when coordinated with a place (سراقب وبنش).
        self.coord_only: bool = coord_only
        #: The match-form word before the name (its proclitics attached), or None.
        self.prev: str | None = prev
        #: What that word says about the kind of place (:func:`prev_class`).
        self.pclass: int = pclass


class KeyFacts:
    """What the rules need to know about one key of the index, worked out once."""

    __slots__ = (
        "cands",
        "clipped",
        "foreign",
        "head",
        "one_word",
        "own",
        "short",
        "spaced_road",
    )

    def __init__(self, key: str, cands: tuple[Place, ...], zipf: dict[str, float]):
        self.cands = cands
        self.own = frozenset(c.place_id for c in cands)
        self.spaced_road = bool(_SPACED_CODE.match(key)) and all(c.kind == "road" for c in cands)
        self.one_word = " " not in key
        #: A compound head that is also a name (برج، دير …): see nonplaces.HEAD_NAMES.
        self.head = self.one_word and key in npl.HEAD_NAMES
        #: Only small places outside Syria (Al Burj, Maghar): a Syrian report introduces
        #: such a place (a settlement or facility word before it, a country adjective or a
        #: hint after it).
        small = not prominent(cands) and not any(c.isdigit() for c in key)
        self.foreign = small and all(c.country != "SY" and c.kind != "country" for c in cands)
        #: One letter + this key that is a frequent word of its own (فرقة، ورقة: not
        #: ف/و + رقة for الرقة), as wordfreq counts it.
        base = zipf.get(key, 0.0)
        self.clipped = (
            frozenset(
                p + key
                for p in "وفبلك"
                if zipf.get(p + key, 0.0) >= _WORD_ZIPF and zipf.get(p + key, 0.0) > base
            )
            if self.one_word
            else frozenset()
        )
        self.short = small and self.one_word and len(key) <= 3


class Admitter:
    """Apply the non-place rules to matches.

    Parameters
    ----------
    keys : sequence of str
        The index's keys (``NameMatcher.keys``).
    key_places : sequence of tuple of int
        Place indices per key.
    place_at : callable
        Place index -> :class:`~gazetteer.model.Place`.
    zipf : dict
        One-word match form -> Zipf frequency (:func:`gazetteer.nonplaces.word_zipf`).
    """

    def __init__(
        self,
        keys: Sequence[str],
        key_places: Sequence[tuple[int, ...]],
        place_at: Callable[[int], Place],
        zipf: dict[str, float],
    ):
        self._keys = keys
        self._key_places = key_places
        self._place_at = place_at
        self._zipf = zipf
        self._facts: dict[int, KeyFacts] = {}
        self._forms: dict[tuple[int, str], tuple[bool, bool, bool, bool]] = {}
        self._prev: dict[str | None, tuple[bool, bool, bool, int, bool]] = {}

    def facts(self, key_id: int) -> KeyFacts:
        """Return the facts of one key (computed on first use)."""
        f = self._facts.get(key_id)
        if f is None:
            cands = tuple(self._place_at(i) for i in self._key_places[key_id])
            f = self._facts[key_id] = KeyFacts(self._keys[key_id], cands, self._zipf)
        return f

    def _form_facts(self, key_id: int, form: str, f: KeyFacts) -> tuple[bool, bool, bool, bool]:
        """Return what a name's written form says about it.

        (needs context as a frequent or common word, is a bare kind-of-place noun, is a
        plural common noun: never a place, is a frequent indefinite plural-pattern word:
        a locative word before it is context enough).
        """
        hit = self._forms.get((key_id, form))
        if hit is None:
            zipf = self._zipf.get(form, 0.0)
            frequent = npl.needs_context_by_frequency(zipf, f.cands)
            forms = npl.strip_clitics(form)
            generic = not forms.isdisjoint(npl.GENERIC_NOUNS)
            needs = frequent or generic or npl.is_common_word(form)
            plural = not forms.isdisjoint(npl.PLURAL_NOUNS)
            pattern = (
                not needs
                and npl.is_plural_pattern(form)
                and npl.plural_needs_context(zipf, f.cands)
            )
            hit = self._forms[(key_id, form)] = (needs or pattern, generic, plural, pattern)
        return hit

    def _prev_facts(self, prev: str | None) -> tuple[bool, bool, bool, int, bool, bool]:
        """Return what the word before a name says.

        (opens an actor's or person's name, settlement word, locative or settlement
        word, :func:`prev_class`, opens a compound village name, makes a kind-of-place
        noun a name).
        """
        hit = self._prev.get(prev)
        if hit is None:
            if len(self._prev) > _WORD_CACHE_MAX:
                self._prev = {}
            strong = npl.has_strong_context(prev)
            hit = self._prev[prev] = (
                npl.actor_before(prev) is not None,
                strong,
                strong or npl.has_weak_context(prev, ""),
                prev_class(prev),
                npl.compound_head_before(prev),
                npl.settles_generic(prev),
            )
        return hit

    def admit(
        self, view: TextView, mstart: int, mend: int, key_id: int, prefix: str, article: bool
    ) -> Pending | None:
        """Apply the rules to one match; return it with a confidence, or None.

        Parameters
        ----------
        view : TextView
        mstart, mend : int
            The name's span in the match text (article included when written).
        key_id : int
        prefix : str
            Proclitics attached in front.
        article : bool
            Whether the name was written with its article.

        Returns
        -------
        Pending or None
        """
        out = self.admit_all(view, [(mstart, mend, key_id, prefix, article)])
        return out[0] if out else None

    def admit_all(
        self,
        view: TextView,
        matches: list[tuple[int, int, int, str, bool]],
        blocked: bytearray | None = None,
    ) -> list[Pending]:
        """Apply the rules to every match of a text (:meth:`NameMatcher.find_raw` tuples).

        Parameters
        ----------
        view : TextView
        matches : list of tuple
            ``(mstart, mend, key_id, prefix, article)``.
        blocked : bytearray, optional
            One byte per match-text character, non-zero inside an actor's name: matches
            touching it are skipped.

        Returns
        -------
        list of Pending
            The admitted matches, in the order given.
        """
        # One loop with local names: this runs for every match of every text.
        mtext = view.mtext
        n = len(mtext)
        rfind, find = mtext.rfind, mtext.find
        prev_get, facts_get, forms_get = self._prev.get, self._facts.get, self._forms.get
        tails = npl.OUTLET_TAILS
        out: list[Pending] = []
        append = out.append
        for mstart, mend, key_id, prefix, article in matches:
            generic = False
            if blocked is not None and 1 in blocked[mstart:mend]:
                continue
            ws = mstart - len(prefix)
            # The last word of mtext[ws - WINDOW : ws] (ws starts a word, so mtext[ws - 1]
            # is a space) and what it says.
            e = ws - 1
            if e <= 0:
                prev = None
            else:
                a = rfind(" ", 0, e) + 1
                if a < ws - WINDOW:
                    a = ws - WINDOW
                prev = mtext[a:e] or None
            pf = prev_get(prev) or self._prev_facts(prev)
            if pf[0]:
                continue
            # «كفر حلب» unknown to the table: حلب is the tail of a village name, not Aleppo.
            if pf[4] and not prefix:
                continue
            # The first word of mtext[mend : mend + WINDOW] (mtext[mend] is the space
            # after the name): an outlet's name ends there.
            b = mend + 1
            lim = mend + WINDOW
            e = find(" ", b, lim)
            nxt = mtext[b : e if e >= 0 else min(n, lim)]
            if nxt in tails:
                continue
            f = facts_get(key_id) or self.facts(key_id)
            form = mtext[mstart:mend]
            # «فرقة» is a word (a team), not ف + (ال)رقة; «وحلب» is و + حلب.
            if f.clipped and len(prefix) == 1 and prefix + form in f.clipped:
                continue
            # «قريتي برج القاص» unknown to the table: برج opens that name, it is not Al Burj.
            if f.head and npl.opens_tail(nxt) and only_space_between(view, mend):
                continue
            conf = 0.9 if prefix else 0.95
            if f.spaced_road:
                before = mtext[max(0, ws - WINDOW) : ws].split()
                if not road_context(view, mstart, mend, before):
                    continue
                conf = 0.85
            if f.one_word:
                ff = forms_get((key_id, form)) or self._form_facts(key_id, form, f)
                generic = ff[1]
                if ff[2]:
                    # القرى، المناطق، القوات: not even after a settlement word (في المدن
                    # والمناطق).
                    continue
                if ff[0]:
                    # A bare settlement noun (مزرعة، قرى) is not rescued by a hint after it,
                    # nor by a containment word before it (ريف المدينة: the city's).
                    hinted = (
                        (pf[5] if generic else pf[1])
                        or (ff[3] and ("ب" in prefix or pf[2]))
                        or (
                            not generic
                            and (nxt in _HINT_OPEN or nxt.startswith("ب"))
                            and hint_next(mtext, nxt, e, lim)
                        )
                    )
                    conf = 0.8 if hinted else -1.0
                elif f.short:
                    hinted = (
                        "ب" in prefix
                        or pf[2]
                        or (
                            (nxt in _HINT_OPEN or nxt.startswith("ب"))
                            and hint_next(mtext, nxt, e, lim)
                        )
                    )
                    conf = 0.75 if hinted else -1.0
            if (
                conf > 0
                and f.foreign
                and not (pf[1] or pf[3] == 3 or nxt in npl.COUNTRY_NISBAS)
                and not hint_next(mtext, nxt, e, lim)
            ):
                # «في الرأس على طريق …» is not Ras Ali (IL); «مدينة الريحانية» and
                # «الريحانية التركية» are Reyhanli.
                conf = -1.0
            if conf < 0:
                # No context of its own: kept only when "و" joins it to a place named
                # just before it (core's coordination rule), so without "و" it goes now;
                # a kind-of-place or plural noun (والقرى) is never kept that way.
                if prefix.startswith("و") and not generic:
                    append(
                        Pending(
                            mstart,
                            mend,
                            key_id,
                            prefix,
                            article,
                            0.7,
                            form,
                            f.cands,
                            True,
                            prev,
                            pf[3],
                        )
                    )
                continue
            append(
                Pending(
                    mstart, mend, key_id, prefix, article, conf, form, f.cands, False, prev, pf[3]
                )
            )
        return out

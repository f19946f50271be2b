"""How frequent a word is in Arabic (``wordfreq``), and when that makes a name need context.

Part of the non-place rules of :mod:`gazetteer.nonplaces` (which re-exports these names):
a one-word name that is also a frequent Arabic word is a place only with context. The Zipf
frequencies of the index's one-word keys are looked up once and cached on disk next to the
index (keyed by the words and the ``wordfreq`` version).

Written by hand on top of ``wordfreq``: the thresholds are this project's rules (see
docs/gazetteer-matching.md).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from gazetteer.matcher import _DROP, _FOLD
from gazetteer.model import Place

__all__ = [
    "frequency_threshold",
    "is_plural_pattern",
    "needs_context_by_frequency",
    "plural_needs_context",
    "word_zipf",
]

_WORD_FOLD = dict(_FOLD)
_WORD_FOLD.update({ord(c): None for c in _DROP})
_ZIPF_MEMO: dict[str, dict[str, float]] = {}


def frequency_threshold(place: Place) -> float:
    """Zipf frequency from which a one-word name of ``place`` needs context.

    Parameters
    ----------
    place : Place

    Returns
    -------
    float
        Syrian places: 3.3 + 0.45 log10(population + 1) (a hamlet's name must be rare,
        Aleppo's may be common); foreign places below a million people: 2.5 + 0.3
        log10(population + 1); countries and foreign cities of a million: never.
    """
    lp = math.log10(max(place.population, 0) + 1)
    if place.kind == "country":
        return math.inf
    if place.country == "SY":
        return 3.3 + 0.45 * lp
    if place.population >= 1_000_000:
        return math.inf
    return 2.5 + 0.3 * lp


def is_plural_pattern(form: str) -> bool:
    """Whether a one-word name, as written, looks like an indefinite sound feminine plural.

    «قنوات» ("channels"), «ساحات», «خيمات»: a bare word of three or more root letters plus
    «ات», without the article. Such a word is ordinary vocabulary far more often than it is
    a village, so it gets the lower threshold of :func:`plural_needs_context`.
    """
    return " " not in form and not form.startswith("ال") and len(form) >= 5 and form.endswith("ات")


def plural_needs_context(zipf: float, cands: Sequence[Place]) -> bool:
    """Whether a plural-pattern name this frequent needs a locative word before it.

    The threshold is the one of a foreign place of the same size (2.5 + 0.3 log10(pop+1)),
    for Syrian places too: «نشرته على قنوات في تطبيق تلغرام» is about channels, while
    «في قنوات»، «بلدة قنوات» keep the village.
    """
    if not cands or any(c.kind == "country" for c in cands):
        return False
    pop = max(max(c.population, 0) for c in cands)
    return zipf >= 2.5 + 0.3 * math.log10(pop + 1)


def needs_context_by_frequency(zipf: float, cands: Sequence[Place]) -> bool:
    """Whether a name this frequent needs context, given the places that bear it."""
    return bool(cands) and zipf >= max(frequency_threshold(c) for c in cands)


def word_zipf(forms: Iterable[str], *, cache_dir: Path | None = None) -> dict[str, float]:
    """Zipf frequencies (wordfreq, Arabic, large list) of one-word match forms.

    The list is folded like the match text (hamza forms, ى/ي, ة/ه, diacritics) and the
    frequencies of spellings that fold together are added up. Reading the list takes about
    a second, so the result for a given set of forms is cached as JSON in ``cache_dir``
    (validated on read; JSON only, never pickle) and in memory.

    Parameters
    ----------
    forms : iterable of str
        Match-form words.
    cache_dir : pathlib.Path, optional
        Where to keep the cache file; nothing is written when None or not writable.

    Returns
    -------
    dict
        form -> Zipf frequency, only for forms found in the list.
    """
    wanted = sorted(set(forms))
    digest = hashlib.sha256(
        ("\n".join(wanted) + "|wordfreq-" + _wordfreq_version() + "|v1").encode()
    ).hexdigest()[:20]
    if digest in _ZIPF_MEMO:
        return _ZIPF_MEMO[digest]
    path = cache_dir / f"wordfreq-ar-{digest}.json" if cache_dir else None
    result = _read_cache(path, set(wanted)) if path else None
    if result is None:
        import wordfreq  # only on a cache miss: importing it takes ~0.1 s

        want = set(wanted)
        acc: dict[str, float] = {}
        for index, bucket in enumerate(wordfreq.get_frequency_list("ar", "large")):
            freq = 10.0 ** (-index / 100.0)
            for w in bucket:
                k = w.translate(_WORD_FOLD)
                if k in want:
                    acc[k] = acc.get(k, 0.0) + freq
        result = {k: round(math.log10(v) + 9.0, 3) for k, v in acc.items()}
        if path:
            _write_cache(path, result)
    _ZIPF_MEMO[digest] = result
    return result


def _read_cache(path: Path, wanted: set[str]) -> dict[str, float] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and k in wanted and isinstance(v, int | float) for k, v in data.items()
    ):
        return None
    return {k: float(v) for k, v in data.items()}


def _write_cache(path: Path, result: dict[str, float]) -> None:
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)


def _wordfreq_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wordfreq")
    except PackageNotFoundError:
        return "unknown"

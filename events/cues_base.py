"""The two building blocks of every cue table: proclitics and whole-word stems."""

from __future__ import annotations

import re

__all__ = ["PREFIX", "word_re"]

PREFIX = r"(?:[وف]?(?:بال|كال|لل|ال|ب|ل|ك)?)"


def word_re(*stems: str) -> re.Pattern[str]:
    """Compile whole-word alternatives that may carry proclitics (normalized spelling)."""
    alts = "|".join(sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<!\w){PREFIX}(?:{alts})(?!\w)")

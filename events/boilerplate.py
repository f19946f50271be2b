"""Remove page furniture from an article's text, whole lines at a time.

The furniture: read-also tails, comment and newsletter boxes, share buttons, view counters,
taglines, trailing bylines and repeated titles.

Every rule works on whole lines: a line is kept verbatim (only trimmed) or dropped, so the
evidence sentences that extraction slices out of the cleaned text are exactly as printed.
Lines are matched on their normalized form (:func:`gazetteer.normalize.normalize`), so
"اقرأ أيضاً", "إقرأ ايضا" and "اقرا أيضًا" are one pattern.

Written by hand: trafilatura removes this furniture from HTML pages but not from text that
was copied out of a page, and no library knows the Arabic wording of these boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazetteer.normalize import normalize_with_offsets

__all__ = ["Cleaned", "is_headline_like", "line_kind", "normalize", "strip_boilerplate"]

#: A line of at most this many words that does not end with a full stop reads as a headline.
HEADLINE_MAX_WORDS = 20
#: How many headline-like lines a "read also" marker may carry below it.
RELATED_MAX_LINES = 12
#: The first lines of an article where a repeated title is looked for.
TOP_LINES = 8

# "Read also" markers: the related-headline block they start is dropped.
_READ_ALSO = re.compile(
    r"^[^\w]*(?:"
    r"(?:و?قد\s+)?(?:يهمك|تهمك|يعجبك|يهمكم)\s+(?:ايضا|كذلك)"
    r"|(?:اقرا|طالع|شاهد|تابع|اقرؤوا|اقراوا)\s+(?:ايضا|كذلك|المزيد)"
    r"|(?:مواضيع|موضوعات|اخبار|مقالات|روابط|قصص|تقارير)\s+ذات\s+صله"
    r"|ذات\s+صله"
    r"|المزيد\s+من\s+(?:الاخبار|المقالات)"
    r"|(?:الاكثر|الاخبار\s+الاكثر)\s+(?:قراءه|مشاهده)"
    r")"
)
# Boxes that are page furniture wherever they stand; they also start a block of short lines.
_BOX = re.compile(
    r"^[^\w]*(?:"
    # comment boxes
    r"(?:اترك|اكتب|اضف|أضف)\s+(?:ردا?|تعليقا?|تعليقك|ردك)"
    r"|لن\s+يتم\s+نشر\s+عنوان\s+بريدك"
    r"|الحقول\s+(?:المطلوبه|الالزاميه|الاجباريه)"
    r"|احفظ\s+اسمي"
    r"|(?:ارسال|نشر)\s+التعليق"
    r"|التعليقات\s*(?:\(\d+\))?\s*$"
    r"|\d*\s*تعليقات?\s*$"
    # newsletter and account boxes
    r"|اشترك\s+(?:في|ب)\s*(?:النشره|نشرتنا|نشره|القائمه)"
    r"|اشترك\s+الان"
    r"|لم\s+تشترك\s+بعد"
    r"|انشئ\s+حسابا"
    r"|(?:قم\s+ب)?تسجيل\s+الدخول"
    r"|سجل\s+(?:الدخول|دخولك)"
    r"|النشره\s+البريديه\s*$"
    r"|تابعونا\s+(?:على|عبر|في)"
    r"|تابعنا\s+(?:على|عبر|في)"
    r")"
)
# Copyright lines and site taglines: dropped, but they start no block (a title follows them).
_TAGLINE = re.compile(
    r"^[^\w]*(?:"
    r"جميع\s+الحقوق\s+محفوظه"
    r"|حقوق\s+(?:النشر|الطبع)"
    r"|موقع\s+(?:اخباري|الكتروني|اعلامي|اخبار)"
    r"|all\s+rights\s+reserved"
    r")"
)
_COPYRIGHT_SIGN = re.compile(r"[©®]")
# View counters: "0 32", "1,234 مشاهدة", "عدد القراءات: 120".
_COUNTER = re.compile(
    r"^(?:[\d\s,.:|/-]*)(?:عدد\s+)?(?:مشاهده|مشاهدات|قراءه|قراءات|زياره|views?)?(?:[\s\d,.:]*)$"
)
# Byline / source lines, dropped at the end of an article only.
_BYLINE = re.compile(
    r"^[^\w]*(?:المصدر|المصادر|مصدر|الكاتب|كتب|بقلم|تحرير|اعداد|ترجمه|المحرر|مراسل|المراسل|"
    r"تصوير|المترجم)\s*[:：\-–]"
)
# Share buttons: a line made only of these words (after dropping punctuation).
_SHARE_WORDS = frozenset(
    (
        "مشاركه",
        "شارك",
        "شاركها",
        "شاركوا",
        "هذا",
        "المقال",
        "الخبر",
        "الموضوع",
        "عبر",
        "على",
        "في",
        "تويتر",
        "فيسبوك",
        "فيس",
        "بوك",
        "واتساب",
        "واتس",
        "اب",
        "تيليجرام",
        "تلغرام",
        "تليغرام",
        "تيلغرام",
        "تلجرام",
        "لينكدان",
        "لينكد",
        "ان",
        "انستغرام",
        "انستجرام",
        "يوتيوب",
        "بريد",
        "البريد",
        "الكتروني",
        "الالكتروني",
        "طباعه",
        "نسخ",
        "الرابط",
        "رابط",
        "مختصر",
        "ماسنجر",
        "اكس",
        "ايميل",
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "linkedin",
        "email",
        "print",
        "pinterest",
        "reddit",
        "messenger",
        "x",
        "share",
        "tweet",
    )
)
_SHARE_ANCHORS = frozenset(
    (
        "مشاركه",
        "شارك",
        "شاركها",
        "شاركوا",
        "تويتر",
        "فيسبوك",
        "واتساب",
        "تيليجرام",
        "تلغرام",
        "تليغرام",
        "لينكدان",
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "share",
    )
)


def _fold_table() -> dict[int, str]:
    """Build the ``str.translate`` table of ``gazetteer.normalize`` for single characters."""
    table: dict[int, str] = {}
    for code in [*range(0x0700), *range(0x2000, 0x2070), 0xFEFF]:
        ch = chr(code)
        folded = normalize_with_offsets(ch)[0]
        if folded != ch:
            table[code] = folded
    return table


_FOLD = _fold_table()


def normalize(text: str) -> str:
    """Fold a line like :func:`gazetteer.normalize.normalize`, at ``str.translate`` speed.

    Censorship dots are kept (they need context and no furniture pattern contains one).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return " ".join(text.translate(_FOLD).split())


_SHARE_WORDS_N = frozenset(normalize(w) for w in _SHARE_WORDS)
_SHARE_ANCHORS_N = frozenset(normalize(w) for w in _SHARE_ANCHORS)
#: Lines longer than this are never counters, share rows or breadcrumbs.
_SHORT_LINE = 160
_FURNITURE = frozenset(("junk", "box", "tagline", "related", "related_inline"))
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
_BREADCRUMB = re.compile(r"[»›>|]")
_FULL_STOP_END = re.compile(r"[.!:؛;][\s\"'»”)\]]*$")


@dataclass(frozen=True, slots=True)
class Cleaned:
    r"""The result of :func:`strip_boilerplate`.

    Parameters
    ----------
    text : str
        The kept lines, trimmed, joined with ``\\n`` (runs of blank lines become one).
    title : str
        The headline: the given title, else the first line when it reads as a headline.
    dropped : tuple of str
        The dropped lines, in text order (for diagnostics and tests).
    """

    text: str
    title: str
    dropped: tuple[str, ...]


def is_headline_like(line: str) -> bool:
    """Return whether a line reads as a headline rather than a body paragraph.

    Parameters
    ----------
    line : str
        One trimmed line.

    Returns
    -------
    bool
        True for 1 to ``HEADLINE_MAX_WORDS`` words not ending with a full stop or colon
        (a question or exclamation mark is allowed: headlines end with them).
    """
    words = len(line.split())
    if words == 0 or words > HEADLINE_MAX_WORDS:
        return False
    return not re.search(r"[.:][\s\"'»”)\]]*$", line)


def _is_share_line(norm: str) -> bool:
    words = [w.lower() for w in _WORD.findall(norm)]
    return (
        bool(words)
        and all(w in _SHARE_WORDS_N for w in words)
        and any(w in _SHARE_ANCHORS_N for w in words)
    )


def _is_breadcrumb(norm: str) -> bool:
    parts = [p.strip() for p in _BREADCRUMB.split(norm)]
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def line_kind(line: str) -> str:
    """Classify one trimmed line.

    Parameters
    ----------
    line : str
        One line of an article, trimmed.

    Returns
    -------
    str
        ``"blank"``; ``"junk"`` (no letters: counters, rules, lone numbers; view counters;
        share buttons; breadcrumbs); ``"box"`` (comment, newsletter, account);
        ``"tagline"`` (copyright, "موقع إخباري …"); ``"related"`` (a "read also" marker
        alone on its line); ``"related_inline"`` (a "read also" marker followed by its
        headline); ``"byline"``; ``"headline"``
        (short, no full stop); ``"body"``.
    """
    if not line.strip():
        return "blank"
    if not _LETTER.search(line):
        return "junk"
    short = len(line) <= _SHORT_LINE
    # Every pattern is anchored at the start of the line: normalizing a prefix is enough.
    low = normalize(line if short else line[:_SHORT_LINE]).lower()
    if short and (_COUNTER.match(low) or _is_share_line(low) or _is_breadcrumb(low)):
        return "junk"
    m = _READ_ALSO.match(low)
    if m:
        rest = low[m.end() :].strip(" :：-–—.…")
        return "related_inline" if _LETTER.search(rest) else "related"
    if _BOX.match(low):
        return "box"
    if _TAGLINE.match(low) or (_COPYRIGHT_SIGN.search(line) and len(line.split()) <= 15):
        return "tagline"
    if _BYLINE.match(low) and len(line.split()) <= 15:
        return "byline"
    return "headline" if is_headline_like(line) else "body"


def _same(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


def strip_boilerplate(text: str, *, title: str = "") -> Cleaned:
    """Drop the page furniture around an article's body, line by line.

    Rules (each on whole lines, never inside a paragraph):

    1. Junk and boxes go wherever they stand: lines without letters ("0 32", "ـــ"), view
       counters, share-button rows ("مشاركة:", "تويتر فيسبوك واتساب"), breadcrumbs,
       comment boxes ("اترك رد", "لن يتم نشر عنوان بريدك الإلكتروني"), newsletter and
       account boxes ("لم تشترك بعد", "انشئ حساباً"), copyright lines and site taglines.
    2. A "read also" marker with its headline on the same line ("اقرأ أيضاً: …") is dropped
       alone. A marker alone on its line ("وقد يهمك أيضا:") and a box both drop the run of
       headline-like lines (and blanks) that follows them, up to ``RELATED_MAX_LINES``.
    3. After the last body paragraph: bylines ("المصدر: …", "الكاتب: …"); a run of two or
       more headline-like lines followed by furniture (a related-headline list without
       its marker); any line repeating the title or an earlier line.
    4. At the top: a line that repeats the title (the first line when it reads as one).

    Parameters
    ----------
    text : str
        The decoded article text (any newline convention).
    title : str, optional
        A known headline (the HTML ``<title>``); else the first line when it reads as one.

    Returns
    -------
    Cleaned
        The kept text, the title and the dropped lines.
    """
    lines = [ln.strip() for ln in text.splitlines()]
    kinds = [line_kind(ln) for ln in lines]
    drop = [k in _FURNITURE for k in kinds]

    # Rule 2: the headline-like run below a marker alone on its line, or below a box.
    for i, kind in enumerate(kinds):
        if kind not in ("related", "box"):
            continue
        taken = 0
        for j in range(i + 1, min(len(lines), i + 1 + 4 * RELATED_MAX_LINES)):
            if kinds[j] == "blank":
                continue
            if kinds[j] in ("headline", "byline") and taken < RELATED_MAX_LINES:
                drop[j] = True
                taken += 1
            elif drop[j]:
                continue
            else:
                break

    # The title: given, else the first kept line when it reads as a headline.
    first = next((i for i, ln in enumerate(lines) if ln and not drop[i]), None)
    if not title and first is not None and kinds[first] == "headline":
        title = lines[first]

    # Rule 4: a repeated title at the top (keep its first occurrence).
    if title:
        seen_title = False
        shown = 0
        for i, ln in enumerate(lines):
            if not ln or drop[i]:
                continue
            shown += 1
            if shown > TOP_LINES:
                break
            if _same(ln, title):
                drop[i] = seen_title
                seen_title = True

    # Rule 3: the trailing block after the last body paragraph.
    last_body = max((i for i, k in enumerate(kinds) if k == "body" and not drop[i]), default=-1)
    tail = [i for i in range(last_body + 1, len(lines)) if lines[i] and not drop[i]]
    earlier = {
        normalize(lines[i])
        for i in range(last_body + 1)
        if lines[i] and not drop[i] and len(lines[i]) <= 4 * _SHORT_LINE
    }
    if title:
        earlier.add(normalize(title))
    furniture_after = [False] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        furniture_after[i] = furniture_after[i + 1] or kinds[i] in _FURNITURE
    run: list[int] = []
    for i in tail:
        norm = normalize(lines[i])
        if kinds[i] == "byline" or (norm in earlier and i != first):
            drop[i] = True
        elif kinds[i] == "headline" and i != first:
            run.append(i)
        earlier.add(norm)
    if len(run) >= 2 and furniture_after[run[-1] + 1]:
        for i in run:
            drop[i] = True

    kept: list[str] = []
    for i, ln in enumerate(lines):
        if drop[i]:
            continue
        if not ln and (not kept or not kept[-1]):
            continue
        kept.append(ln)
    while kept and not kept[-1]:
        kept.pop()
    dropped = tuple(ln for i, ln in enumerate(lines) if drop[i] and ln)
    return Cleaned(text="\n".join(kept), title=title, dropped=dropped)

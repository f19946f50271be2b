"""Bytes to text: decoding an article file and extracting the body of an HTML page.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes without one mean a binary
file (or BOM-less UTF-16 when it decodes to prose); strict UTF-8; windows-1256 when the result
is Arabic prose; else charset-normalizer's best guess when it is confident. HTML bodies come
from trafilatura: scripts, styles, navigation and comments are dropped, nothing is executed.
"""

from __future__ import annotations

import datetime as dt
import re

from events.errors import ArticleError

__all__ = ["CONTROL", "HTML_SNIFF", "decode_bytes", "extract_html"]

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<article)", re.I)
#: Control characters that never occur in text (tab, newlines, form feed are fine).
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")


def _looks_like_text(text: str) -> bool:
    """Whether decoded text is plausible prose (no control characters, has letters, spaces)."""
    if CONTROL.search(text):
        return False
    sample = text[:20000]
    letters = len(_LETTER.findall(sample))
    if letters == 0:
        return False
    return len(sample) < 40 or sample.count(" ") + sample.count("\n") >= len(sample) * 0.04


def decode_bytes(data: bytes, *, name: str = "<bytes>") -> str:
    """Decode an article's bytes.

    Order: a byte-order mark (UTF-8, UTF-16, UTF-32); NUL bytes without a BOM mean a binary
    file (or BOM-less UTF-16, accepted when it decodes to text); strict UTF-8;
    windows-1256 when the result is Arabic prose; else charset-normalizer's best guess
    when it decodes to plausible text.

    Parameters
    ----------
    data : bytes
        The raw file content.
    name : str
        The file name, for error messages.

    Returns
    -------
    str
        The decoded text, BOM removed.

    Raises
    ------
    ArticleError
        Empty, binary or undecodable input.
    """
    if not data.strip():
        raise ArticleError(f"{name}: empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ArticleError(
                    f"{name}: starts with a {codec.upper()} byte-order mark but is not valid "
                    f"{codec.upper()} (byte {exc.start})"
                ) from None
            return text.lstrip("\ufeff")
    if b"\x00" in data:
        for codec in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text):
                return text
        raise ArticleError(f"{name}: binary file (contains NUL bytes), not an article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if CONTROL.search(text):
            raise ArticleError(f"{name}: binary file (control characters), not an article")
        return text
    text = data.decode("cp1256", errors="replace")
    letters = _LETTER.findall(text[:20000])
    arabic = sum(1 for ch in letters if _ARABIC.match(ch))
    if "\ufffd" not in text and letters and arabic >= 0.5 * len(letters) and _looks_like_text(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.chaos <= 0.2:
        guess = str(best)
        if _looks_like_text(guess):
            return guess
    raise ArticleError(
        f"{name}: cannot decode: not UTF-8, UTF-16 with a BOM or windows-1256 text "
        "(save the file as UTF-8)"
    )


def extract_html(raw: str, *, name: str) -> tuple[str, str, dt.date | None]:
    """Extract the article body, title and date of an HTML page with trafilatura.

    Parameters
    ----------
    raw : str
        The decoded page.
    name : str
        The file name, for error messages.

    Returns
    -------
    text : str
        The body, one paragraph per line (scripts, styles, navigation, comments dropped).
    title : str
        The page's title ("" when none).
    page_date : datetime.date or None
        The date the page states in its metadata (never guessed from the text).

    Raises
    ------
    ArticleError
        The page holds no article text.
    """
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout (threads)
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "20")
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")  # only dates the page states
    doc = trafilatura.bare_extraction(
        raw,
        include_comments=False,
        include_tables=True,
        include_images=False,
        with_metadata=True,
        config=config,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        # Short pages: trafilatura's baseline keeps paragraph text (still no scripts).
        _tree, text, _length = trafilatura.baseline(raw)
        text = (text or "").strip()
    if not text:
        raise ArticleError(f"{name}: HTML page has no article text")
    title = (getattr(doc, "title", None) or "").strip() if doc is not None else ""
    page_date = None
    raw_date = getattr(doc, "date", None) if doc is not None else None
    if raw_date:
        try:
            page_date = dt.date.fromisoformat(str(raw_date)[:10])
        except ValueError:
            page_date = None
    return text, title, page_date

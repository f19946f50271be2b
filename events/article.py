"""Read an article file (plain text or HTML) or pasted text into an :class:`Article`.

Steps: check the size, decode and extract the body of an HTML page
(:mod:`events.article_decode`), strip the page furniture
(:mod:`events.boilerplate`), then take the metadata: options, else the ``.json`` sidecar,
else the HTML page's metadata, else a dated header printed at the top of the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from events.article_decode import CONTROL, HTML_SNIFF, decode_bytes, extract_html
from events.boilerplate import strip_boilerplate
from events.errors import ArticleError, DateError
from events.model import Article

__all__ = [
    "HTML_SUFFIXES",
    "Sidecar",
    "SidecarDateError",
    "article_from_text",
    "decode_bytes",
    "header_date",
    "parse_iso_date",
    "read_article",
    "read_sidecar",
]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
#: How many lines from the top may hold a dated header ("● أخبار سورية ١٧ أغسطس ٢٠٢٠").
HEADER_LINES = 6
#: A header line holds the date and at most this many other words.
HEADER_MAX_OTHER_WORDS = 6

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_LETTER = re.compile(r"[^\W\d_]")


class SidecarDateError(ArticleError, DateError):
    """A sidecar's ``published`` is not a YYYY-MM-DD date (both an article and a date error)."""


@dataclass(frozen=True, slots=True)
class Sidecar:
    """The metadata a ``foo.json`` beside ``foo.txt`` gives (unknown keys are ignored)."""

    article_id: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_inferred: bool | None = None
    title: str | None = None


def parse_iso_date(value: dt.date | str | None, *, what: str = "date") -> dt.date | None:
    """Return a date given as a ``datetime.date`` or a ``YYYY-MM-DD`` string.

    Parameters
    ----------
    value : date, str or None
        ``None`` and ``""`` give ``None``.
    what : str
        Names the value in the error message (e.g. ``"published in foo.json"``).

    Returns
    -------
    datetime.date or None

    Raises
    ------
    DateError
        When the string is not a real calendar date written YYYY-MM-DD.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value.strip()):
        raise DateError(f"{what}: {value!r} is not a date written YYYY-MM-DD (e.g. 2020-03-05)")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise DateError(f"{what}: {value!r} is not a real calendar date") from None


def _optional_str(data: dict[str, Any], key: str, name: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(f"{name}: {key!r} must be a string or null, not {value!r}")
    return value.strip() or None


def read_sidecar(article_path: str | Path) -> Sidecar | None:
    """Read the ``.json`` sidecar beside an article file, if there is one.

    Parameters
    ----------
    article_path : str or Path
        The article (``foo.txt``); its sidecar is ``foo.json``.

    Returns
    -------
    Sidecar or None
        ``None`` when there is no sidecar.

    Raises
    ------
    ArticleError
        Invalid JSON, not an object, or a field of the wrong type.
    SidecarDateError
        ``published`` is not a YYYY-MM-DD date (e.g. "2020-13-45", "yesterday"); it is an
        :class:`ArticleError` and a :class:`DateError`.
    """
    path = Path(article_path).with_suffix(".json")
    if path == Path(article_path) or not path.is_file():
        return None
    name = str(path)
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ArticleError(f"{name}: sidecar is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ArticleError(
            f"{name}: sidecar is not valid JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno})"
        ) from None
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read sidecar ({exc.strerror})") from None
    if not isinstance(data, dict):
        raise ArticleError(f"{name}: sidecar must be a JSON object, not {type(data).__name__}")
    raw_id = data.get("id")
    if raw_id is not None and not isinstance(raw_id, (str, int)):
        raise ArticleError(f"{name}: 'id' must be a string, not {raw_id!r}")
    inferred = data.get("published_inferred")
    if inferred is not None and not isinstance(inferred, bool):
        raise ArticleError(f"{name}: 'published_inferred' must be true or false, not {inferred!r}")
    try:
        published = parse_iso_date(data.get("published"), what=f"{name}: 'published'")
    except DateError as exc:
        raise SidecarDateError(str(exc)) from None
    return Sidecar(
        article_id=str(raw_id).strip() or None if raw_id is not None else None,
        source=_optional_str(data, "source", name),
        url=_optional_str(data, "url", name),
        published=published,
        published_inferred=inferred,
        title=_optional_str(data, "title", name),
    )


def header_date(text: str) -> dt.date | None:
    """Return the date printed in a header line at the top of an article, if any.

    A header line is one of the first ``HEADER_LINES`` non-empty lines that holds a full
    date (day, month, year) and at most ``HEADER_MAX_OTHER_WORDS`` other words:
    "● أخبار سورية ١٧ أغسطس ٢٠٢٠", "الاثنين 17 آب 2020", "2020/08/17",
    "نشر بتاريخ: 17/08/2020 - 10:30". A dated sentence of the body does not count.

    Parameters
    ----------
    text : str
        The article text.

    Returns
    -------
    datetime.date or None
    """
    from events.dates import find_dates

    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > HEADER_LINES:
            break
        for mention in find_dates(line, published=None):
            if mention.date is None or mention.precision != 1 or mention.relative:
                continue
            rest = line[: mention.start] + " " + line[mention.end :]
            rest = re.sub(r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[صمaApP]\.?[mM]?\.?)?", " ", rest)
            words = [w for w in rest.split() if _LETTER.search(w)]
            if len(words) <= HEADER_MAX_OTHER_WORDS:
                return mention.date
    return None


def _resolve_published(
    option: dt.date | str | None, sidecar: Sidecar | None, fallback: dt.date | None
) -> tuple[dt.date | None, bool]:
    published = parse_iso_date(option, what="published option")
    if published is not None:
        return published, False
    if sidecar is not None and sidecar.published is not None:
        return sidecar.published, bool(sidecar.published_inferred)
    return fallback, False


def _build(
    text: str,
    *,
    name: str,
    article_id: str,
    source: str | None,
    url: str | None,
    published: dt.date | str | None,
    sidecar: Sidecar | None,
    title: str,
    page_date: dt.date | None,
    path: str | None,
    content_hash: str,
) -> Article:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = strip_boilerplate(text, title=title)
    if not cleaned.text.strip():
        raise ArticleError(f"{name}: no article text left after removing page furniture")
    fallback = page_date
    if fallback is None and (published is None and (sidecar is None or not sidecar.published)):
        fallback = header_date(text)
    when, inferred = _resolve_published(published, sidecar, fallback)
    return Article(
        article_id=article_id,
        text=cleaned.text,
        source=source or (sidecar.source if sidecar else None),
        url=url or (sidecar.url if sidecar else None),
        published=when,
        published_inferred=inferred,
        title=cleaned.title,
        path=path,
        content_hash=content_hash,
    )


def read_article(
    path: str | Path,
    *,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | str | None = None,
    max_bytes: int = 5_000_000,
) -> Article:
    """Read an article file (``.txt`` or ``.html``) and its ``.json`` sidecar.

    Parameters
    ----------
    path : str or Path
        The article file. HTML is recognised by its ending (.html, .htm, .xhtml) or by
        its first tag; its body is extracted with trafilatura.
    source, url : str, optional
        Override the sidecar's ``source`` and ``url``.
    published : date or str (YYYY-MM-DD), optional
        Overrides the sidecar's date (and sets ``published_inferred`` to False). Without
        either, the page's date (HTML) or a dated header line at the top is used.
    max_bytes : int
        Files larger than this are refused.

    Returns
    -------
    Article
        ``article_id`` is the sidecar's ``id``, else the file's stem; ``content_hash`` is
        the sha256 of the file's bytes.

    Raises
    ------
    ArticleError
        Missing, empty, binary, undecodable or too big file; broken sidecar (a broken
        ``published`` raises :class:`SidecarDateError`, also a :class:`DateError`).
    DateError
        The ``published`` option is not a YYYY-MM-DD date.
    """
    p = Path(path)
    name = str(p)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise ArticleError(f"{name}: not a file")
        if size > max_bytes:
            raise ArticleError(
                f"{name}: file is {size:,} bytes, over the limit of {max_bytes:,} bytes"
            )
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ArticleError(f"{name}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{name}: cannot read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise ArticleError(f"{name}: file is over the limit of {max_bytes:,} bytes")
    sidecar = read_sidecar(p)
    published_date = parse_iso_date(published, what="published option")
    text = decode_bytes(data, name=name)
    title = sidecar.title if sidecar and sidecar.title else ""
    page_date = None
    if p.suffix.lower() in HTML_SUFFIXES or HTML_SNIFF.match(data[:512].lstrip(b"\xef\xbb\xbf")):
        text, html_title, page_date = extract_html(text, name=name)
        title = title or html_title
    return _build(
        text,
        name=name,
        article_id=(sidecar.article_id if sidecar and sidecar.article_id else p.stem),
        source=source,
        url=url,
        published=published_date,
        sidecar=sidecar,
        title=title,
        page_date=page_date,
        path=name,
        content_hash=hashlib.sha256(data).hexdigest(),
    )


def article_from_text(
    text: str,
    *,
    article_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | str | None = None,
    title: str = "",
) -> Article:
    """Make an :class:`Article` from pasted text (the app's "add article" box).

    Parameters
    ----------
    text : str
        The article as pasted; page furniture is stripped as for files.
    article_id : str, optional
        Default ``"sha1:"`` + the first 16 hex digits of the SHA-1 of the UTF-8 text.
    source, url : str, optional
    published : date or str (YYYY-MM-DD), optional
        Without it, a dated header line at the top of the text is used.
    title : str, optional
        The headline when known; else the first line when it reads as one.

    Returns
    -------
    Article
        ``content_hash`` is the sha256 of the UTF-8 text.

    Raises
    ------
    ArticleError
        Empty text, or nothing left after removing page furniture.
    DateError
        ``published`` is not a YYYY-MM-DD date.
    """
    if not isinstance(text, str):
        raise ArticleError(f"pasted text must be a str, not {type(text).__name__}")
    if not text.strip():
        raise ArticleError("pasted text is empty")
    if CONTROL.search(text.replace("\x00", "\x01")):
        raise ArticleError("pasted text holds control characters (binary data?)")
    raw = text.encode("utf-8", errors="surrogatepass")
    published_date = parse_iso_date(published, what="published")
    return _build(
        text,
        name="pasted text",
        article_id=article_id or "sha1:" + hashlib.sha1(raw).hexdigest()[:16],
        source=source,
        url=url,
        published=published_date,
        sidecar=None,
        title=title,
        page_date=None,
        path=None,
        content_hash=hashlib.sha256(raw).hexdigest(),
    )

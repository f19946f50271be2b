"""Articles in, events into the store: ``ingest_paths``, ``ingest_article``, ``reprocess``.

Each article is read, extracted and saved on its own (one store transaction per article),
so one bad file is reported and the batch goes on. An article whose text and metadata are
unchanged since it was stored is skipped before extraction, which makes re-ingesting a
folder cheap and idempotent.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from events.errors import EventsError
from events.model import Article, Event
from events.store import EventStore, article_fingerprint

if TYPE_CHECKING:
    from gazetteer import Gazetteer

__all__ = [
    "ARTICLE_SUFFIXES",
    "IngestSummary",
    "ProgressFn",
    "find_article_files",
    "ingest_article",
    "ingest_paths",
    "reprocess",
]

#: File name endings ``ingest`` picks up in folders (case-insensitive).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

#: ``progress(done, total, label, status)``: called after each article of a batch.
ProgressFn = Callable[[int, int, str, str], None]
ExtractFn = Callable[..., Sequence[Event]]
ReadFn = Callable[[Path], Article]


@dataclass(frozen=True)
class IngestSummary:
    """What a batch did: counts per outcome and ``(path or article id, reason)`` per failure."""

    new: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: tuple[tuple[str, str], ...] = ()

    @property
    def succeeded(self) -> int:
        """Articles new, unchanged or replaced."""
        return self.new + self.unchanged + self.replaced

    def to_json(self) -> dict[str, Any]:
        """Return ``{new, unchanged, replaced, failed: [{path, reason}]}``."""
        return {
            "new": self.new,
            "unchanged": self.unchanged,
            "replaced": self.replaced,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
        }


class _Tally:
    def __init__(self) -> None:
        self.counts = {"new": 0, "unchanged": 0, "replaced": 0}
        self.failed: list[tuple[str, str]] = []

    def add(self, status: str) -> None:
        self.counts[status] += 1

    def fail(self, label: str, reason: str) -> None:
        self.failed.append((label, reason))

    def summary(self) -> IngestSummary:
        return IngestSummary(**self.counts, failed=tuple(self.failed))


class _SetupError(Exception):
    """The extractor or gazetteer cannot be loaded: not about one article, ends the batch."""

    def __init__(self, original: BaseException) -> None:
        super().__init__(str(original))
        self.original = original


class _Extraction:
    """The extract function and gazetteer, each resolved the first time an article needs it.

    So re-ingesting unchanged articles loads neither, and the app's first run pays for the
    gazetteer only when there is something to extract.
    """

    def __init__(self, extract: ExtractFn | None, gazetteer: Gazetteer | None) -> None:
        self._extract = extract
        self._gazetteer = gazetteer

    def _resolve(self) -> tuple[ExtractFn, Gazetteer]:
        try:
            if self._extract is None:
                from events.extract import extract_events

                self._extract = extract_events
            if self._gazetteer is None:
                from gazetteer import Gazetteer

                self._gazetteer = Gazetteer.load()
        except Exception as exc:
            raise _SetupError(exc) from exc
        return self._extract, self._gazetteer

    def __call__(self, article: Article) -> list[Event]:
        extract, gazetteer = self._resolve()
        return list(extract(article, gazetteer=gazetteer))

    @property
    def version(self) -> str:
        """``EXTRACTOR_VERSION`` of the extractor's module, else its qualified name."""
        extract = self._extract
        if extract is None:
            return ""
        module = sys.modules.get(getattr(extract, "__module__", ""), None)
        version = getattr(module, "EXTRACTOR_VERSION", None)
        if version:
            return str(version)
        name = getattr(extract, "__qualname__", type(extract).__qualname__)
        return f"{getattr(extract, '__module__', '?')}.{name}"


def _read_article(path: Path) -> Article:
    try:
        from events.article import read_article
    except ImportError as exc:
        raise _SetupError(exc) from exc
    return read_article(path)


def find_article_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Expand files and folders into the article files to ingest.

    Folders are searched recursively for ``*.txt``, ``*.html`` and ``*.htm`` (hidden files
    and folders skipped), in sorted order; a file named explicitly is taken whatever its
    ending, except a ``.json`` sidecar. Each file appears once.

    Parameters
    ----------
    paths : iterable of str or Path

    Returns
    -------
    files : list of Path
    failed : list of (path, reason)
        Paths that do not exist, sidecars given alone, folders without articles.
    """
    files: list[Path] = []
    failed: list[tuple[str, str]] = []
    seen: set[Path] = set()

    def take(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in ARTICLE_SUFFIXES
                and p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                failed.append((str(path), "folder holds no .txt, .html or .htm file"))
            for p in found:
                take(p)
        elif path.is_file():
            if path.suffix.lower() == ".json":
                failed.append((str(path), "a .json sidecar; give the article file beside it"))
            else:
                take(path)
        else:
            failed.append((str(path), "no such file or folder"))
    return files, failed


def ingest_article(
    article: Article,
    *,
    store: EventStore,
    gazetteer: Gazetteer | None = None,
    extract: ExtractFn | None = None,
) -> str:
    """Extract an article's events and save both (one transaction).

    Parameters
    ----------
    article : Article
    store : EventStore
    gazetteer : Gazetteer, optional
        Loaded with ``Gazetteer.load()`` when needed and not given.
    extract : callable, optional
        ``extract(article, gazetteer=...) -> list[Event]``; default
        :func:`events.extract.extract_events`.

    Returns
    -------
    str
        ``"new"``, ``"unchanged"`` (nothing extracted or written) or ``"replaced"``.
    """
    try:
        return _ingest_one(article, store, _Extraction(extract, gazetteer))
    except _SetupError as exc:
        raise exc.original from None


def _ingest_one(article: Article, store: EventStore, extraction: _Extraction) -> str:
    if store.fingerprint(article.article_id) == article_fingerprint(article):
        return "unchanged"
    events = extraction(article)
    return store.save_article(article, events, extractor_version=extraction.version)


def _failure(exc: BaseException) -> str:
    if isinstance(exc, EventsError | ValueError | OSError):
        return str(exc) or type(exc).__name__
    return f"unexpected {type(exc).__name__}: {exc}"


def ingest_paths(
    paths: Iterable[str | Path],
    *,
    store: EventStore,
    gazetteer: Gazetteer | None = None,
    progress: ProgressFn | None = None,
    extract: ExtractFn | None = None,
    read: ReadFn | None = None,
) -> IngestSummary:
    """Ingest article files and folders into the store, one transaction per article.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders (see :func:`find_article_files`).
    store : EventStore
    gazetteer : Gazetteer, optional
        Loaded on first need when not given (never, when every article is unchanged).
    progress : callable, optional
        ``progress(done, total, path, status)`` after each file; status is ``new``,
        ``unchanged``, ``replaced`` or ``failed: <reason>``.
    extract : callable, optional
        Default :func:`events.extract.extract_events`.
    read : callable, optional
        ``read(path) -> Article``; default :func:`events.article.read_article` (reads the
        ``.json`` sidecar).

    Returns
    -------
    IngestSummary
        A file that cannot be read or extracted is listed in ``failed`` with its reason;
        the others proceed. Two different files with the same article id in one batch: the
        second fails (it would replace the first on every run).
    """
    files, missing = find_article_files(paths)
    tally = _Tally()
    for label, reason in missing:
        tally.fail(label, reason)
    read = read or _read_article
    extraction = _Extraction(extract, gazetteer)
    ids: dict[str, tuple[str, str]] = {}  # article id -> (path, fingerprint) in this batch
    for done, path in enumerate(files, 1):
        label = str(path)

        def work(path: Path = path, label: str = label) -> str:
            article = read(path)
            fingerprint = article_fingerprint(article)
            first = ids.setdefault(article.article_id, (label, fingerprint))
            if first[1] != fingerprint:
                raise EventsError(
                    f"article id {article.article_id!r} is also used by {first[0]}; "
                    "rename one file or give it an 'id' in its sidecar"
                )
            return _ingest_one(article, store, extraction)

        status = _attempt(tally, label, work)
        if progress is not None:
            progress(done, len(files), label, status)
    return tally.summary()


def _attempt(tally: _Tally, label: str, work: Callable[[], str]) -> str:
    """Run one article's work; a failure is tallied with its reason, the batch goes on."""
    try:
        status = work()
    except _SetupError as exc:
        raise exc.original from None
    except ImportError:
        raise  # a broken installation, not a bad article
    except Exception as exc:  # any error of one article is reported, never hides the rest
        reason = _failure(exc)
        tally.fail(label, reason)
        return f"failed: {reason}"
    tally.add(status)
    return status


def reprocess(
    *,
    store: EventStore,
    gazetteer: Gazetteer | None = None,
    progress: ProgressFn | None = None,
    extract: ExtractFn | None = None,
) -> IngestSummary:
    """Re-extract every stored article from its stored text and metadata.

    Run after importing a bigger gazetteer or updating the rules. An article whose events
    come out different is ``replaced``; one whose events are the same is ``unchanged``; one
    whose extraction fails keeps its old events and is listed in ``failed`` (by id).

    Parameters
    ----------
    store : EventStore
    gazetteer : Gazetteer, optional
    progress : callable, optional
        As in :func:`ingest_paths`, with the article id as label.
    extract : callable, optional

    Returns
    -------
    IngestSummary
    """
    extraction = _Extraction(extract, gazetteer)
    ids = store.article_ids()
    tally = _Tally()
    for done, article_id in enumerate(ids, 1):
        article = store.article(article_id)
        if article is None:  # deleted meanwhile
            continue

        def work(article: Article = article) -> str:
            events = extraction(article)
            return store.save_article(
                article, events, force=True, extractor_version=extraction.version
            )

        status = _attempt(tally, article_id, work)
        if progress is not None:
            progress(done, len(ids), article_id, status)
    return tally.summary()

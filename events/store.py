"""The event store: articles and their events in SQLite (default) or a server database.

One article is saved in one transaction (its row and all its events, or nothing), so a
crash mid-ingest never leaves half an article. Events round-trip exactly: what
:meth:`EventStore.save_article` writes, :meth:`EventStore.events` gives back equal.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import exc as sa_exc

from events.errors import StoreError
from events.model import Article, Event
from events.store_db import WriteTxn, configure_sqlite, normalize_url, reason
from events.store_rows import (
    article_fingerprint,
    article_row,
    event_to_row,
    row_to_article,
    row_to_event,
)
from events.store_schema import (
    SCHEMA_VERSION,
    articles,
    event_sources,
    events,
    metadata,
    schema_info,
)

__all__ = ["LAYERS", "EventStore", "article_fingerprint", "default_url"]

#: Map layers and the event types they show (``incidents`` takes every other type).
LAYERS = ("patrols", "posts", "incidents", "all")
_LAYER_TYPES = {"patrols": "patrol", "posts": "observation_post"}


def default_url() -> str:
    """Return the store URL used when none is given.

    ``$CONFLICTMAP_DB`` when set, else the SQLite file ``events.sqlite`` in
    :func:`gazetteer.paths.data_dir`.

    Returns
    -------
    str
        An SQLAlchemy URL.
    """
    env = os.environ.get("CONFLICTMAP_DB")
    if env:
        return env
    from gazetteer.paths import data_dir

    return f"sqlite:///{data_dir() / 'events.sqlite'}"


# Statements built once (SQLAlchemy then reuses their compiled form); :aid = an article id.
_AID = sa.bindparam("aid")
_SELECT_OLD = sa.select(articles.c.fingerprint, articles.c.extractor_version).where(
    articles.c.article_id == _AID
)
_SELECT_FINGERPRINT = sa.select(articles.c.fingerprint).where(articles.c.article_id == _AID)
_DELETE_SOURCES = sa.delete(event_sources).where(
    event_sources.c.event_id.in_(sa.select(events.c.id).where(events.c.article_id == _AID))
)
_DELETE_EVENTS = sa.delete(events).where(events.c.article_id == _AID)
_UPDATE_ARTICLE = sa.update(articles).where(articles.c.article_id == _AID)
_DELETE_ARTICLE = sa.delete(articles).where(articles.c.article_id == _AID)
_INSERT_ARTICLE = sa.insert(articles)
_INSERT_EVENTS = sa.insert(events)
_INSERT_SOURCES = sa.insert(event_sources)


def _delete_events(conn: sa.Connection, article_id: str) -> None:
    """Delete the events of ``article_id`` (inside the caller's transaction)."""
    conn.execute(_DELETE_SOURCES, {"aid": article_id})
    conn.execute(_DELETE_EVENTS, {"aid": article_id})


def _write_events(conn: sa.Connection, article_id: str, rows: list[dict[str, Any]]) -> None:
    """Insert the event ``rows`` of ``article_id`` (inside the caller's transaction)."""
    if not rows:
        return
    conn.execute(_INSERT_EVENTS, rows)
    names = [
        {"event_id": row["id"], "name": name}
        for row in rows
        for name in sorted({row["source"], *json.loads(row["cited"])} - {None, ""})
    ]
    if names:
        conn.execute(_INSERT_SOURCES, names)


def _check_events(article: Article, evs: Sequence[Event]) -> None:
    seen: set[str] = set()
    for ev in evs:
        if ev.article != article.article_id:
            raise StoreError(
                f"event {ev.id!r} belongs to article {ev.article!r}, "
                f"not to {article.article_id!r} being saved"
            )
        if ev.id in seen:
            raise StoreError(f"duplicate event id {ev.id!r} in article {article.article_id!r}")
        seen.add(ev.id)


class EventStore:
    """Articles and events in a SQL database (see :meth:`open`)."""

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self._engine = engine
        self.url = url

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, url: str | None = None, *, create: bool = True) -> EventStore:
        """Open (and by default create) the store.

        Parameters
        ----------
        url : str, optional
            An SQLAlchemy URL (``sqlite:///path``, ``postgresql://user@host/db``) or a file
            path (SQLite). ``None``: ``$CONFLICTMAP_DB``, else ``events.sqlite`` in the
            data directory.
        create : bool, optional
            Create the tables when missing. With ``False`` a missing SQLite file or an
            empty database raises :class:`StoreError`.

        Returns
        -------
        EventStore

        Raises
        ------
        StoreError
            Bad URL, missing driver, not a database, or a store of another schema version.
        """
        raw = url or default_url()
        full = normalize_url(raw)
        try:
            parsed = sa.engine.make_url(full)
        except sa_exc.ArgumentError as exc:
            raise StoreError(f"bad store URL {raw!r}: {exc}") from None
        is_sqlite = parsed.get_backend_name() == "sqlite"
        if is_sqlite and parsed.database not in (None, "", ":memory:"):
            path = Path(parsed.database)
            if not create and not path.exists():
                raise StoreError(f"no store at {path}; run `python -m events ingest` first")
            if not path.parent.is_dir():
                raise StoreError(f"cannot create store {path}: folder {path.parent} does not exist")
        try:
            engine = sa.create_engine(parsed)
        except (ModuleNotFoundError, sa_exc.NoSuchModuleError) as exc:
            raise StoreError(
                f"no database driver for {raw!r} ({exc}); for PostgreSQL install psycopg[binary]"
            ) from None
        if is_sqlite:
            configure_sqlite(engine)
        store = cls(engine, raw)
        try:
            store._prepare(create=create)
        except sa_exc.SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(f"cannot open store {raw!r}: {reason(exc)}") from None
        except StoreError:
            engine.dispose()
            raise
        return store

    def _prepare(self, *, create: bool) -> None:
        with self._write() as conn:
            inspector = sa.inspect(conn)
            if not inspector.has_table("schema_info"):
                if not create:
                    raise StoreError(f"store {self.url!r} has no conflictmap tables")
                metadata.create_all(conn)
                conn.execute(
                    sa.insert(schema_info), [{"key": "version", "value": str(SCHEMA_VERSION)}]
                )
                return
            version = conn.scalar(
                sa.select(schema_info.c.value).where(schema_info.c.key == "version")
            )
            if version != str(SCHEMA_VERSION):
                raise StoreError(
                    f"store {self.url!r} has schema version {version}, this program reads version "
                    f"{SCHEMA_VERSION}; ingest into a new store (--db) and reprocess"
                )

    def _write(self) -> Any:
        """Return a context manager: a connection inside one write transaction."""
        return WriteTxn(self._engine)

    def close(self) -> None:
        """Release the database connections."""
        self._engine.dispose()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- writing
    def save_article(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        force: bool = False,
        extractor_version: str = "",
    ) -> str:
        """Save an article and its events in one transaction.

        Parameters
        ----------
        article : Article
        events : sequence of Event
            All events of the article (they replace any stored before).
        force : bool, optional
            Write the events even when the article is unchanged (``reprocess``); the result
            is then ``"replaced"`` when the events differ from the stored ones, else
            ``"unchanged"``.
        extractor_version : str, optional
            Recorded with the article.

        Returns
        -------
        str
            ``"new"`` (unknown id), ``"unchanged"`` (same id and fingerprint: nothing
            written) or ``"replaced"`` (same id, new content: old events deleted).

        Raises
        ------
        StoreError
            An event of another article, a duplicate event id, or a database error; nothing
            of the article is written then.
        """
        _check_events(article, events)
        rows = [event_to_row(ev, seq) for seq, ev in enumerate(events)]
        try:
            with self._write() as conn:
                aid = article.article_id
                old = conn.execute(_SELECT_OLD, {"aid": aid}).first()
                record = article_row(article, extractor_version)
                if old is None:
                    conn.execute(_INSERT_ARTICLE, [record])
                    _write_events(conn, aid, rows)
                    return "new"
                same = old.fingerprint == record["fingerprint"]
                if same and not force:
                    return "unchanged"
                if same and list(self._events_of(conn, aid)) == list(events):
                    if old.extractor_version != extractor_version:
                        conn.execute(
                            _UPDATE_ARTICLE, {"aid": aid, "extractor_version": extractor_version}
                        )
                    return "unchanged"
                del record["article_id"]
                conn.execute(_UPDATE_ARTICLE, {"aid": aid, **record})
                _delete_events(conn, aid)
                _write_events(conn, aid, rows)
                return "replaced"
        except sa_exc.SQLAlchemyError as exc:
            raise StoreError(f"cannot save article {article.article_id!r}: {reason(exc)}") from None

    def delete_article(self, article_id: str) -> bool:
        """Delete an article and its events; return whether it was there."""
        with self._write() as conn:
            _delete_events(conn, article_id)
            result = conn.execute(_DELETE_ARTICLE, {"aid": article_id})
            return bool(result.rowcount)

    # ----------------------------------------------------------------- reading
    def fingerprint(self, article_id: str) -> str | None:
        """Return the stored fingerprint of an article (``None`` when not stored)."""
        with self._engine.connect() as conn:
            return conn.scalar(_SELECT_FINGERPRINT, {"aid": article_id})

    @staticmethod
    def _events_of(conn: sa.Connection, article_id: str) -> Iterator[Event]:
        query = sa.select(events).where(events.c.article_id == article_id).order_by(events.c.seq)
        for row in conn.execute(query):
            yield row_to_event(row)

    def events(
        self,
        *,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        sources: Sequence[str] | None = None,
        event_types: Sequence[str] | None = None,
        layer: str | None = None,
        bbox: tuple[float, float, float, float] | None = None,
        article_id: str | None = None,
    ) -> list[Event]:
        """Return stored events matching every filter given, by date then article order.

        Parameters
        ----------
        date_from, date_to : datetime.date, optional
            Keep events whose span [date, date_end or date] overlaps [date_from, date_to].
        sources : sequence of str, optional
            Keep events whose outlet or one of whose cited agencies is listed; ``"unknown"``
            matches events with no outlet. An empty sequence matches nothing.
        event_types : sequence of str, optional
            Keep these event types (an empty sequence matches nothing).
        layer : {"patrols", "posts", "incidents", "all"}, optional
            ``incidents`` holds every type but patrols and observation posts.
        bbox : (minlon, minlat, maxlon, maxlat), optional
            Keep events whose geometry's bounding box intersects it.
        article_id : str, optional
            Keep the events of one article.

        Returns
        -------
        list of Event
        """
        query = sa.select(events)
        if date_from is not None:
            query = query.where(sa.func.coalesce(events.c.date_end, events.c.date) >= date_from)
        if date_to is not None:
            query = query.where(events.c.date <= date_to)
        if sources is not None:
            query = query.where(_source_clause(sources))
        if event_types is not None:
            query = query.where(events.c.event_type.in_(list(event_types)))
        if layer is not None:
            query = query.where(_layer_clause(layer))
        if bbox is not None:
            minlon, minlat, maxlon, maxlat = bbox
            query = query.where(
                events.c.minlon <= maxlon,
                events.c.maxlon >= minlon,
                events.c.minlat <= maxlat,
                events.c.maxlat >= minlat,
            )
        if article_id is not None:
            query = query.where(events.c.article_id == article_id)
        query = query.order_by(events.c.date, events.c.article_id, events.c.seq)
        with self._engine.connect() as conn:
            return [row_to_event(row) for row in conn.execute(query)]

    def article(self, article_id: str) -> Article | None:
        """Return one stored article, or ``None``."""
        with self._engine.connect() as conn:
            row = conn.execute(
                sa.select(articles).where(articles.c.article_id == article_id)
            ).first()
        return row_to_article(row) if row is not None else None

    def article_ids(self) -> list[str]:
        """Return the ids of the stored articles, sorted by code point (on every database)."""
        with self._engine.connect() as conn:
            return sorted(conn.scalars(sa.select(articles.c.article_id)))

    def articles(self) -> list[Article]:
        """Return every stored article (text and metadata), sorted by id."""
        with self._engine.connect() as conn:
            found = [row_to_article(row) for row in conn.execute(sa.select(articles))]
        return sorted(found, key=lambda a: a.article_id)

    def sources(self) -> list[str]:
        """Return every outlet and cited agency of the stored events, plus ``"unknown"``.

        Sorted by code point; ``"unknown"`` is listed (last) when some event has no outlet.
        """
        with self._engine.connect() as conn:
            names = sorted(conn.scalars(sa.select(event_sources.c.name).distinct()))
            if conn.scalar(sa.select(events.c.id).where(events.c.source.is_(None)).limit(1)):
                names.append("unknown")
        return names

    def count_articles(self) -> int:
        """Return the number of stored articles."""
        with self._engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(articles)) or 0)

    def count_events(self) -> int:
        """Return the number of stored events."""
        with self._engine.connect() as conn:
            return int(conn.scalar(sa.select(sa.func.count()).select_from(events)) or 0)


def _source_clause(sources: Sequence[str]) -> sa.ColumnElement[bool]:
    names = [s for s in sources if s != "unknown"]
    clauses: list[sa.ColumnElement[bool]] = []
    if names:
        clauses.append(
            sa.exists().where(
                event_sources.c.event_id == events.c.id, event_sources.c.name.in_(names)
            )
        )
    if "unknown" in sources:
        clauses.append(events.c.source.is_(None))
    return sa.or_(*clauses) if clauses else sa.false()


def _layer_clause(layer: str) -> sa.ColumnElement[bool]:
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; use one of {', '.join(LAYERS)}")
    if layer == "all":
        return sa.true()
    if layer == "incidents":
        return events.c.event_type.not_in(list(_LAYER_TYPES.values()))
    return events.c.event_type == _LAYER_TYPES[layer]

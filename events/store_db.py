"""Database plumbing of the store: URLs, SQLite settings, write transactions, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event as sa_event
from sqlalchemy import exc as sa_exc

__all__ = ["WRITE", "WriteTxn", "configure_sqlite", "normalize_url", "reason"]

WRITE = "conflictmap_write"  # execution option: this transaction writes (SQLite: BEGIN IMMEDIATE)


def normalize_url(url: str) -> str:
    """Turn a bare path into an SQLite URL and pick psycopg (v3) for bare PostgreSQL URLs."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser()}"
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return url


def reason(exc: sa_exc.SQLAlchemyError) -> str:
    """One line from a database error (the driver's message, without the SQL)."""
    orig = getattr(exc, "orig", None)
    text = str(orig) if orig is not None else str(exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__


class WriteTxn:
    """``with _WriteTxn(engine) as conn``: one transaction that commits or rolls back."""

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def __enter__(self) -> sa.Connection:
        self._conn = self._engine.connect().execution_options(**{WRITE: True})
        self._txn = self._conn.begin()
        return self._conn

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self._txn.commit()
            else:
                self._txn.rollback()
        finally:
            self._conn.close()


def configure_sqlite(engine: sa.Engine) -> None:
    """WAL, foreign keys, and real transactions (SQLAlchemy's documented pysqlite recipe)."""

    @sa_event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() != "memory":
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")  # safe in WAL: no corruption on crash
        cursor.close()

    @sa_event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # A writer takes the write lock up front, so its check-then-write is atomic.
        immediate = conn.get_execution_options().get(WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

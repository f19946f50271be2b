"""Tables of the event store (SQLAlchemy Core), portable to SQLite and PostgreSQL.

Geometry is kept as GeoJSON text plus four bbox columns, so bbox filters work on any
database without a spatial extension; a PostGIS column can be added beside it later.
Lists (places, actors, cited, extra properties) are JSON text for the same reason.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["SCHEMA_VERSION", "articles", "event_sources", "events", "metadata", "schema_info"]

#: Bump when a table changes; :meth:`EventStore.open` refuses a store of another version.
SCHEMA_VERSION = 1

metadata = MetaData()

schema_info = Table(
    "schema_info",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", String(256), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("article_id", String(512), primary_key=True),
    Column("text", Text, nullable=False),
    Column("source", String(512)),
    Column("url", Text),
    Column("published", Date),
    Column("published_inferred", Boolean, nullable=False, default=False),
    Column("title", Text, nullable=False, default=""),
    Column("path", Text),
    Column("content_hash", String(128), nullable=False, default=""),
    # sha256 over the text, the content hash and the metadata: decides new/unchanged/replaced
    Column("fingerprint", String(64), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extractor_version", String(128), nullable=False, default=""),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column(
        "article_id",
        String(512),
        ForeignKey("articles.article_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("seq", Integer, nullable=False),  # order of the event within its article
    Column("event_type", String(64), nullable=False),
    Column("sub_event_type", String(64)),
    Column("status", String(32), nullable=False),
    Column("date", Date, nullable=False),
    Column("date_end", Date),
    Column("date_precision", Integer, nullable=False),
    Column("geo_precision", Integer, nullable=False),
    Column("places", Text, nullable=False),  # JSON [{name_ar, name_en, place_id}]
    Column("actors", Text),  # JSON list, NULL when not stated
    Column("fatalities", Integer),
    Column("source", String(512)),
    Column("cited", Text, nullable=False),  # JSON list
    Column("url", Text),
    Column("published", Date),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("extra", Text, nullable=False),  # JSON object of further properties
    Column("geometry", Text),  # GeoJSON geometry object, NULL when none
    Column("minlon", Float),
    Column("minlat", Float),
    Column("maxlon", Float),
    Column("maxlat", Float),
    Index("ix_events_date", "date"),
    Index("ix_events_event_type", "event_type"),
    Index("ix_events_source", "source"),
    Index("ix_events_article_id", "article_id"),
)

# Every name an event matches in the source filter: its outlet and each agency it cites.
event_sources = Table(
    "event_sources",
    metadata,
    Column(
        "event_id",
        String(64),
        ForeignKey("events.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("name", String(512), primary_key=True),
    Index("ix_event_sources_name", "name"),
)

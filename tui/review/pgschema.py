"""A PostgreSQL review database: connecting; its address shown without a password; its tables,
their version (a `schema_version` table) and migrations, made by the app under an advisory lock
so that two readers starting at once don't both make them; the rows a write adds.

The tables mirror a SQLite file's (`schema.py`), so a mark and an event read the same on both.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .schema import LOG_COLUMNS, MARK_COLUMNS, Mark, log_row

if TYPE_CHECKING:  # psycopg is imported when a server is used, not at startup
    import psycopg

SERVER_SCHEMES = ("postgresql://", "postgres://")
"""How a `--state` / `BRIEF_STATE` / `state:` value names a server rather than a file."""

PG_SCHEMA_VERSION = 2
"""Version of the server's tables, kept in `schema_version`."""

MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE marks (
        brief text NOT NULL, kind text NOT NULL, item text NOT NULL, hash text NOT NULL,
        reviewed boolean NOT NULL, flagged boolean NOT NULL, note text NOT NULL,
        reviewer text NOT NULL, at text NOT NULL, PRIMARY KEY (brief, kind, item, reviewer))""",
        """CREATE TABLE log (
        id bigserial PRIMARY KEY, batch bigint NOT NULL, brief text NOT NULL,
        kind text NOT NULL, item text NOT NULL, before text, after text,
        reviewer text NOT NULL, at text NOT NULL, op text,
        UNIQUE (op, brief, kind, item))""",
        "CREATE INDEX log_item ON log (brief, kind, item)",
        "CREATE SEQUENCE batches",
        """CREATE FUNCTION brief_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the review log is append-only'; END $$""",
        """CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON log
        FOR EACH STATEMENT EXECUTE FUNCTION brief_log_append_only()""",
    ),
    # What was reviewed, by content hash (as `schema.SCHEMA_3`); marks made before have none.
    2: ("CREATE TABLE snapshots (hash text PRIMARY KEY, body text NOT NULL)",),
}
"""Statements that bring the database from the version before up to each version."""

_LOCK = 7_245_019_914
"""Advisory lock id held while the tables are made or migrated."""

CHANNEL = "brief_marks"
"""The NOTIFY channel a write announces its last event id on (live updates)."""


def is_server(target: object) -> bool:
    """True when a state setting names a PostgreSQL server (a `postgresql://` URI)."""
    return isinstance(target, str) and target.strip().lower().startswith(SERVER_SCHEMES)


def shown(uri: str) -> str:
    """The URI as messages show it: any password (`user:pw@`, `?password=`) left out."""
    try:
        parts = urlsplit(uri)
        netloc = parts.netloc
        if "@" in netloc:
            user, _, hosts = netloc.rpartition("@")
            netloc = f"{user.split(':', 1)[0]}@{hosts}"
        query = urlencode(
            [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "password"],
            safe="/",
        )
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return "postgresql://…"


def scrub(text: str, uri: str, password: str | None) -> str:
    """`text` (a server's or libpq's message) with the URI and any password taken out."""
    out = text.replace(uri, shown(uri))
    if password:
        out = out.replace(password, "***")
    return out


def version_of(cur: Any) -> int:
    """The tables' version (0: none yet), read with the cursor of an open transaction."""
    cur.execute("SELECT to_regclass('schema_version') IS NOT NULL")
    row = cur.fetchone()
    if not row or not row[0]:
        return 0
    cur.execute("SELECT coalesce(max(version), 0) FROM schema_version")
    row = cur.fetchone()
    return int(row[0]) if row else 0


def migrate(conn: Any) -> int:
    """Make or migrate the tables (one transaction, under an advisory lock). Returns the
    version found before: a newer one than `PG_SCHEMA_VERSION` is left as it is."""
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        found = version_of(cur)
        if found >= PG_SCHEMA_VERSION:
            return found
        if found == 0:
            cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        for step in range(found + 1, PG_SCHEMA_VERSION + 1):
            for statement in MIGRATIONS[step]:
                cur.execute(statement)
            cur.execute("INSERT INTO schema_version (version) VALUES (%s)", (step,))
    return found


CONNECT_TIMEOUT = 5
"""Seconds to wait for a server that does not answer (unless the URI says otherwise)."""

_UPSERT = (
    f"INSERT INTO marks ({MARK_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (brief, kind, item, reviewer) DO UPDATE SET hash = excluded.hash, "
    "reviewed = excluded.reviewed, flagged = excluded.flagged, note = excluded.note, "
    "at = excluded.at"
)
_LOG = f"INSERT INTO log ({LOG_COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"


def connect(uri: str, **extra: Any) -> psycopg.Connection[Any]:
    """A connection in autocommit mode (transactions are explicit), with a connect timeout."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(uri)
    if "connect_timeout" not in params and not os.environ.get("PGCONNECT_TIMEOUT"):
        extra.setdefault("connect_timeout", CONNECT_TIMEOUT)
    extra.setdefault("application_name", "brief")
    return psycopg.connect(uri, autocommit=True, **extra)


def done(cur: psycopg.Cursor[Any], op: str) -> int | None:
    """The batch of an operation already in the log (a retried write), or None."""
    cur.execute("SELECT batch FROM log WHERE op = %s LIMIT 1", (op,))
    row = cur.fetchone()
    return int(row[0]) if row else None


def next_batch(cur: psycopg.Cursor[Any]) -> int:
    """A new batch id (a sequence: writers on several machines never share one)."""
    cur.execute("SELECT nextval('batches')")
    row = cur.fetchone()
    assert row is not None
    return int(row[0])


def put(cur: psycopg.Cursor[Any], m: Mark) -> None:
    """Insert or replace the row of one mark."""
    args = (m.brief, m.kind, m.item, m.hash, m.reviewed, m.flagged, m.note, m.reviewer, m.at)
    cur.execute(_UPSERT, args)


def log_event(
    cur: psycopg.Cursor[Any],
    batch: int,
    before: Mark | None,
    after: Mark | None,
    reviewer: str,
    at: str,
    op: str,
) -> None:
    """Append one event to the log."""
    cur.execute(_LOG, log_row(batch, before, after, reviewer, at, op))

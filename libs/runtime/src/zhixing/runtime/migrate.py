"""`zhixing <service> migrate`: create or update a service's schema, then exit.

Run before the roles start (the Helm chart's pre-install/pre-upgrade Job), so no role
races another to create its tables. It builds the service the way its roles do —
which creates the event store, the read models and the audit log's tables, each with
`CREATE … IF NOT EXISTS` under the schema's advisory lock — and adds what only a role
creates on start: the relay's position table and the consumers' tracking tables. A
second run changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from zhixing.eventstore.settings import MissingCipherKey, Settings
from zhixing.messaging import relay, tracking
from zhixing.runtime.audit_settings import AuditSetupError
from zhixing.runtime.cli_kit import fail as _fail
from zhixing.runtime.cli_kit import settings as checked
from zhixing.runtime.ops_settings import InvalidSetting
from zhixing.runtime.service import discover
from zhixing.security.audit_keys import AuditKeyError

CONNECT_SECONDS = 10
"""How long `migrate` waits for PostgreSQL before it says the database is unreachable."""


_REASONS = (("password authentication failed", "password authentication failed"),
            ("connection refused", "connection refused"),
            ("timeout expired", "no answer in time"),
            ("pg_hba.conf", "refused by the server's pg_hba.conf"),
            ("does not exist", "the database or the role does not exist"),
            ("resolve host", "the host name does not resolve"),
            ("translate host name", "the host name does not resolve"),
            ("ssl", "the TLS handshake failed"))
"""What an operator is told of a failed connection: fixed phrases picked by psycopg's
message, never the message itself — libpq quotes pieces of a malformed DSN, the
password's included (a '/' in an unencoded URI password, a bad %-escape)."""
_PLAIN = re.compile(r"[A-Za-z0-9_.\-]{1,100}")
_PORT = re.compile(r"[0-9]{1,5}")


class DatabaseUnreachable(RuntimeError):
    """PostgreSQL did not answer at `ZHIXING_PG_DSN`; the message names the setting and
    where it points, never the password."""


@dataclass(frozen=True)
class Migrated:
    """What a service's schema holds after `migrate`: its name and its tables."""

    schema: str
    tables: tuple[str, ...]


def migrate(settings: Settings, service: str) -> Migrated:
    """Create or update `service`'s tables (idempotent); returns what is there."""
    check_reachable(settings)
    instance = discover()[service].build(settings)
    try:
        if instance.outbox is not None:
            relay.migrate(instance.store)
        if instance.consumes:
            tracking.migrate(instance.store)
        return Migrated(_where(settings, service), _tables(settings, service))
    finally:
        instance.close()


def check_reachable(settings: Settings) -> None:
    """Raise `DatabaseUnreachable` unless PostgreSQL answers (nothing to do on SQLite)."""
    if not settings.uses_postgres:
        return
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    try:
        with psycopg.connect(settings.postgres_dsn, connect_timeout=CONNECT_SECONDS) as conn:
            conn.execute("SELECT 1")
    except (psycopg.Error, ValueError) as error:
        try:
            info = conninfo_to_dict(_whole_uri(settings.postgres_dsn))
        except (psycopg.Error, ValueError):
            raise DatabaseUnreachable(
                "ZHIXING_PG_DSN does not parse as a PostgreSQL address (key=value or "
                "postgresql:// URI with %-encoded user and password)") from None
        where = (f"{_plain(info.get('host'), '?')}:{_plain(info.get('port'), '5432', _PORT)}"
                 f"/{_plain(info.get('dbname'), '?')}")
        text = str(error).lower()
        reason = next((said for found, said in _REASONS if found in text),
                      f"the connection failed ({type(error).__name__})")
        raise DatabaseUnreachable(
            f"cannot reach PostgreSQL at ZHIXING_PG_DSN ({where}): {reason}") from None


def _plain(value: object, fallback: str, shape: re.Pattern[str] = _PLAIN) -> str:
    """`value` when it looks like a host, port or database name; else `?`."""
    if value is None:
        return fallback
    return str(value) if shape.fullmatch(str(value)) else "?"


def _whole_uri(dsn: str) -> str:
    """`dsn`, unless it is a URI whose password holds an unencoded '/', '?' or '#': libpq
    would cut it there and read pieces of the password as host, port and database (then
    name them in its errors). Such a URI raises ValueError."""
    scheme, sep, rest = dsn.partition("://")
    if sep and scheme.startswith("postgres"):
        authority_end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
        if "@" in rest[authority_end:]:
            raise ValueError("unencoded delimiter in the URI's user information")
    return dsn


def _where(settings: Settings, service: str) -> str:
    return (settings.schema(service) if settings.uses_postgres
            else str(settings.var_dir / service))


def _tables(settings: Settings, service: str) -> tuple[str, ...]:
    if not settings.uses_postgres:
        return ()
    import psycopg

    with psycopg.connect(settings.postgres_dsn) as conn:
        rows = conn.execute("SELECT table_name FROM information_schema.tables "
                            "WHERE table_schema = %s ORDER BY table_name",
                            (settings.schema(service),)).fetchall()
    return tuple(str(row[0]) for row in rows)


def migrate_command(service: str) -> Callable[[], None]:
    """The `migrate` command of `zhixing <service>`."""

    def migrate_() -> None:
        """Create or update this service's schema (tables of every role), then exit."""
        settings = checked()
        if not settings.uses_postgres:  # a Job without its Secret must not "succeed"
            _fail("ZHIXING_PG_DSN is not set: migrate creates a cluster's PostgreSQL schema "
                  "(embedded mode, `zhixing run`, creates its SQLite stores itself)", code=2)
        try:
            done = migrate(settings, service)
        except DatabaseUnreachable as error:
            _fail(str(error))
        except (MissingCipherKey, AuditKeyError, AuditSetupError, InvalidSetting) as error:
            _fail(str(error))
        print(f"migrated {service}: {done.schema} holds {len(done.tables)} tables", flush=True)

    migrate_.__name__ = "migrate"
    return migrate_

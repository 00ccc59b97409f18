"""`zhixing <service> migrate`: create or update a service's schema, then exit.

Run before the roles start (the Helm chart's pre-install/pre-upgrade Job), so no role
races another to create its tables. It builds the service the way its roles do —
which creates the event store, the read models and the audit log's tables, each with
`CREATE … IF NOT EXISTS` under the schema's advisory lock — and adds what only a role
creates on start: the relay's position table and the consumers' tracking tables. A
second run changes nothing.
"""

from __future__ import annotations

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
        info = conninfo_to_dict(settings.postgres_dsn) if isinstance(error, psycopg.Error) else {}
        where = (f"{info.get('host', '?')}:{info.get('port', 5432)}/{info.get('dbname', '?')}"
                 if info else "an unparsable address")
        # psycopg's message may name the host and user, never the password; cut it short.
        reason = " ".join(str(error).split())[:200]
        raise DatabaseUnreachable(
            f"cannot reach PostgreSQL at ZHIXING_PG_DSN ({where}): {reason}") from None


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

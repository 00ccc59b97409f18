"""Typed settings, read once from the environment by a composition root.

Embedded mode (the default): SQLite files under `ZHIXING_VAR` (./var). Cluster mode:
PostgreSQL (`ZHIXING_PG_DSN`, one schema per service) and Kafka
(`ZHIXING_KAFKA_BOOTSTRAP`).
"""

from __future__ import annotations

import os
from base64 import b64encode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from zhixing.eventstore.crypto import FieldCipher
from zhixing.eventstore.keys import KeyFileError, KeyRing, default_key_file, load_ring, new_key
from zhixing.eventstore.sql import SqlStore
from zhixing.kernel.clock import Clock, FileClock, SystemClock

DEV_JWT_SECRET = "zhixing-dev-secret-not-for-production"
MAX_OLD_JWT_SECRETS = 3
"""Retired token secrets accepted at once: a rotation window needs one; each more is a
key that forges tokens and an HMAC every forged token costs the API."""
MIN_OLD_JWT_SECRET = 32
"""Characters of a retired secret in cluster mode (HS256 wants a 256-bit key; the
runbook's `zhixing cipher-key` gives 44): a secret holding a comma would otherwise be
cut into short pieces, each accepted as a key."""


class MissingCipherKey(RuntimeError):
    """No usable key for the data at rest: none set in cluster mode, or a key file that
    cannot be used (readable by others, inside the data folder, malformed)."""


class PublicJwtSecret(RuntimeError):
    """Cluster mode signing tokens with the development secret everyone can read, or
    accepting retired secrets that are too many or too short to keep forgers out."""


def new_cipher_key() -> str:
    """A fresh 256-bit AES key, base64, for ZHIXING_CIPHER_KEY."""
    return new_key()


@dataclass(frozen=True)
class Settings:
    var_dir: Path = Path("var")
    postgres_dsn: str = ""
    kafka_bootstrap: str = ""
    region: str = "chengdu"
    grpc_host: str = "127.0.0.1"
    grpc_port: int = 50051
    http_port: int = 8080
    jwt_secret: str = DEV_JWT_SECRET
    jwt_old_secrets: tuple[str, ...] = field(default=(), repr=False)
    """Retired token secrets (`ZHIXING_JWT_OLD_SECRETS`, comma-separated), still accepted
    during a rotation window, never used to sign (docs/runbooks/key-rotation.md)."""
    schema_prefix: str = "zhixing"
    """PostgreSQL schemas are `<prefix>_<service>`; tests use their own prefix."""
    relay_batch: int = 500
    topic_namespace: str = ""
    """Prefix for every topic on the wire, for environments sharing one broker."""
    cipher_key: str = field(default="", repr=False)
    """AES key (base64) for personal data at rest; required with PostgreSQL (R60). Empty
    in embedded mode: the key file (`cipher_key_file`) is used, created on first run."""
    cipher_old_keys: tuple[str, ...] = field(default=(), repr=False)
    """Retired keys (base64, oldest first) still read after a rotation (docs/keys.md)."""
    cipher_key_file: str = ""
    """Embedded mode's key file, kept outside `var_dir`; empty: `ZHIXING_CIPHER_KEY_FILE`,
    else `$XDG_CONFIG_HOME/zhixing/cipher.key` (~/.config/zhixing/cipher.key)."""
    clock_file: str = ""
    """A file holding the instant the suite takes as now (demos, e2e tests); empty: the
    system clock."""
    sweep_seconds: float = 60.0
    """How often periodic jobs such as the node-limit sweep run."""
    peer_regions: tuple[str, ...] = ()
    """Regions whose integration topics MirrorMaker 2 copies here, named
    `<region>.<topic>` (DESIGN §7): e.g. Chongqing's credit service also answers for
    Chengdu's dishonest-debtor list (R43)."""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        env = dict(os.environ if environ is None else environ)
        values: dict[str, Any] = {
            "var_dir": Path(env.get("ZHIXING_VAR", "var")),
            "postgres_dsn": env.get("ZHIXING_PG_DSN", ""),
            "kafka_bootstrap": env.get("ZHIXING_KAFKA_BOOTSTRAP", ""),
            "region": env.get("ZHIXING_REGION", "chengdu"),
            "grpc_host": env.get("ZHIXING_GRPC_HOST", "127.0.0.1"),
            "grpc_port": int(env.get("ZHIXING_GRPC_PORT", "50051")),
            "http_port": int(env.get("ZHIXING_HTTP_PORT", "8080")),
            "jwt_secret": env.get("ZHIXING_JWT_SECRET", DEV_JWT_SECRET),
            "jwt_old_secrets": tuple(s.strip() for s in env.get("ZHIXING_JWT_OLD_SECRETS", "")
                                     .split(",") if s.strip()),
            "schema_prefix": env.get("ZHIXING_SCHEMA_PREFIX", "zhixing"),
            "relay_batch": int(env.get("ZHIXING_RELAY_BATCH", "500")),
            "topic_namespace": env.get("ZHIXING_TOPIC_NAMESPACE", ""),
            "cipher_key": env.get("ZHIXING_CIPHER_KEY", ""),
            "cipher_old_keys": tuple(k.strip() for k in env.get("ZHIXING_CIPHER_OLD_KEYS", "")
                                     .split(",") if k.strip()),
            "cipher_key_file": str(default_key_file(env)),
            "clock_file": env.get("ZHIXING_CLOCK_FILE", ""),
            "sweep_seconds": float(env.get("ZHIXING_SWEEP_SECONDS", "60")),
            "peer_regions": tuple(r.strip() for r in env.get("ZHIXING_PEER_REGIONS", "").split(",")
                                  if r.strip()),
        }
        values.update(overrides)
        return cls(**values)

    def clock(self) -> Clock:
        """Every "today" of a service comes from here (DESIGN §10)."""
        return FileClock(Path(self.clock_file)) if self.clock_file else SystemClock()

    @property
    def uses_postgres(self) -> bool:
        return bool(self.postgres_dsn)

    def check_token_secret(self) -> None:
        """R46: a cluster's tokens must not be signed with the public development secret."""
        if self.uses_postgres and self.jwt_secret == DEV_JWT_SECRET:
            raise PublicJwtSecret(
                "ZHIXING_JWT_SECRET must be set in cluster mode: the development secret is "
                "public, anyone could sign a token (R46)")
        if self.uses_postgres and DEV_JWT_SECRET in self.jwt_old_secrets:
            raise PublicJwtSecret(
                "ZHIXING_JWT_OLD_SECRETS must not hold the development secret in cluster "
                "mode: it is public, anyone could sign a token that would be accepted (R46)")
        if len(self.jwt_old_secrets) > MAX_OLD_JWT_SECRETS:
            raise PublicJwtSecret(
                f"ZHIXING_JWT_OLD_SECRETS holds {len(self.jwt_old_secrets)} secrets, at most "
                f"{MAX_OLD_JWT_SECRETS}: a rotation window needs one (R46)")
        short = [n for n, s in enumerate(self.jwt_old_secrets, 1) if len(s) < MIN_OLD_JWT_SECRET]
        if self.uses_postgres and short:
            raise PublicJwtSecret(
                f"ZHIXING_JWT_OLD_SECRETS: secret number {short[0]} is shorter than "
                f"{MIN_OLD_JWT_SECRET} characters (a comma inside a secret splits it; R46)")

    def sql_store(self, service: str, purpose: str = "views") -> SqlStore:
        """The service's own database for read models, tracking and audit."""
        if self.uses_postgres:
            self.ensure_schema(service)
            return SqlStore(dsn=self.postgres_dsn, schema=self.schema(service))
        return SqlStore(sqlite_path=self.var_dir / service / f"{purpose}.db")

    def topic(self, name: str) -> str:
        """The wire name of a contract topic (constants live in `contracts.topics`)."""
        return f"{self.topic_namespace}.{name}" if self.topic_namespace else name

    def peer_topic(self, region: str, name: str) -> str:
        """A peer region's copy of a contract topic, as MirrorMaker 2 names it here."""
        return f"{region}.{self.topic(name)}"

    def schema(self, service: str) -> str:
        return f"{self.schema_prefix}_{service}"

    @contextmanager
    def schema_lock(self, service: str) -> Iterator[None]:
        """Serialise table creation in the service's schema across processes."""
        if not self.uses_postgres:
            yield
            return
        import psycopg

        with psycopg.connect(self.postgres_dsn, autocommit=True) as conn:
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (self.schema(service),))
            try:
                yield
            finally:
                conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (self.schema(service),))

    def ensure_schema(self, service: str) -> None:
        """Create the service's PostgreSQL schema (eventsourcing does not)."""
        import psycopg

        try:
            with psycopg.connect(self.postgres_dsn, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{self.schema(service)}"')
        except psycopg.errors.UniqueViolation:
            pass  # another process created it at the same moment

    def eventsourcing_env(self, service: str) -> dict[str, str]:
        """eventsourcing's settings for the service's event store.

        Aggregates are cached and fast-forwarded from the store on every read, so a
        hot aggregate (a case-number sequence) costs one query, and writes by other
        processes are still seen.
        """
        cache = {"AGGREGATE_CACHE_MAXSIZE": "1000", "AGGREGATE_CACHE_FASTFORWARD": "y"}
        return {**cache, **self._cipher_env(), **self._persistence_env(service)}

    @cached_property
    def key_ring(self) -> KeyRing:
        """R60: personal data is encrypted at rest in both run modes (DESIGN §8).

        `ZHIXING_CIPHER_KEY` (plus `ZHIXING_CIPHER_OLD_KEYS`) when set; PostgreSQL needs
        it. Embedded mode otherwise keeps its keys in a file outside the data folder,
        created on first run.
        """
        if self.cipher_key:
            return KeyRing.from_text(*self.cipher_old_keys, self.cipher_key)
        if self.uses_postgres:
            raise MissingCipherKey(
                "ZHIXING_CIPHER_KEY is required with PostgreSQL: personal data is "
                "encrypted at rest (R60). Create one with `zhixing cipher-key`.")
        path = Path(self.cipher_key_file) if self.cipher_key_file else default_key_file(
            os.environ)
        if path.resolve().is_relative_to(self.var_dir.resolve()):
            raise MissingCipherKey(
                f"the cipher key file {path} must be kept outside the data folder "
                f"{self.var_dir} (R60): set ZHIXING_CIPHER_KEY_FILE")
        try:
            return load_ring(path)
        except KeyFileError as error:
            raise MissingCipherKey(f"{error} (R60)") from None

    @cached_property
    def field_cipher(self) -> FieldCipher:
        """Seals the read-model columns that hold personal data (R60)."""
        return FieldCipher(self.key_ring)

    def _cipher_env(self) -> dict[str, str]:
        """R60: events keep full identities, so every store encrypts them at rest."""
        ring = self.key_ring
        env = {"CIPHER_TOPIC": "zhixing.eventstore.crypto:RingCipher",
               "CIPHER_KEY": b64encode(ring.current).decode("ascii"),
               "CIPHER_OLD_KEYS": ",".join(b64encode(k).decode("ascii")
                                           for k in ring.keys[:-1])}
        if not self.uses_postgres:
            env["CIPHER_READS_PLAINTEXT"] = "y"  # events of an earlier, unencrypted release
        return env

    def _persistence_env(self, service: str) -> dict[str, str]:
        if self.uses_postgres:
            from psycopg.conninfo import conninfo_to_dict

            self.ensure_schema(service)
            info = conninfo_to_dict(self.postgres_dsn)
            return {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_DBNAME": str(info.get("dbname", "zhixing")),
                "POSTGRES_HOST": str(info.get("host", "127.0.0.1")),
                "POSTGRES_PORT": str(info.get("port", "5432")),
                "POSTGRES_USER": str(info.get("user", "zhixing")),
                "POSTGRES_PASSWORD": str(info.get("password", "")),
                "POSTGRES_SCHEMA": self.schema(service),
                "CREATE_TABLE": "y",
            }
        path = self.var_dir / service / "events.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": str(path),
            "CREATE_TABLE": "y",
        }

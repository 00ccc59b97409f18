"""The real PostgreSQL and Kafka that `make test` starts (infra/stack.sh)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from zhixing.eventstore.settings import Settings, new_cipher_key


def stack_settings(var_dir: Path, **overrides: object) -> Settings:
    """Settings for a fresh, isolated corner of the stack: own schemas, own topics."""
    dsn = os.environ.get("ZHIXING_PG_DSN", "")
    bootstrap = os.environ.get("ZHIXING_KAFKA_BOOTSTRAP", "")
    if not (dsn and bootstrap):
        pytest.fail("connected tests need ZHIXING_PG_DSN and ZHIXING_KAFKA_BOOTSTRAP: "
                    "run them with `make test`, which starts PostgreSQL and Kafka")
    tag = "t" + uuid.uuid4().hex[:10]
    values: dict[str, object] = {"var_dir": var_dir, "postgres_dsn": dsn,
                                 "kafka_bootstrap": bootstrap, "schema_prefix": tag,
                                 "topic_namespace": tag, "cipher_key": new_cipher_key(),
                                 "jwt_secret": uuid.uuid4().hex}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def process_env(settings: Settings, **extra: str) -> dict[str, str]:
    """Environment for a `zhixing …` subprocess using the same corner of the stack."""
    env = dict(os.environ)
    env.update({
        "ZHIXING_PG_DSN": settings.postgres_dsn,
        "ZHIXING_KAFKA_BOOTSTRAP": settings.kafka_bootstrap,
        "ZHIXING_SCHEMA_PREFIX": settings.schema_prefix,
        "ZHIXING_TOPIC_NAMESPACE": settings.topic_namespace,
        "ZHIXING_VAR": str(settings.var_dir),
        "ZHIXING_REGION": settings.region,
        "ZHIXING_JWT_SECRET": settings.jwt_secret,
        "ZHIXING_CIPHER_KEY": settings.cipher_key,
    })
    env.update(extra)
    return env

"""`zhixing audit verify` and `zhixing audit key …`: check the audit chain against its keys
and checkpoints, and rotate its key (R46, DESIGN §8, docs/audit.md). `audit-verify` and
`audit-key …`, their names before, stay as hidden aliases (cli.py).

Verifying only reads: it makes no key, no store and no checkpoint. What is wrong is one
line naming the row or checkpoint line (never a row's content) and a non-zero exit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from confluent_kafka import KafkaException

from zhixing.eventstore.settings import Settings
from zhixing.runtime.audit_home import store_tag
from zhixing.runtime.audit_settings import AuditSettings, MissingAuditKey
from zhixing.runtime.cli_kit import fail
from zhixing.runtime.ops_settings import InvalidSetting, audit_store, checked_settings
from zhixing.runtime.service import discover
from zhixing.security.audit import AuditLog, AuditVerification
from zhixing.security.audit_keys import AuditKeyError, KeyRing, new_key
from zhixing.security.checkpoints import CheckpointFile, NumberedCheckpoint

key_app = typer.Typer(no_args_is_help=True,
                      help="The audit chain's HMAC key: rotate it, or make one for a Secret.")
audit_app = typer.Typer(no_args_is_help=True,
                        help="The audit log (R46): verify its chain, manage its key.")


def audit_verify(service: Annotated[str, typer.Option(
        help="A service whose own older log to check (what its servicers recorded before "
             "every record went to the suite's audit log); default: the suite's audit log, "
             "which holds everything.")] = "",
                 checkpoints: Annotated[Path | None, typer.Option(
        help="The checkpoint file to verify against, e.g. the copy kept off this machine; "
             "default: ZHIXING_AUDIT_CHECKPOINTS, where the suite writes them.")] = None,
                 ) -> None:
    """Check the audit log for tampering: every row's MAC, and every signed checkpoint
    (truncation, edits, deleted rows, forged checkpoints) (DESIGN §8, R46)."""
    known = sorted(discover())
    if service and service not in known:  # a typo must not answer "intact" (nor make a store)
        fail(f"service: {service!r} is none of {', '.join(known)}", code=2)
    if checkpoints is not None and not checkpoints.is_file():
        fail(f"checkpoints: {checkpoints} is not a file", code=2)
    settings, where = _settings(), _audit_settings()
    kept = checkpoints or where.checkpoint_file
    if service:  # unkeyed rows from before the suite's one log: no keys, no checkpoints
        store = settings.sql_store(service)
        try:
            result = AuditLog(store).verify()
        finally:
            store.close()
        _report(f"audit log of {service}", result, "")
        return
    keys = _key_ring(where)
    try:
        found = CheckpointFile(kept).read() + _from_kafka(settings)
    except OSError as error:  # a folder, or unreadable: one line, as every refusal
        fail(f"checkpoints: cannot read {kept}: {error.strerror}", code=2)
    store = audit_store(settings)
    try:
        result = AuditLog(store, keys, store_tag=store_tag(settings)).verify(found)
    finally:
        store.close()
    if keys is None and not result.ok:
        fail(f"audit log is broken: {result.problem} (no audit key ring: ZHIXING_AUDIT_KEYS "
             f"is unset and {where.key_file} does not exist)")
    _report("audit log", result, str(kept) + (" and on Kafka" if settings.kafka_bootstrap else ""))


@key_app.command("rotate")
def rotate() -> None:
    """Append a new current key to the key file; older keys stay to verify their rows.
    Restart the suite: its next row starts a segment under the new key, the chain so
    far carried over in a checkpoint signed with it."""
    where = _audit_settings()
    try:
        key = where.rotate()
    except (MissingAuditKey, AuditKeyError) as error:
        fail(str(error))
    typer.echo(f"new audit key {key.key_id} in {where.key_file}; restart the suite to use it")


@key_app.command("new")
def new() -> None:
    """Print a new key entry (`<id>:<base64>`) to append to ZHIXING_AUDIT_KEYS."""
    typer.echo(KeyRing((new_key(),)).text().strip())


audit_app.command("verify")(audit_verify)
audit_app.add_typer(key_app, name="key")


def _report(which: str, result: AuditVerification, checkpoints: str) -> None:
    if not result.ok:
        fail(f"{which} is broken: {result.problem}")
    keyed = result.checked - result.legacy
    parts = [f"{which}: {result.checked} entries, chain intact"]
    if result.legacy:
        parts.append(f"{result.legacy} from before the keyed chain (unkeyed, sha256)")
    if checkpoints:
        parts.append(f"{keyed} keyed; {result.checkpoints} checkpoints in {checkpoints}, "
                     f"the last covering entry {result.covered}")
    if result.other_chains:
        parts.append(f"the file also holds checkpoints of {result.other_chains} other "
                     "chain(s): other stores, or a store replaced whole")
    typer.echo("; ".join(parts))


def _from_kafka(settings: Settings) -> list[NumberedCheckpoint]:
    """A cluster's checkpoints on Kafka (`audit_kafka`), beside the file's."""
    if not settings.kafka_bootstrap:
        return []
    from zhixing.runtime.audit_kafka import CheckpointNotPublished, kafka_checkpoints

    try:
        return kafka_checkpoints(settings)
    except (CheckpointNotPublished, KafkaException) as error:
        fail(f"audit checkpoints on Kafka: {error}")


def _settings() -> Settings:
    """The suite's settings, or one line naming the variable out of bounds (exit 2)."""
    try:
        return checked_settings()
    except InvalidSetting as error:
        fail(str(error), code=2)


def _audit_settings() -> AuditSettings:
    try:
        return AuditSettings.from_env()
    except InvalidSetting as error:
        fail(str(error), code=2)


def _key_ring(where: AuditSettings) -> KeyRing | None:
    """The ring, or None when there is none yet (then only unkeyed rows verify)."""
    try:
        return where.key_ring(create=False)
    except MissingAuditKey:
        return None
    except AuditKeyError as error:
        fail(str(error))

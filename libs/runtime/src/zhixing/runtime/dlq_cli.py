"""`zhixing dlq list|show|replay` — the dead-letter topics of a cluster, for the
poison-message runbook (docs/runbooks/poison-message.md). Records' values are never
printed: they may hold personal data (R60)."""

from __future__ import annotations

from typing import Annotated

import typer

from zhixing.runtime.cli_kit import fail
from zhixing.runtime.cli_kit import settings as checked

dlq_app = typer.Typer(no_args_is_help=True,
                      help="Dead-letter topics: how deep, what is parked and why, replay one.")
Topic = Annotated[str, typer.Argument(help="A dead-letter topic, as `zhixing dlq list` names it.")]


def _bootstrap() -> str:
    bootstrap = checked().kafka_bootstrap
    if not bootstrap:
        fail("ZHIXING_KAFKA_BOOTSTRAP is not set: dead-letter topics are on a cluster's "
             "broker (embedded mode parks them in each consumer store's dead_letters table)",
             code=2)
    return str(bootstrap)


@dlq_app.command("list")
def list_() -> None:
    """Every dead-letter topic (of ZHIXING_TOPIC_NAMESPACE when set) and its depth."""
    from zhixing.messaging.dlq import DlqError, depths

    prefix = checked().topic("")  # "<namespace>." or "": a shared broker shows ours only
    try:
        found = {t: d for t, d in depths(_bootstrap()).items() if t.startswith(prefix)}
    except DlqError as error:
        fail(str(error))
    for topic, depth in found.items():
        typer.echo(f"{topic}\t{depth}")
    if not found:
        typer.echo("no dead-letter topics")


@dlq_app.command("show")
def show(topic: Topic,
         limit: Annotated[int, typer.Option(min=1, max=10_000, help="At most this many.")] = 50,
         ) -> None:
    """Each parked record: partition:offset, type, ce_id, where it came from, the error."""
    from zhixing.messaging.dlq import DlqError, parked

    try:
        for record in parked(_bootstrap(), topic, limit):
            typer.echo(record.summary())
    except DlqError as error:
        fail(str(error))


@dlq_app.command("replay")
def replay_(topic: Topic,
            at: Annotated[str, typer.Argument(help="partition:offset, as `show` prints it.")],
            ) -> None:
    """Put one parked record back on its original topic (after the consumer is fixed)."""
    from zhixing.messaging.dlq import DlqError, origin_of, printable, replay

    partition, _, offset = at.partition(":")
    if not all(part.isascii() and part.isdigit() and len(part) <= 19 for part in (partition, offset)):
        fail(f"at={at[:30]!r}: must be partition:offset, two whole numbers (e.g. 0:12)", code=2)
    try:
        done = replay(_bootstrap(), topic, int(partition), int(offset))
    except DlqError as error:
        fail(str(error))
    typer.echo(f"replayed ce_id={printable(done.headers.get('ce_id', '?'))} to "
               f"{origin_of(topic)}")

"""`zhixing agency-sim` — simulated assisting agencies answering the assets service (R41).

Mounted by the `zhixing` command through the `zhixing.cli` entry point `agency-sim`.

Over Kafka (the request topics and the replies topic) or over the gRPC agency gateway,
each agency with its own token. Prints a progress line to stderr every few seconds and
one summary line at the end — counts only, never a debtor or an account (R60). Errors
are one line on stderr and a non-zero exit (STYLE 14). Nothing runs at import.
"""

from __future__ import annotations

import math
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, NoReturn

import typer

from zhixing.agency_sim.channel import Channel, ChannelError
from zhixing.agency_sim.responder import Behaviour
from zhixing.agency_sim.simulator import Simulator
from zhixing.runtime import cli_kit

TRANSPORTS = ("kafka", "grpc")


def agency_sim(
    transport: Annotated[str, typer.Option(
        help="kafka or grpc; default kafka when a bootstrap is known, else grpc.")] = "",
    bootstrap: Annotated[str, typer.Option(
        help="Kafka bootstrap servers.", envvar="ZHIXING_KAFKA_BOOTSTRAP")] = "",
    target: Annotated[str, typer.Option(
        help="gRPC address of the assets service; default: ZHIXING_GRPC_TARGET, else "
             "127.0.0.1:$ZHIXING_GRPC_PORT, else 127.0.0.1:50051.",
        envvar="ZHIXING_GRPC_TARGET", callback=cli_kit.target_option)] = cli_kit.TARGET,
    latency_ms: Annotated[str, typer.Option(
        "--latency-ms", help="Answer delay range in ms, MIN-MAX (or one value).")] = "50-500",
    error_rate: Annotated[float, typer.Option(
        help="Fraction of answers that are \"error\" (the service asks again).")] = 0.05,
    silent: Annotated[str, typer.Option(
        help="Comma-separated agency ids that never answer, e.g. bank.ccb,tax.sta.")] = "",
    agencies: Annotated[str, typer.Option(
        help="Comma-separated agency ids to simulate; default every agency.")] = "",
    seed: Annotated[int, typer.Option(help="Same seed, same answers.")] = 0,
    duration: Annotated[float, typer.Option(help="Stop after this many seconds (0: never).")] = 0,
    idle_exit: Annotated[float, typer.Option(
        help="Stop once nothing arrived and nothing waited for this many seconds (0: never).")] = 0,
    group: Annotated[str, typer.Option(help="Kafka consumer group.")] = "agency-sim",
    progress_every: Annotated[float, typer.Option(
        help="Seconds between progress lines on stderr (0: none).")] = 5.0,
) -> None:
    """Simulated banks, registries, police, tax … answering the assets service's requests."""
    behaviour = _behaviour(latency_ms, error_rate, silent, agencies, seed)
    for name, seconds in (("duration", duration), ("idle-exit", idle_exit),
                          ("progress-every", progress_every)):
        if not (math.isfinite(seconds) and seconds >= 0):  # -1 would stop at once, "ok"
            _fail(f"{name}: expected a number of seconds, 0 or more", code=2)
    chosen = transport or ("kafka" if bootstrap else "grpc")
    if chosen not in TRANSPORTS:
        _fail(f"transport: expected one of {', '.join(TRANSPORTS)}", code=2)
    try:
        settings = cli_kit.settings()
        channel = _open(chosen, settings, bootstrap, target, behaviour, group)
    except ValueError as error:
        _fail(str(error), code=2)
    except ChannelError as error:
        _fail(f"{chosen}: {error}")
    simulator = Simulator(channel, behaviour, duration=duration or None,
                          idle_exit=idle_exit or None,
                          progress=sys.stderr if progress_every > 0 else None,
                          progress_every=progress_every)
    _run(simulator, chosen)


def _run(simulator: Simulator, transport: str) -> None:
    stop = threading.Event()
    with _stopping_on_signals(stop):
        try:
            simulator.run(stop)
        except ChannelError as error:
            typer.echo(simulator.summary())
            _fail(f"{transport}: {error}")
    typer.echo(simulator.summary())


def _open(transport: str, settings: cli_kit.Settings, bootstrap: str, target: str,
          behaviour: Behaviour, group: str) -> Channel:
    """Connect the transport; imported here so `zhixing --help` stays fast."""
    if transport == "kafka":
        from zhixing.agency_sim.kafka_channel import KafkaChannel

        if not bootstrap:
            raise ValueError("bootstrap: the kafka transport needs --bootstrap or "
                             "ZHIXING_KAFKA_BOOTSTRAP")
        return KafkaChannel.connect(bootstrap, group=group, region=settings.region,
                                    topic=settings.topic)
    from zhixing.agency_sim.grpc_channel import GrpcChannel

    # The agencies' tokens are signed as every command's: with the target's secret.
    return GrpcChannel.connect(target, cli_kit.signing_secret(settings),
                               agencies=sorted(behaviour.agencies), silent=behaviour.silent)


def _behaviour(latency_ms: str, error_rate: float, silent: str, agencies: str,
               seed: int) -> Behaviour:
    try:
        return Behaviour(latency_ms=_latency_range(latency_ms), error_rate=error_rate,
                         silent=_ids(silent), agencies=_ids(agencies), seed=seed)
    except ValueError as error:
        _fail(str(error), code=2)


def _latency_range(text: str) -> tuple[int, int]:
    """"50-500" → (50, 500); "200" → (200, 200)."""
    low, _, high = text.partition("-")
    try:
        return int(low), int(high or low)
    except ValueError:
        raise ValueError("latency-ms: expected MIN-MAX milliseconds, e.g. 50-500") from None


def _ids(text: str) -> frozenset[str]:
    return frozenset(part.strip() for part in text.split(",") if part.strip())


@contextmanager
def _stopping_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM end the run cleanly (summary printed, connections closed)."""
    previous = {sig: signal.signal(sig, lambda *_: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _fail(message: str, code: int = 1) -> NoReturn:
    cli_kit.fail(message, code, command="agency-sim")

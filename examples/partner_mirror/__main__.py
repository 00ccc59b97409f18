"""python -m examples.partner_mirror --bootstrap HOST:PORT [--check ID ...]

Mirrors the list, then answers the identities given with --check (one JSON line each)
and exits; without --check it keeps following and reports the list's size now and then.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from datetime import date, timedelta

import grpc
from confluent_kafka import KafkaException

from examples.partner_mirror.mirror import ListMirror
from zhixing.contracts.topics import CREDIT_LIST
from zhixing.credit.index import State

MAX_PROCESSES = 64
"""--processes' bound: each process holds a Kafka client and its part of the list."""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    mirror = ListMirror()
    try:
        if args.grpc:
            _load_by_follow(mirror, args)
        else:
            _load_from_kafka(mirror, args)
        if not args.check:
            _keep_following(mirror, args)
        for identity in args.check:
            print(json.dumps({"identity": identity, "state": _shown(mirror.check(identity))}))
        return 0
    except (LookupError, TimeoutError, ValueError, grpc.RpcError, KafkaException) as error:
        print(f"partner_mirror: {error}", file=sys.stderr)
        return 1
    except BrokenProcessPool:
        print("partner_mirror: a process reading a partition died (out of memory?); "
              "try fewer --processes", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        mirror.close()


def _shown(state: State | None) -> dict[str, object] | None:
    if state is None:
        return None
    since = date(1970, 1, 1) + timedelta(days=state.since)
    return state._asdict() | {"since": since.isoformat() if state.since else ""}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m examples.partner_mirror",
                                     description="Mirror the dishonest-debtor list (R42).")
    feed = parser.add_mutually_exclusive_group(required=True)
    feed.add_argument("--bootstrap", help="Kafka bootstrap servers, e.g. 127.0.0.1:9092")
    feed.add_argument("--grpc", help="CreditCheckService address, e.g. 127.0.0.1:50054")
    parser.add_argument("--namespace", default="", help="topic prefix of the environment")
    parser.add_argument("--token", default="", help="partner JWT for --grpc")
    parser.add_argument("--check", action="append", default=[], metavar="IDENTITY",
                        help="an identity number to look up (repeatable)")
    parser.add_argument("--processes", type=_processes, default=None,
                        help="processes reading the Kafka topic's partitions at the start "
                             f"(1 to {MAX_PROCESSES}; default: one per partition, at most "
                             "two per core)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds to find the topic and catch up (Kafka) or to follow "
                             "(--grpc)")
    return parser


def _processes(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_PROCESSES:
        raise argparse.ArgumentTypeError(f"a whole number from 1 to {MAX_PROCESSES}")
    return count


def _load_from_kafka(mirror: ListMirror, args: argparse.Namespace) -> None:
    topic = f"{args.namespace}.{CREDIT_LIST}" if args.namespace else CREDIT_LIST
    # librdkafka logs every failed connection attempt: the CLI says it once, at the end.
    began = time.monotonic()
    mirror.catch_up_kafka(args.bootstrap, topic, {"log_level": 2}, timeout=args.timeout,
                          processes=args.processes)
    deadline = began + args.timeout
    while not mirror.caught_up():  # what was published while the processes read
        if time.monotonic() > deadline:
            raise TimeoutError(f"not caught up with {topic} after {args.timeout:.0f} s")
        mirror.poll(0.5)
    print(f"caught up: {len(mirror)} identities in {time.monotonic() - began:.1f} s"
          + (f" ({mirror.skipped} records skipped: see the log)" if mirror.skipped else ""),
          file=sys.stderr)


def _load_by_follow(mirror: ListMirror, args: argparse.Namespace) -> None:
    # Follow marks the moment it has sent the whole list as of the call: stop there.
    metadata = (("authorization", f"Bearer {args.token}"),) if args.token else ()
    with grpc.insecure_channel(args.grpc) as channel:
        try:
            mirror.follow(channel, metadata, timeout=args.timeout, until_caught_up=True)
        except grpc.RpcError as error:
            if error.code() != grpc.StatusCode.DEADLINE_EXCEEDED:
                raise
            raise TimeoutError(f"not caught up with Follow after {args.timeout:.0f} s") from None
    print(f"followed to position {mirror.position}: {len(mirror)} identities",
          file=sys.stderr)


def _keep_following(mirror: ListMirror, args: argparse.Namespace) -> None:
    if args.grpc:
        return  # the follow above already ran for --timeout seconds
    while True:  # until Ctrl-C
        until = time.monotonic() + 10
        while time.monotonic() < until:
            mirror.poll(0.5)
        print(f"{len(mirror)} identities", file=sys.stderr)

if __name__ == "__main__":
    sys.exit(main())

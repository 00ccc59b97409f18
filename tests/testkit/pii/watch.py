"""The scanner as the e2e layer runs it: the RPC record of the scenario, then, once it is
over, its pages (crawled while the suite still runs) and its public searches asked for
its own people, then its processes' logs and spans and its dead letters — all scanned,
with the coverage kept for the session's summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from stdnum.cn import uscc

from testkit.pii.probes import probed_pages, probed_rpcs
from testkit.pii.recording import RpcRecord
from testkit.pii.scan import Coverage, Finding, full_resident_id, personal_credit_code, scan
from testkit.pii.sources import (
    Sources,
    crawled_pages,
    kafka_dead_letters,
    postgres_dead_letters,
    process_output,
    span_count,
    sqlite_dead_letters,
)

SCANNED_ENV = {"OTEL_TRACES_EXPORTER": "console"}
"""What the scenario's processes run with, so that their spans can be read."""


class Scenario(Protocol):
    """What the scanner needs of the scenario's processes (testkit.processes.Processes)."""

    log_dir: Path
    web: dict[str, str]
    environments: list[dict[str, str]]

    def stop_all(self) -> None: ...


@dataclass
class PiiWatch:
    """One session of scenarios: the current RPC record and the coverage so far."""

    record: RpcRecord = field(default_factory=RpcRecord)
    coverage: Coverage = field(default_factory=Coverage)
    scenarios: int = 0
    spans: int = 0
    rpc_calls: int = 0
    known: set[str] = field(default_factory=set)
    """Every account, ID and code the scenarios used, searched for verbatim."""

    def begin(self) -> None:
        self.record = RpcRecord()

    def watch_for(self, *numbers: str) -> None:
        """Numbers the scenario put where no field names them (an account in a lead's
        or a typical case's free text, issue 17): searched for verbatim like the rest."""
        self.record.numbers.update(numbers)

    def finish(self, scenario: Scenario) -> list[Finding]:
        """Crawl the pages and probe the public searches, stop the processes, read
        everything else, scan it all."""
        try:
            sources = self.asked(scenario)
        finally:
            scenario.stop_all()
        sources |= self.collected(scenario)
        known = searched(self.record.numbers)
        findings, coverage = scan(sources, known=known)
        self.known |= known
        self.scenarios += 1
        self.spans += span_count(sources)
        self.rpc_calls += self.record.calls
        self.coverage.add(coverage)
        return findings

    def asked(self, scenario: Scenario) -> Sources:
        """While the suite runs: its pages, and its public searches asked for the
        scenario's own people."""
        people = sorted(n for n in self.record.numbers if full_resident_id(n))
        sources: Sources = {}
        for base in sorted(set(scenario.web.values())):
            sources |= crawled_pages(base) | probed_pages(base, people)
        targets = sorted({f"127.0.0.1:{e['ZHIXING_GRPC_PORT']}" for e in scenario.environments
                          if "ZHIXING_GRPC_PORT" in e})
        probed_rpcs(targets, people, self.record)
        return sources

    def collected(self, scenario: Scenario) -> Sources:
        """Everything but the pages, once the processes have stopped."""
        folder = scenario.log_dir
        sources = process_output(folder) | sqlite_dead_letters(folder) | self.rpc_sources()
        for stack in {(e.get("ZHIXING_PG_DSN", ""), e.get("ZHIXING_SCHEMA_PREFIX", ""),
                       e.get("ZHIXING_KAFKA_BOOTSTRAP", ""), e.get("ZHIXING_TOPIC_NAMESPACE", ""))
                      for e in scenario.environments}:
            dsn, prefix, bootstrap, namespace = stack
            if dsn and prefix:
                sources |= postgres_dead_letters(dsn, prefix)
            if bootstrap and namespace:
                sources |= kafka_dead_letters(bootstrap, namespace)
        return sources

    def rpc_sources(self) -> Sources:
        answers = "\n".join(f"{m} {text}" for m, text in self.record.answers)
        errors = "\n".join(f"{m} {text}" for m, text in self.record.errors)
        return {"public RPC answers": ("rpc answers", answers),
                "RPC errors": ("rpc errors", errors)}

    def summary(self) -> str:
        kinds = ", ".join(f"{kind} {size:,} B" for kind, size in
                          sorted(self.coverage.bytes_by_kind.items()))
        return (f"personal-data scan: {self.scenarios} scenarios, {self.coverage.sources} "
                f"sources ({kinds}); {self.spans:,} spans, {self.rpc_calls:,} RPCs recorded; "
                f"searched: every valid GB 11643 resident ID and personal credit code, and "
                f"{len(self.known):,} numbers the scenarios used")


def searched(numbers: set[str]) -> set[str]:
    """The known numbers worth searching for: not an organisation's code, which the rules
    publish in full (R6)."""
    return {n for n in numbers
            if full_resident_id(n) or personal_credit_code(n) or not _organisation(n)}


def _organisation(number: str) -> bool:
    return len(number) == 18 and uscc.is_valid(number)

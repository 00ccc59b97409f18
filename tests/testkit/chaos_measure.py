"""What the chaos tests measure: the effects of accepted commands in the services' read
models, the consumer lag the roles report on `/metrics`, and the table of figures.

Effects are read straight from the read models in PostgreSQL (the rows the services'
queries answer from), so that a row written twice is seen as two rows:
- publicity's `case_progress` (a case followed by the public), by case id;
- assets' `inquiries` (网络查控: one automatic inquiry per filed case, one more per
  on-demand command), by case id;
- credit's `credit_cases` (the case as credit knows it), by case id and by claim — a
  filing's claim is unique, so two cases with one claim are one command applied twice —
  and what it has received: each payment adds to it once, so a payment applied twice
  shows as twice the amount.
"""

from __future__ import annotations

import threading
import time
import urllib.request
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import psycopg

from testkit.chaos_load import CLAIM_BASE, Accepted


@dataclass
class Effects:
    """One reading of the read models."""

    progress: Counter[str] = field(default_factory=Counter)
    inquiries: Counter[str] = field(default_factory=Counter)
    credit: Counter[str] = field(default_factory=Counter)
    received: Counter[str] = field(default_factory=Counter)
    cases_of_filing: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def read(cls, dsn: str, prefix: str) -> Effects | None:
        """The read models now; None while PostgreSQL does not answer."""
        effects = cls()
        try:
            with psycopg.connect(dsn, connect_timeout=2) as conn:
                for (case_id,) in conn.execute(f'SELECT case_id FROM "{prefix}_publicity".case_progress'):
                    effects.progress[case_id] += 1
                for (case_id,) in conn.execute(f'SELECT case_id FROM "{prefix}_assets".inquiries'):
                    effects.inquiries[case_id] += 1
                for case_id, claim, received in conn.execute(
                        'SELECT case_id, claim_total_fen, received_fen '
                        f'FROM "{prefix}_credit".credit_cases'):
                    effects.credit[case_id] += 1
                    effects.received[case_id] += int(received)
                    effects.cases_of_filing[int(claim) - CLAIM_BASE].add(case_id)
        except psycopg.Error:
            return None
        return effects

    def visible(self, case_id: str) -> bool:
        """A filed case's effects are all there: public progress, inquiry, credit's view."""
        return bool(self.progress[case_id] and self.inquiries[case_id] and self.credit[case_id])

    def demand_visible(self, case_id: str) -> bool:
        return self.inquiries[case_id] >= 2

    def missing(self, accepted: Accepted, since: int = 0) -> int:
        """Accepted commands (filings from index `since` on, and demands) not visible."""
        with accepted.lock:
            filed = [c for i, c in accepted.filed.items() if i >= since]
            demanded = [c for c, at in accepted.demanded.items() if at]
            paid = dict(accepted.paid)
        return (sum(not self.visible(c) for c in filed)
                + sum(not self.demand_visible(c) for c in demanded)
                + sum(self.received[c] < amount for c, amount in paid.items()))

    def twice(self, accepted: Accepted) -> int:
        """Effects recorded more than once, over every command the run had accepted."""
        with accepted.lock:
            filed = dict(accepted.filed)
            demanded = {c for c, at in accepted.demanded.items() if at}
            paid = dict(accepted.paid)
        extra = 0
        for index, case_id in filed.items():
            expected_inquiries = 2 if case_id in demanded else 1
            extra += max(0, self.progress[case_id] - 1)
            extra += max(0, self.credit[case_id] - 1)
            extra += max(0, self.inquiries[case_id] - expected_inquiries)
            extra += max(0, len(self.cases_of_filing.get(index, set()) - {case_id}))
            if case_id in paid:  # each time the payment was added beyond the first
                extra += max(0, self.received[case_id] - paid[case_id]) // paid[case_id]
        return extra


class LagWatch:
    """Scrapes every role's `/metrics` twice a second; keeps the largest consumer lag."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        self.max_lag = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self.max_lag = 0.0
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="chaos-lag", daemon=True)
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        return self.max_lag

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            for url in self.urls:
                self.max_lag = max(self.max_lag, consumer_lag(url))


def consumer_lag(url: str) -> float:
    """The largest `zhixing_consumer_lag` a role reports now (0 if it does not answer)."""
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            text = reply.read().decode()
    except OSError:
        return 0.0
    values = [float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
              if line.startswith("zhixing_consumer_lag{")]
    return max(values, default=0.0)


@dataclass
class Row:
    """One scenario's figures."""

    scenario: str
    accepted: int = 0
    refused: int = 0
    visible: int = 0
    lost: int = 0
    twice: int = 0
    drain: float | None = None
    outage: float | None = None
    """From the fault to the repair (the role serving again, the server restarted)."""
    recover: float | None = None
    max_lag: float = 0.0
    parked: int = 0
    """Records that landed in a dead-letter topic during the scenario."""
    expected_parked: int = 0
    """Of those, the poison the scenario wrote (once per consumer group)."""
    note: str = ""

    def cells(self) -> list[str]:
        return [self.scenario, str(self.accepted), str(self.refused), str(self.visible),
                str(self.lost), str(self.twice), _seconds(self.drain), _seconds(self.outage),
                _seconds(self.recover),
                f"{self.max_lag:.0f}", f"{self.parked} ({self.expected_parked} poison)",
                self.note]


HEADER = ["scenario", "accepted", "refused", "visible", "LOST", "APPLIED TWICE",
          "drain (s)", "fault → repaired (s)", "recover (s)", "max consumer lag", "dead letters", "notes"]


def table(rows: list[Row]) -> str:
    """The figures as a markdown table."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def shutdown_table(exits: dict[str, tuple[float, int | None]]) -> str:
    """Each role's exit on the SIGTERM that ends the run, as a markdown table."""
    lines = ["| role | exit after SIGTERM (s) | exit code |", "|---|---|---|"]
    lines += [f"| {name} | {seconds:.1f} | {'killed' if code is None else code} |"
              for name, (seconds, code) in sorted(exits.items(), key=lambda e: e[1][0])]
    return "\n".join(lines) + "\n"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def now() -> float:
    return time.monotonic()

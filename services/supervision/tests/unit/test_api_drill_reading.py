"""How the servicer reads every case behind a court's figure (R33): the read model orders
by court code, a court's own cases first, so the reading stops at another court's."""

from __future__ import annotations

from types import SimpleNamespace

from zhixing.supervision.api.kpis import PAGE_MOST, KpiRpcs

OWN, NESTED = 600, 600


class Drills:
    """The read model's drill over 600 cases of 川 and 600 of 川0104, by court code."""

    def __init__(self) -> None:
        self.rows = ([SimpleNamespace(court_code="川", n=i) for i in range(OWN)]
                     + [SimpleNamespace(court_code="川0104", n=i) for i in range(NESTED)])
        self.calls = 0

    def drill(self, scope, first, last, figure, *, page_size, offset):
        self.calls += 1
        return self.rows[offset:offset + page_size]


def reading(only: str) -> tuple[list[SimpleNamespace], int]:
    drills = Drills()
    servicer = SimpleNamespace(reads=SimpleNamespace(kpis=drills))
    rows = KpiRpcs._every_row(servicer, "川", "2026-01", "2026-03", "received", only)  # type: ignore[arg-type]
    return rows, drills.calls


class TestEveryRow:
    def test_the_reading_stops_at_the_first_page_reaching_another_court_when_only_its_own(
            self):
        rows, calls = reading("川")
        assert calls == 2 and len(rows) == 2 * PAGE_MOST
        assert sum(row.court_code == "川" for row in rows) == OWN

    def test_every_page_is_read_when_every_court_is_wanted(self):
        rows, calls = reading("")
        assert (calls, len(rows)) == (3, OWN + NESTED)

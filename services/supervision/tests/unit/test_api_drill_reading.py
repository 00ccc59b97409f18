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


class Courts(Drills):
    """Two basic courts' cases; which court a case id is of."""

    def __init__(self) -> None:
        super().__init__()
        self.rows = [SimpleNamespace(court_code=court, case_id=f"{court}-{i}",
                                     case_number=f"(2026){court}执{i}号")
                     for court in ("川0104", "川0105") for i in range(3)]
        self.scopes: list[str] = []

    def drill(self, scope, first, last, figure, *, page_size, offset):
        self.scopes.append(scope)
        mine = [row for row in self.rows if row.court_code.startswith(scope)]
        return mine[offset:offset + page_size]

    def court_of(self, case_id):
        return case_id.split("-")[0]


class TestNamedRows:
    def test_only_the_courts_of_the_named_cases_are_read_when_a_procurator_drills_down(
            self):
        courts = Courts()
        servicer = KpiRpcs.__new__(KpiRpcs)
        servicer.reads = SimpleNamespace(kpis=courts)
        named = (frozenset({"川0104-1"}), frozenset({"(2026)川0104执2号"}))
        rows = servicer._named_rows(("川",), "", "2026-01", "2026-03", "received", named)
        assert [row.case_id for row in rows] == ["川0104-1", "川0104-2"]
        assert courts.scopes == ["川0104"]

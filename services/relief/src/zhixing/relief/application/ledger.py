"""The R30 wage table and the courts' funds (R32): entering a wage, crediting a fund,
and reading them."""

from __future__ import annotations

from datetime import date

from zhixing.eventstore.unit import same_request
from zhixing.relief.application.base import ReliefStore, Unit, fund_key
from zhixing.relief.domain.fund import CREDIT_KINDS, Fund
from zhixing.relief.domain.values import FundEntryKind
from zhixing.relief.domain.wage import WageEntry


class LedgerCommands(ReliefStore):
    def enter_wage(self, province: str, year: int, monthly_wage_fen: int, source: str,
                   by: str, demonstration: bool = False) -> WageEntry:
        """The province's average monthly wage of `year` from its statistics bulletin
        (`source`), for the R30 cap of decisions made the year after. Entering it again
        with the same figure and source stores nothing; another figure is a correction
        (the entry keeps every earlier one)."""

        def command(unit: Unit) -> WageEntry:
            entry = unit.wage(province, year)
            if entry is None:
                return unit.add(WageEntry(province=province, year=year,
                                          monthly_wage_fen=monthly_wage_fen, source=source,
                                          entered_by=by, demonstration=demonstration))
            if (entry.monthly_wage_fen, entry.source, entry.demonstration) != (
                    monthly_wage_fen, source.strip(), demonstration):
                entry.correct(monthly_wage_fen, source, by, demonstration)
            return entry

        return self.act(command, lock=[f"wage/{province}/{year}"])

    def wage_of(self, province: str, year: int) -> WageEntry | None:
        """The entry of a province and year, or None when none was entered."""
        found = self.get_or_none(WageEntry.create_id(province, year))
        return found if isinstance(found, WageEntry) else None

    def credit_fund(self, court_code: str, year: int, kind: FundEntryKind | str, entry_id: str,
                    document_number: str, credited_on: date, amount_fen: int) -> Fund:
        """财政拨款 or 社会捐助 into the court's fund of `year` (R32). `entry_id` names the
        entry: sent again with the same kind, amount and day it stores nothing; with
        others it is refused naming entry_id."""

        def command(unit: Unit) -> Fund:
            fund = unit.fund(court_code, year)
            if isinstance(entry_id, str) and fund.knows(entry_id.strip()):
                _same_entry(fund, entry_id.strip(), kind, document_number, credited_on,
                            amount_fen)
                return fund
            fund.credit(kind, entry_id, document_number, credited_on, amount_fen)
            return fund

        return self.act(command, lock=[fund_key(court_code, year)])

    def fund_of(self, court_code: str, year: int) -> Fund | None:
        """The court's fund of that year, or None when nothing was ever booked on it."""
        found = self.get_or_none(Fund.create_id(court_code, year))
        return found if isinstance(found, Fund) else None


def _same_entry(fund: Fund, entry_id: str, kind: FundEntryKind | str, document_number: str,
                credited_on: date, amount_fen: int) -> None:
    """A re-sent credit, or an entry id reused (or a recovery id: one namespace) for
    another one — another kind, amount, day or document: refused naming entry_id."""
    booked = next(m for m in fund.ledger if m.ref == entry_id)
    asked = CREDIT_KINDS.get(FundEntryKind(kind)) if kind in set(FundEntryKind) else None
    document = document_number.strip() if isinstance(document_number, str) else None
    same_request("entry_id", (booked.kind, booked.amount_fen, booked.day,
                              fund.documents.get(entry_id)),
                 (asked, amount_fen, credited_on, document))

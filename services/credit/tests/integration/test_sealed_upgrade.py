"""A credit store of an earlier release, which kept IDs, names and reports' details in
plaintext, is sealed on the first start of this one and answers as before (issue 12
item 10, R60; docs/keys.md "Upgrading")."""

from __future__ import annotations

import json

from zhixing.credit.application.partners import ACTIONS_DDL, PartnerDesk
from zhixing.credit.bootstrap import build
from zhixing.credit.projections.candidates import DECISIONS_DDL
from zhixing.credit.projections.cases_seen import CASES_DDL, CasesSeenQueries
from zhixing.eventstore.settings import Settings

from ..conftest import DEBTOR_ID, resident_id

CASE, COURT, NAME = "c-earlier", "川0104", "欧阳明远"
EARLIER_CANDIDATES_DDL = """CREATE TABLE IF NOT EXISTS credit_candidates (
    case_id TEXT NOT NULL, identity_number TEXT NOT NULL, ground INTEGER NOT NULL,
    court_code TEXT NOT NULL, case_number TEXT NOT NULL, because TEXT NOT NULL,
    seen_on TEXT NOT NULL, decided INTEGER NOT NULL,
    PRIMARY KEY (case_id, identity_number, ground))"""
"""credit_candidates as the earlier release created it: no sealed `debtor` column."""


def earlier_store(settings: Settings) -> None:
    store = settings.sql_store("credit")
    store.migrate(CASES_DDL, EARLIER_CANDIDATES_DDL, DECISIONS_DDL, ACTIONS_DDL)
    debtors = [{"identity_number": DEBTOR_ID, "name": NAME, "kind": "natural_person"}]
    with store.transaction() as cur:
        cur.execute("INSERT INTO credit_cases VALUES (%s, %s, %s, %s, 100, 0, '', '', 0)",
                    (CASE, "(2025)川0104执9号", COURT, json.dumps(debtors, ensure_ascii=False)))
        cur.execute("INSERT INTO credit_candidates VALUES (%s, %s, 4, %s, %s, %s, %s, 0)",
                    (CASE, DEBTOR_ID, COURT, "(2025)川0104执9号", "PropertyReportMissed",
                     "2025-12-01"))
        cur.execute("INSERT INTO credit_partner_actions VALUES (%s, %s, %s, %s, '', %s, %s)",
                    ("airline.ca", "r-1", DEBTOR_ID, "blocked", "2025-12-02", f"{NAME}购票"))
    store.close()


class TestEarlierRelease:
    def test_rows_sealed_and_still_answered_when_an_earlier_store_starts(self, tmp_path):
        settings = Settings(var_dir=tmp_path / "var")
        earlier_store(settings)
        instance = build(settings)
        cipher = settings.field_cipher
        try:
            [debtor] = CasesSeenQueries(instance.store, cipher).find(CASE).debtors
            [candidate] = CasesSeenQueries(instance.store, cipher).candidates(COURT)
            [action] = PartnerDesk(instance.store, cipher).actions(DEBTOR_ID)
        finally:
            instance.close()
        assert (debtor.identity_number, debtor.name) == (DEBTOR_ID, NAME)
        assert candidate.identity_number == DEBTOR_ID
        assert (action.report_id, action.detail) == ("r-1", f"{NAME}购票")
        stored = b"".join(p.read_bytes() for p in (settings.var_dir / "credit").glob("views.db*"))
        assert DEBTOR_ID.encode() not in stored and NAME.encode() not in stored

    def test_rows_sealed_once_when_the_service_starts_again(self, tmp_path):
        settings = Settings(var_dir=tmp_path / "var")
        earlier_store(settings)
        build(settings).close()
        instance = build(settings)  # a second start must not seal the sealed again
        try:
            [candidate] = CasesSeenQueries(instance.store, settings.field_cipher).candidates(
                COURT)
        finally:
            instance.close()
        assert candidate.identity_number == DEBTOR_ID

    def test_debtor_found_by_the_canonical_id_when_an_earlier_case_kept_it_as_typed(
            self, tmp_path):
        """An earlier release kept the ID as typed, check character `x` in lower case;
        this one names it canonically (issue 12 item 5): DecideListing must still find
        the respondent, and the record it lists is the one a partner's Check asks for."""
        typed = resident_id("51010419800312009").lower()
        settings = Settings(var_dir=tmp_path / "var")
        store = settings.sql_store("credit")
        store.migrate(CASES_DDL)
        debtors = [{"identity_number": typed, "name": NAME, "kind": "natural_person"}]
        with store.transaction() as cur:
            cur.execute("INSERT INTO credit_cases VALUES (%s, %s, %s, %s, 100, 0, '', '', 0)",
                        (CASE, "(2025)川0104执9号", COURT,
                         json.dumps(debtors, ensure_ascii=False)))
        store.close()
        instance = build(settings)
        try:
            case = CasesSeenQueries(instance.store, settings.field_cipher).find(CASE)
        finally:
            instance.close()
        assert case is not None
        debtor = case.debtor(typed.upper())
        assert debtor is not None and debtor.identity_number == typed.upper()

"""A case an earlier release filed kept its debtor's ID as typed, the check character `x`
in lower case; requests now name the debtor in the canonical form (issue 12 item 5), so
the assets read model answers in that form too (R60: one person, one spelling)."""

from __future__ import annotations

from types import SimpleNamespace

from stdnum.cn import ric

from testkit.assets import case_filed
from zhixing.assets.projections.cases_seen import CasesSeen, CasesSeenQueries
from zhixing.eventstore.settings import Settings

BODY = "51010419800312009"
ENDS_IN_X = BODY + ric.calc_check_digit(BODY + "0")
"""A resident ID whose check character is X."""


class TestEarlierSpelling:
    def test_debtor_in_canonical_form_when_an_earlier_event_kept_it_as_typed(self, tmp_path):
        settings = Settings(var_dir=tmp_path)
        store = settings.sql_store("assets")
        CasesSeen.migrate(store)
        earlier = SimpleNamespace(
            case_id="7f1c2a9e-0000-4000-8000-0000000000e1", case_number="(2025)川0104执9号",
            court_code="川0104", claim_total_fen=100_00,
            debtors=[SimpleNamespace(name="王五", identity_number=ENDS_IN_X.lower())])
        with store.transaction() as cursor:
            CasesSeen(settings.field_cipher).handle(case_filed(earlier), cursor)
        try:
            case = CasesSeenQueries(store, settings.field_cipher).find(earlier.case_id)
        finally:
            store.close()
        assert ENDS_IN_X.endswith("X")
        assert case is not None and [d.identity_number for d in case.debtors] == [ENDS_IN_X]

"""立案 — filing and numbering (R38–R40), and refusals that store nothing."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from zhixing.cases.domain.errors import InvalidFiling
from zhixing.cases.domain.filing import Claim
from zhixing.cases.outbound import CaseOutbound
from zhixing.contracts.events.cases.v1 import CaseFiled
from zhixing.kernel.errors import AlreadyExists


class TestCaseNumbers:
    def test_serials_start_at_one_and_run_in_filing_order_when_same_court_type_year(self, app, a_filing):
        numbers = [app.file_case(a_filing()).case_number for _ in range(3)]
        assert numbers == ["(2026)川0104执1号", "(2026)川0104执2号", "(2026)川0104执3号"]

    def test_serials_are_separate_when_court_or_type_differs(self, app, a_filing):
        app.file_case(a_filing())
        other_court = app.file_case(a_filing(court_code="川0107"))
        other_type = app.file_case(a_filing(case_type="执保"))
        assert other_court.case_number == "(2026)川0107执1号"
        assert other_type.case_number == "(2026)川0104执保1号"

    def test_serials_restart_when_the_year_changes_in_china_time(self, app, clock, a_filing):
        app.file_case(a_filing())
        clock.advance(timedelta(days=365))  # now 2027-03-02
        assert app.file_case(a_filing()).case_number == "(2027)川0104执1号"

    def test_no_gap_and_no_duplicate_when_threads_file_concurrently(self, app, a_filing):
        numbers: list[str] = []

        def file_five() -> None:
            for _ in range(5):
                numbers.append(app.file_case(a_filing()).case_number)

        threads = [threading.Thread(target=file_five) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(numbers) == sorted(f"(2026)川0104执{n}号" for n in range(1, 21))

    def test_another_courts_request_id_files_a_new_case(self, app, a_filing):
        ours = app.file_case(a_filing(), request_id="req-1")
        theirs = app.file_case(a_filing(court_code="渝0103"), request_id="req-1")
        assert theirs.id != ours.id and theirs.case_number.startswith("(2026)渝0103执")

    def test_same_case_is_returned_when_a_request_id_is_repeated(self, app, a_filing):
        first = app.file_case(a_filing(), request_id="req-1")
        again = app.file_case(a_filing(), request_id="req-1")
        assert (again.id, again.case_number) == (first.id, first.case_number)
        assert app.find_case(first.case_number).id == first.id

    def test_already_exists_naming_request_id_when_it_is_reused_for_another_filing(
            self, app, a_filing):
        first = app.file_case(a_filing(), request_id="req-1")
        stored = app.max_notification_id()
        with pytest.raises(AlreadyExists) as refusal:
            app.file_case(a_filing(claim=Claim(5_000_00, 0, 0)), request_id="req-1")
        assert refusal.value.field == "request_id"
        assert first.case_number not in str(refusal.value)
        assert app.max_notification_id() == stored  # nothing more was stored


class TestRefusals:
    def test_nothing_is_stored_when_a_filing_is_refused(self, app, a_filing):
        with pytest.raises(InvalidFiling):
            app.file_case(a_filing(claim=Claim(0, 0, -5)))
        assert app.max_notification_id() == 0


class TestOutbound:
    def test_filed_case_is_published_as_case_filed_with_its_number(self, app, a_filing):
        case = app.file_case(a_filing())
        [(_, event)] = [(p, e) for p, e in app.read_notifications(0) if hasattr(e, "case_number")
                        and type(e).__name__ == "Filed"]
        [public] = CaseOutbound(app)(event)
        assert isinstance(public, CaseFiled)
        assert (public.case_number, public.case_id) == (case.case_number, str(case.id))
        assert public.claim_total_fen == 101_000_00

"""R40: 执恢, 执异, 执复 and 执协 cases always hang off another case."""

from __future__ import annotations

from uuid import uuid4

import pytest

from zhixing.cases.domain.errors import CaseNotFound, InvalidFiling


class TestLinkedFilings:
    """R40: the linked case is named, and (except for 执协) exists in this deployment."""

    def test_filing_is_refused_naming_r40_when_a_first_enforcement_names_a_link(
            self, app, a_filing):
        original = app.file_case(a_filing())
        with pytest.raises(InvalidFiling) as refused:
            a_filing(case_type="执", linked_case_id=str(original.id))
        assert refused.value.rule == "R40"

    def test_objection_is_filed_linked_to_its_case_when_that_case_exists(self, app, a_filing):
        original = app.file_case(a_filing())
        objection = app.file_case(a_filing(case_type="执异", linked_case_id=str(original.id)))
        assert (objection.case_number, objection.linked_case_id, objection.link_kind) == (
            "(2026)川0104执异1号", str(original.id), "objection")

    def test_objection_is_refused_when_the_linked_case_does_not_exist(self, app, a_filing):
        with pytest.raises(CaseNotFound):
            app.file_case(a_filing(case_type="执异", linked_case_id=str(uuid4())))
        assert app.max_notification_id() == 0

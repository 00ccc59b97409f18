"""The value objects a case is made of (STYLE 15): immutable, so copies share them."""

from __future__ import annotations

import copy


class TestCopiesOfACase:
    """The repository's cache hands out deep copies of a case (eventsourcing)."""

    def test_value_objects_are_shared_when_a_case_is_deep_copied(self, app, a_filing):
        case = app.file_case(a_filing())
        copied = copy.deepcopy(case)
        assert copied.basis is case.basis and copied.parties[0] is case.parties[0]
        assert copied.nodes == case.nodes and copied.nodes is not case.nodes

    def test_original_keeps_its_nodes_when_a_copy_is_changed(self, app, a_filing):
        case = app.file_case(a_filing())
        copied = copy.deepcopy(case)
        copied.assign("执行一组", "officer-1", "2026-03-02", {})
        assert (case.status, case.nodes["assign"].done_on) == ("filed", "")

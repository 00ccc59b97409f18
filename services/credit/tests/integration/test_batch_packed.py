"""BatchCheck's packed answer form (issue 19): the same answers as the default form, 8
bytes an identity, read back with `zhixing.contracts.packed_states`."""

from __future__ import annotations

from testkit.servicers import call_as
from zhixing.contracts import packed_states
from zhixing.contracts.pb.credit.v1 import check_pb2
from zhixing.credit.domain.restriction import CONDUCT

from ..conftest import DEBTOR_ID, LEGAL_REP_ID
from .test_credit_api import AIRLINE, suite  # noqa: F401  (the fixture)

PACKED = check_pb2.ANSWER_FORM_PACKED


def _both(suite, identities):  # noqa: F811
    default, packed = call_as(AIRLINE, suite.check, "BatchCheck", [
        check_pb2.BatchCheckRequest(identity_numbers=identities),
        check_pb2.BatchCheckRequest(identity_numbers=identities, answer_form=PACKED)])
    return default, packed


def test_packed_answers_carry_the_default_forms_states_when_asked(suite):  # noqa: F811
    suite.decide()
    suite.view.refresh()
    identities = [LEGAL_REP_ID, DEBTOR_ID, DEBTOR_ID.lower()]
    default, packed = _both(suite, identities)
    assert not packed.states and len(packed.packed_states) == 8 * len(identities)
    assert packed_states.states(packed.packed_states) == list(default.states)
    assert [s.listed for s in default.states] == [False, True, True]


def test_packed_answers_see_recent_changes_when_the_list_changed(suite):  # noqa: F811
    """The index's recent changes (not yet merged into its arrays) are in the words too."""
    _, before = _both(suite, [DEBTOR_ID])
    suite.decide()
    suite.view.refresh()
    default, after = _both(suite, [DEBTOR_ID])
    assert packed_states.words(before.packed_states) == (0,)
    assert packed_states.states(after.packed_states) == list(default.states)
    assert default.states[0].since and default.states[0].conduct


def test_a_malformed_identity_is_a_zero_word_when_the_batch_is_packed(suite):  # noqa: F811
    suite.decide()
    suite.view.refresh()
    identities = [DEBTOR_ID, "12345", f" {DEBTOR_ID.lower()} "]
    default, packed = _both(suite, identities)
    words = packed_states.words(packed.packed_states)
    assert words[1] == 0 and words[0] == words[2] != 0
    assert packed_states.states(packed.packed_states) == list(default.states)


def test_the_default_answer_has_no_packed_bytes_when_not_asked(suite):  # noqa: F811
    suite.decide()
    suite.view.refresh()
    default, _ = _both(suite, [DEBTOR_ID])
    assert default.packed_states == b"" and len(default.states) == 1


def test_the_contracts_conduct_order_is_r13s_when_read():
    """The packed words' conduct bits follow R13's order (`conduct_mask`)."""
    assert tuple(CONDUCT) == packed_states.CONDUCT

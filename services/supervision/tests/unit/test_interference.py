"""Specification of the interference register (R35): append-only and hash-chained; a
correction is a new record naming the old one, which stays; `verify` names by seq an
edited entry, a deleted one and a cut tail; nothing personal in an error or a repr."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from zhixing.security.audit_keys import KeyRing
from zhixing.supervision.domain.chain import GENESIS, verify
from zhixing.supervision.domain.errors import RecordIdReused, RecordInvalid
from zhixing.supervision.domain.interference import InterferenceRegister
from zhixing.supervision.domain.values import InterferenceRecord

from .supervision_fixtures import ASKED, COURT, NAME, a_record

RECORDED_ON = date(2026, 4, 2)


def register_of(n: int, keys: KeyRing) -> InterferenceRegister:
    """A register of `n` records r-1 … r-n."""
    register = InterferenceRegister(court_code=COURT)
    for i in range(1, n + 1):
        register.record(f"r-{i}", a_record(), RECORDED_ON, "judge-1", keys.current)
    return register


class TestAppendOnly:
    def test_one_register_per_court(self):
        assert InterferenceRegister(court_code=COURT).id == InterferenceRegister.create_id(COURT)

    def test_each_record_chained_to_the_one_before(self):
        keys = KeyRing.ephemeral()
        register = register_of(3, keys)
        assert [e.seq for e in register.entries] == [1, 2, 3]
        assert register.entries[0].prev_hash == GENESIS
        assert [e.prev_hash for e in register.entries[1:]] == [
            e.hash for e in register.entries[:-1]]
        assert register.head == (3, register.entries[-1].hash)

    def test_no_method_edits_or_deletes_a_record(self):
        commands = {name for name, value in vars(InterferenceRegister).items()
                    if not name.startswith("_") and callable(getattr(InterferenceRegister, name))
                    and not isinstance(value, type)}  # the event classes are no commands
        assert commands == {"create_id", "entry", "corrections_of", "summary", "record"}

    def test_the_same_entry_when_the_same_record_is_sent_again(self):
        keys = KeyRing.ephemeral()
        register = register_of(1, keys)
        register.collect_events()
        again = register.record("r-1", a_record(), RECORDED_ON, "judge-1", keys.current)
        assert again == register.entries[0] and register.collect_events() == []

    def test_refused_when_a_record_id_names_another_record(self):
        keys = KeyRing.ephemeral()
        register = register_of(1, keys)
        with pytest.raises(RecordIdReused, match=r"R35 \[record_id\]"):
            register.record("r-1", a_record(means="letter"), RECORDED_ON, "judge-1",
                            keys.current)


class TestCorrection:
    """A correction is a new record referring to the old one; the old one stays."""

    def test_the_old_record_stays_when_corrected(self):
        keys = KeyRing.ephemeral()
        register = register_of(1, keys)
        old = register.entries[0]
        fixed = register.record("r-2", a_record(who_post="局长", corrects="r-1"), RECORDED_ON,
                                "judge-1", keys.current)
        assert register.entries == [old, fixed]
        assert fixed.record.corrects == "r-1" and register.corrections_of("r-1") == [fixed]
        assert verify(register.entries, keys, court_code=COURT).ok

    @pytest.mark.parametrize("corrects", ["r-9", "r-2"])
    def test_refused_naming_r35_when_it_names_no_record_of_the_register(self, corrects):
        keys = KeyRing.ephemeral()
        register = register_of(1, keys)
        with pytest.raises(RecordInvalid, match=r"R35 \[corrects\]"):
            register.record("r-2", a_record(corrects=corrects), RECORDED_ON, "judge-1",
                            keys.current)
        assert len(register.entries) == 1


class TestVerify:
    """R35: a copy of the register is proved whole, or its first bad entry named by seq."""

    def test_whole_when_untouched(self):
        keys = KeyRing.ephemeral()
        register = register_of(3, keys)
        check = verify(register.entries, keys, court_code=COURT, head=register.head)
        assert (check.ok, check.checked, check.first_bad_seq) == (True, 3, 0)
        assert (check.head_seq, check.head_hash) == register.head

    def test_whole_after_the_key_was_rotated(self):
        keys = KeyRing.ephemeral()
        register = register_of(1, keys)
        rotated = keys.rotated()
        register.record("r-2", a_record(), RECORDED_ON, "judge-1", rotated.current)
        assert verify(register.entries, rotated, court_code=COURT).ok
        assert not verify(register.entries, keys, court_code=COURT).ok

    def test_an_edited_entry_named_by_its_seq(self):
        keys = KeyRing.ephemeral()
        entries = list(register_of(3, keys).entries)
        edited = dataclasses.replace(entries[1].record, asked="无")
        entries[1] = dataclasses.replace(entries[1], record=edited)
        check = verify(entries, keys, court_code=COURT)
        assert (check.ok, check.first_bad_seq, check.checked) == (False, 2, 1)
        assert "edited" in check.problem and "2" in check.problem
        assert "无" not in check.problem and NAME not in check.problem

    def test_an_edited_entry_named_when_its_mac_was_recomputed_without_the_key(self):
        keys = KeyRing.ephemeral()
        entries = list(register_of(2, keys).entries)
        forged = KeyRing.ephemeral().current
        entries[0] = dataclasses.replace(entries[0], hash=forged.row_mac(GENESIS, {}))
        assert verify(entries, keys, court_code=COURT).first_bad_seq == 1

    def test_a_deleted_entry_in_the_middle_named_by_its_seq(self):
        keys = KeyRing.ephemeral()
        entries = register_of(3, keys).entries
        check = verify([entries[0], entries[2]], keys, court_code=COURT)
        assert (check.ok, check.first_bad_seq) == (False, 2)
        assert "entry 2 is missing" in check.problem and "deleted" in check.problem

    def test_a_changed_link_named_by_its_seq(self):
        keys = KeyRing.ephemeral()
        entries = list(register_of(3, keys).entries)
        entries[2] = dataclasses.replace(entries[2], prev_hash=entries[0].hash)
        check = verify(entries, keys, court_code=COURT)
        assert (check.ok, check.first_bad_seq) == (False, 3)
        assert "link" in check.problem

    def test_a_deleted_entry_named_when_the_rest_were_renumbered(self):
        keys = KeyRing.ephemeral()
        entries = register_of(3, keys).entries
        renumbered = [entries[0], dataclasses.replace(entries[2], seq=2)]
        assert verify(renumbered, keys, court_code=COURT).first_bad_seq == 2

    def test_a_cut_tail_named_against_the_head_kept_outside(self):
        keys = KeyRing.ephemeral()
        register = register_of(3, keys)
        head = register.head
        check = verify(register.entries[:2], keys, court_code=COURT, head=head)
        assert (check.ok, check.first_bad_seq) == (False, 3)
        assert "cut" in check.problem
        # without the head, nothing shows
        assert verify(register.entries[:2], keys, court_code=COURT).ok

    def test_a_tail_cut_and_written_again_named_against_the_head(self):
        keys = KeyRing.ephemeral()
        register = register_of(3, keys)
        head = register.head
        rewritten = register_of(2, keys)
        rewritten.record("r-3", a_record(means="letter"), RECORDED_ON, "judge-1",
                         keys.current)
        check = verify(rewritten.entries, keys, court_code=COURT, head=head)
        assert (check.ok, check.first_bad_seq) == (False, 3)

    def test_whole_when_longer_than_an_earlier_head(self):
        keys = KeyRing.ephemeral()
        register = register_of(2, keys)
        head = register.head
        register.record("r-3", a_record(), RECORDED_ON, "judge-1", keys.current)
        assert verify(register.entries, keys, court_code=COURT, head=head).ok


class TestRecordBounds:
    """R35's field bounds, refused naming the field — never echoing the content."""

    @pytest.mark.parametrize(("field", "value"), [
        ("who_name", ""), ("who_name", "名" * 101), ("who_unit", " "), ("who_post", "x" * 101),
        ("asked", ""), ("asked", "问" * 2001), ("case_id", "c" * 101), ("means", "email"),
    ])
    def test_refused_naming_the_field_when_out_of_bounds(self, field, value):
        with pytest.raises(RecordInvalid) as refused:
            a_record(**{field: value})
        assert (refused.value.rule, refused.value.field) == ("R35", field)
        if value.strip() and field != "means":
            assert value[:5] not in str(refused.value)

    def test_refused_when_it_occurred_after_the_day_recorded(self):
        register = InterferenceRegister(court_code=COURT)
        with pytest.raises(RecordInvalid, match=r"\[occurred_on\]"):
            register.record("r-1", a_record(occurred_on=date(2026, 4, 3)), RECORDED_ON,
                            "judge-1", KeyRing.ephemeral().current)

    def test_names_and_what_was_asked_withheld_from_its_repr(self):
        shown = repr(a_record()) + repr(register_of(1, KeyRing.ephemeral()).entries[0])
        assert NAME not in shown and ASKED not in shown and "某区某局" not in shown
        assert isinstance(a_record(), InterferenceRecord)

    def test_names_and_what_was_asked_withheld_from_the_stored_events_repr(self):
        """The Recorded event (what the store, a traceback or a debugger shows)."""
        register = register_of(1, KeyRing.ephemeral())
        shown = "".join(map(repr, register.collect_events()))
        assert "Recorded(" in shown and "seq=1" in shown
        assert NAME not in shown and ASKED not in shown and "某区某局" not in shown


class TestBoundToItsCourt:
    """R35: every court's chain is MACed with the one key ring; an entry is bound to the
    court whose register holds it."""

    def test_a_register_copied_over_another_courts_is_named_at_its_first_entry(self):
        keys = KeyRing.ephemeral()
        other = register_of(2, keys)  # made as COURT's
        check = verify(other.entries, keys, court_code="川0105")
        assert (check.ok, check.first_bad_seq) == (False, 1)
        assert "edited" in check.problem

    def test_refused_when_checked_without_the_court(self):
        keys = KeyRing.ephemeral()
        assert not verify(register_of(1, keys).entries, keys).ok

"""The partners' local credit index (DESIGN §13, R42): identity → current state."""

from __future__ import annotations

import random

import pytest
from stdnum.cn import ric, uscc

from zhixing.credit import index as index_module
from zhixing.credit.index import CreditIndex, State
from zhixing.kernel.errors import InvalidInput


def resident_id(serial: int) -> str:
    """A valid resident ID number born 1990-01-01 (stdnum wants a placeholder check)."""
    body = f"51010419900101{serial:03d}"
    return body + ric.calc_check_digit(body + "0")


def credit_code(serial: int) -> str:
    body = f"91510100MA{serial:07d}"
    return body + uscc.calc_check_digit(body)


LISTED = State(listed=True, restricted=True, codes=0b111, since=20_500, cases=2)


@pytest.fixture
def index() -> CreditIndex:
    return CreditIndex()


class TestRoundTrips:
    def test_resident_id_reads_back_its_state_when_put(self, index):
        index.put(resident_id(1), LISTED)
        assert index.get(resident_id(1)) == LISTED

    def test_credit_code_reads_back_its_state_when_put(self, index):
        index.put(credit_code(1), LISTED)
        assert index.get(credit_code(1)) == LISTED

    def test_lowercase_x_finds_the_same_entry_when_the_check_is_x(self, index):
        identity = next(i for i in map(resident_id, range(100)) if i.endswith("X"))
        index.put(identity.lower(), LISTED)
        assert index.get(identity) == LISTED

    def test_extreme_values_survive_when_packed(self, index):
        state = State(listed=False, restricted=True, codes=0xFFFF, since=(1 << 20) - 1,
                      cases=(1 << 24) - 1)
        index.put(credit_code(2), state)
        assert index.get(credit_code(2)) == state

    def test_put_replaces_the_state_when_repeated(self, index):
        index.put(resident_id(1), LISTED)
        index.put(resident_id(1), LISTED._replace(listed=False, cases=1))
        assert (len(index), index.get(resident_id(1))) == (1, LISTED._replace(listed=False,
                                                                               cases=1))


class TestLookups:
    def test_unknown_identity_is_none_when_never_put(self, index):
        index.put(resident_id(1), LISTED)
        assert index.get(resident_id(2)) is None

    def test_person_and_organisation_do_not_collide_when_both_put(self, index):
        index.put(resident_id(1), LISTED)
        index.put(credit_code(1), LISTED._replace(cases=9))
        assert [s.cases if s else None for s in index.check_many(
            [resident_id(1), credit_code(1), credit_code(3)])] == [2, 9, None]

    def test_check_many_answers_in_order_when_some_are_unknown(self, index):
        index.put(resident_id(3), LISTED)
        assert index.check_many([resident_id(4), resident_id(3)]) == [None, LISTED]

    def test_check_many_names_the_position_when_one_is_malformed(self, index):
        with pytest.raises(InvalidInput) as refused:
            index.check_many([resident_id(1), "51010419900101"])
        assert refused.value.field == "identities[1]"


class TestRemoval:
    def test_removed_identity_is_none_when_looked_up(self, index):
        index.put(credit_code(5), LISTED)
        assert index.remove(credit_code(5)) is True
        assert (index.get(credit_code(5)), len(index)) == (None, 0)

    def test_remove_is_false_when_the_identity_was_not_there(self, index):
        assert index.remove(resident_id(5)) is False


class TestRefusals:
    @pytest.mark.parametrize("identity", ["", "51010419900101001", "5101041990010100I1",
                                          "5101041990010100１X"])
    def test_malformed_identity_is_refused_naming_the_field_when_looked_up(self, index,
                                                                          identity):
        with pytest.raises(InvalidInput) as refused:
            index.get(identity)
        assert refused.value.field == "identity"

    def test_wrong_check_character_is_refused_when_put(self, index):
        good = resident_id(7)
        bad = good[:17] + ("0" if good[17] != "0" else "1")
        with pytest.raises(InvalidInput) as refused:
            index.put(bad, LISTED)
        assert (refused.value.field, len(index)) == ("identity", 0)

    def test_out_of_range_state_is_refused_naming_the_field_when_put(self, index):
        with pytest.raises(InvalidInput) as refused:
            index.put(credit_code(1), LISTED._replace(since=1 << 20))
        assert (refused.value.field, len(index)) == ("state.since", 0)


class TestMemory:
    def test_estimate_grows_with_entries_and_shrinks_when_removed(self, index):
        empty = index.memory_bytes()
        for serial in range(200):
            index.put(resident_id(serial), LISTED)
        full = index.memory_bytes()
        for serial in range(200):
            index.remove(resident_id(serial))
        assert empty < full and index.memory_bytes() < full


class TestMerges:
    """A threshold of 4 forces the recent changes into the sorted arrays many times."""

    @pytest.fixture
    def small(self) -> CreditIndex:
        return CreditIndex(merge_threshold=4)

    def test_every_entry_stays_findable_when_merged_repeatedly(self, small):
        identities = [resident_id(s) for s in range(0, 300, 7)] + [credit_code(s)
                                                                   for s in range(50)]
        for n, identity in enumerate(reversed(identities)):
            small.put(identity, LISTED._replace(cases=n))
        answers = small.check_many(reversed(identities))
        assert ([s.cases if s else None for s in answers], len(small)) == (
            list(range(len(identities))), len(identities))

    def test_removal_hides_a_merged_entry_before_and_after_the_tombstone_merges(self, small):
        for serial in range(10):
            small.put(resident_id(serial), LISTED)
        assert small.remove(resident_id(3)) is True
        before = small.get(resident_id(3))
        for serial in range(10, 20):
            small.put(resident_id(serial), LISTED)
        assert (before, small.get(resident_id(3)), len(small)) == (None, None, 19)
        assert small.remove(resident_id(3)) is False

    def test_re_put_after_removal_reads_back_the_new_state(self, small):
        for serial in range(10):
            small.put(credit_code(serial), LISTED)
        small.remove(credit_code(2))
        small.put(credit_code(2), LISTED._replace(cases=7))
        unmerged = small.get(credit_code(2))
        for serial in range(10, 20):
            small.put(credit_code(serial), LISTED)
        assert (unmerged, small.get(credit_code(2)), len(small)) == (
            LISTED._replace(cases=7), LISTED._replace(cases=7), 20)

    def test_replacing_a_merged_entry_keeps_one_entry(self, small):
        for serial in range(10):
            small.put(resident_id(serial), LISTED)
        for serial in range(10):
            small.put(resident_id(serial), LISTED._replace(cases=serial))
        assert ([s.cases if s else None for s in small.check_many(
            map(resident_id, range(10)))], len(small)) == (list(range(10)), 10)


class TestBulkLoad:
    def test_bulk_load_equals_individual_puts_when_identities_repeat(self):
        pairs = [(resident_id(s % 40), LISTED._replace(cases=s)) for s in range(60)]
        pairs += [(credit_code(s), LISTED._replace(codes=s)) for s in range(30)]
        one_by_one = CreditIndex()
        for identity, state in pairs:
            one_by_one.put(identity, state)
        bulk = CreditIndex.bulk_load(pairs)
        identities = [identity for identity, _ in pairs] + [resident_id(99)]
        assert (bulk.check_many(identities), len(bulk)) == (
            one_by_one.check_many(identities), len(one_by_one))

    def test_bulk_loaded_index_takes_puts_and_removals_when_used_afterwards(self):
        bulk = CreditIndex.bulk_load([(resident_id(s), LISTED) for s in range(5)])
        bulk.remove(resident_id(0))
        bulk.put(resident_id(9), LISTED)
        assert ([bulk.get(resident_id(s)) is not None for s in (0, 1, 9)], len(bulk)) == (
            [False, True, True], 5)

    def test_bulk_load_names_the_position_when_a_state_is_out_of_range(self):
        pairs = [(credit_code(s), LISTED) for s in range(3)]
        pairs[2] = (credit_code(2), LISTED._replace(cases=-1))
        with pytest.raises(InvalidInput) as refused:
            CreditIndex.bulk_load(pairs)
        assert refused.value.field == "pairs[2].state.cases"

    def test_bulk_load_names_the_position_when_a_check_character_is_wrong(self):
        good = credit_code(1)
        bad = good[:17] + ("0" if good[17] != "0" else "1")
        with pytest.raises(InvalidInput) as refused:
            CreditIndex.bulk_load([(good, LISTED), (bad, LISTED)])
        assert refused.value.field == "pairs[1].identity"

    def test_lenient_bulk_load_leaves_out_and_reports_each_refused_pair_when_told(self):
        good = credit_code(1)
        bad_check = good[:17] + ("0" if good[17] != "0" else "1")
        pairs = [(good, LISTED), (bad_check, LISTED), ("51010", LISTED),
                 (resident_id(2), LISTED._replace(since=1 << 20)), (resident_id(3), LISTED)]
        told: list[tuple[int, str]] = []
        bulk = CreditIndex.bulk_load(pairs, refused=lambda at, error: told.append(
            (at, error.field)))
        assert (told, len(bulk), bulk.get(good), bulk.get(resident_id(3))) == (
            [(1, "pairs[1].identity"), (2, "pairs[2].identity"),
             (3, "pairs[3].state.since")], 2, LISTED, LISTED)


    def test_random_puts_and_removals_agree_with_a_dict_when_merged_often(self):
        rng, model, small = random.Random(5), {}, CreditIndex(merge_threshold=8)
        identities = [resident_id(s) for s in range(60)] + [credit_code(s) for s in range(60)]
        for step in range(2_000):
            identity = rng.choice(identities)
            if rng.random() < 0.4:
                assert small.remove(identity) is (model.pop(identity, None) is not None)
            else:
                model[identity] = LISTED._replace(cases=step)
                small.put(identity, model[identity])
        assert (small.check_many(identities), len(small)) == (
            [model.get(i) for i in identities], len(model))


class TestUnion:
    def test_union_answers_as_one_bulk_load_when_parts_are_disjoint(self):
        parts = [[(resident_id(s), LISTED._replace(cases=s)) for s in range(p, 90, 3)]
                 + [(credit_code(s), LISTED._replace(codes=s)) for s in range(p, 30, 3)]
                 for p in range(3)]
        united = CreditIndex.union([CreditIndex.bulk_load(part) for part in parts])
        whole = CreditIndex.bulk_load([pair for part in parts for pair in part])
        asked = [identity for part in parts for identity, _ in part] + [resident_id(99)]
        assert (united.check_many(asked), len(united)) == (whole.check_many(asked), 120)

    def test_union_takes_pending_changes_and_the_later_part_when_parts_overlap(self):
        first = CreditIndex.bulk_load([(resident_id(s), LISTED) for s in range(4)])
        first.remove(resident_id(0))
        first.put(resident_id(5), LISTED)
        later = CreditIndex.bulk_load([(resident_id(1), LISTED._replace(cases=9))])
        united = CreditIndex.union([first, later])
        assert ([united.get(resident_id(s)) for s in (0, 1, 2, 5)], len(united)) == (
            [None, LISTED._replace(cases=9), LISTED, LISTED], 4)

    def test_union_of_nothing_is_empty(self):
        assert len(CreditIndex.union([])) == 0

class TestBatches:
    """check_many decodes a whole batch at once; these pin what the fast path must keep."""

    def test_check_many_takes_any_iterable_and_lowercase_when_asked(self, index):
        identity = next(i for i in map(credit_code, range(100)) if not i.isdigit())
        index.put(identity, LISTED)
        assert index.check_many(iter([identity.lower(), resident_id(8)])) == [LISTED, None]

    def test_check_many_of_nothing_is_empty_when_asked(self, index):
        assert index.check_many([]) == []

    def test_check_many_sees_recent_changes_when_the_arrays_hold_older_ones(self):
        bulk = CreditIndex.bulk_load([(resident_id(s), LISTED) for s in range(20)])
        bulk.put(resident_id(1), LISTED._replace(cases=7))
        bulk.remove(resident_id(2))
        bulk.put(credit_code(1), LISTED)
        assert bulk.check_many([resident_id(s) for s in range(4)] + [credit_code(1)]) == [
            LISTED, LISTED._replace(cases=7), None, LISTED, LISTED]

    @pytest.mark.parametrize("batch", [
        [resident_id(1), resident_id(2)[:17] + "１"],  # not ASCII
        [resident_id(1), resident_id(2) + "\n", resident_id(3)[:17]],  # same total length
        [resident_id(1), resident_id(2)[:17] + "I"],  # outside the alphabet
    ])
    def test_check_many_names_the_first_malformed_position_when_the_batch_is_odd(
            self, index, batch):
        with pytest.raises(InvalidInput) as refused:
            index.check_many(batch)
        assert refused.value.field == "identities[1]"


class TestCollidingMixes:
    """Two identities that differ only in the first digits (weights chosen so the check
    digit agrees) share the low 64 bits; with the finaliser switched off their mixes
    are equal, which the real mix makes rare but never impossible."""

    @pytest.fixture
    def plain_mix(self, monkeypatch):
        monkeypatch.setattr(index_module, "_split",
                            lambda key: (key & (1 << 64) - 1, key >> 64))
        monkeypatch.setattr(index_module, "_mix", lambda high, low: low.copy())

    @staticmethod
    def twins(serial: int) -> list[str]:
        # 7·a + 9·b ≡ 0 (mod 11) for a = 1, b = 9: the check digit stays the same
        first, second = f"10{serial:04d}19900101001", f"29{serial:04d}19900101001"
        twins = [body + ric.calc_check_digit(body + "0") for body in (first, second)]
        assert twins[0][6:] == twins[1][6:]
        return twins

    def test_twins_keep_their_own_states_when_bulk_loaded_and_merged(self, plain_mix):
        twins = [i for serial in range(5) for i in self.twins(serial)]
        bulk = CreditIndex.bulk_load([(i, LISTED._replace(cases=n))
                                      for n, i in enumerate(twins)], merge_threshold=2)
        bulk.remove(twins[2])
        bulk.put(twins[3], LISTED._replace(cases=30))
        for serial in range(5, 8):
            for identity in self.twins(serial):
                bulk.put(identity, LISTED._replace(cases=serial))
        expected = [n if n != 3 else 30 for n in range(10)]
        expected[2] = None
        assert ([s.cases if s else None for s in bulk.check_many(twins)], len(bulk),
                [bulk.get(i) for i in twins[1:4]]) == (
            expected, 15, [LISTED._replace(cases=1), None, LISTED._replace(cases=30)])

"""The audit key ring (R46): read from text, never echoing a secret; the last key signs."""

from __future__ import annotations

import pytest

from zhixing.security.audit_keys import AuditKeyError, KeyRing

SECRET = "A" * 43 + "="  # 32 bytes, base64


class TestKeyRing:
    def test_the_last_entry_signs_when_a_ring_holds_several(self):
        ring = KeyRing.parse(f"# rotated\nold:{SECRET}\nnew:{'B' * 43}=\n", "audit.keys")
        assert [k.key_id for k in ring.keys] == ["old", "new"] and ring.current.key_id == "new"

    def test_entries_may_be_separated_by_commas_when_in_a_variable(self):
        ring = KeyRing.parse(f"a:{SECRET},b:{SECRET}", "ZHIXING_AUDIT_KEYS")
        assert ring.get("a") is not None and ring.current.key_id == "b"

    def test_text_round_trips_when_rotated(self):
        ring = KeyRing.parse(f"a:{SECRET}", "x").rotated()
        assert KeyRing.parse(ring.text(), "x") == ring and len(ring.keys) == 2

    @pytest.mark.parametrize(("text", "says"), [
        ("", "at least one key"),
        (f"no id:{SECRET}", "key 1 has no id"),
        ("a:not base64!", "key a is not base64"),
        ("a:c2hvcnQ=", "key a has 5 bytes"),
        (f"a:{SECRET}\na:{SECRET}", "each key id once"),
    ])
    def test_refused_naming_the_entry_when_unreadable(self, text, says):
        with pytest.raises(AuditKeyError, match=says) as refused:
            KeyRing.parse(text, "audit.keys")
        assert SECRET not in str(refused.value)


class TestMacs:
    def test_a_row_mac_is_never_a_checkpoint_signature_when_the_text_is_the_same(self):
        key = KeyRing.ephemeral().current
        assert key.row_mac("", {"a": 1}) != key.sign({"a": 1})

    def test_macs_differ_when_keys_differ(self):
        one, other = KeyRing.ephemeral().current, KeyRing.ephemeral().current
        assert one.row_mac("0", {"seq": 1}) != other.row_mac("0", {"seq": 1})

"""Where the audit key ring is read from never shows the ring (issue 12 item 9, R46)."""

from __future__ import annotations

from zhixing.runtime.audit_settings import AuditSettings

SECRET = "k1:" + "QUJD" * 11


def test_the_key_ring_is_not_in_the_settings_repr_when_it_comes_from_the_environment():
    # A traceback with locals, a log line or a failed assertion prints the repr.
    settings = AuditSettings.from_env({"ZHIXING_AUDIT_KEYS": SECRET, "HOME": "/nowhere"})
    assert settings.keys_text == SECRET
    assert "QUJD" not in repr(settings) and "QUJD" not in str(settings)

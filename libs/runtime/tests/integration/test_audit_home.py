"""The process's one audit log: opened once per place and shared, closed by the last
holder, so every writer of a process appends to one chain (R46)."""

from __future__ import annotations

import pytest

from zhixing.eventstore.settings import Settings
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.security.identity import Identity

OFFICER = Identity(subject="officer-1", role="officer", court="川0104")


class TestAuditHome:
    def test_one_log_and_one_chain_when_two_writers_open_the_same_settings(self, tmp_path):
        first, second = open_audit(Settings(var_dir=tmp_path)), open_audit(Settings(var_dir=tmp_path))
        try:
            assert first is second
            first.log.record(OFFICER, "/cases/GetCase", "(2026)川0104执1号", "read", "ok")
            second.log.record(None, "/assets/Inquire", "", "no token", "unauthenticated")
            assert [e.seq for e in first.log.entries()] == [1, 2]
            assert first.log.verify().ok
        finally:
            close_audit(first)
            close_audit(second)
        assert (tmp_path / "audit" / "log.db").exists()

    def test_still_writable_when_one_of_two_holders_lets_go(self, tmp_path):
        first, second = open_audit(Settings(var_dir=tmp_path)), open_audit(Settings(var_dir=tmp_path))
        close_audit(first)
        try:
            second.log.record(None, "/cases/GetCase", "", "no token", "unauthenticated")
        finally:
            close_audit(second)
        reopened = open_audit(Settings(var_dir=tmp_path))
        try:
            assert reopened is not first and reopened.log.verify().checked == 1
        finally:
            close_audit(reopened)

    def test_each_place_has_its_own_log_when_settings_differ(self, tmp_path):
        here, there = (open_audit(Settings(var_dir=tmp_path / p)) for p in ("a", "b"))
        try:
            assert here is not there
        finally:
            close_audit(here)
            close_audit(there)


@pytest.fixture(autouse=True)
def _nothing_left_open():
    from zhixing.runtime import audit_home

    yield
    assert not audit_home._open

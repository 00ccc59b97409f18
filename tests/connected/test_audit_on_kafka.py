"""In a cluster the audit chain's checkpoints also go to a compacted Kafka topic (R46,
issue 12 item 9): rows cut off the end of the PostgreSQL log are caught from the topic
even when the checkpoint file on the machine is lost with them."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from testkit.stack import process_env, stack_settings
from zhixing.runtime.audit_home import close_audit, open_audit
from zhixing.runtime.cli import app, mount
from zhixing.runtime.ops_settings import audit_store
from zhixing.security.identity import Identity

pytestmark = pytest.mark.connected
JUDGE = Identity(subject="judge-1", role="judge", court="川0104")


@pytest.fixture
def cluster(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    settings = stack_settings(tmp_path / "var")
    for name, value in process_env(settings).items():
        if name.startswith("ZHIXING_"):
            monkeypatch.setenv(name, value)
    monkeypatch.setenv("ZHIXING_AUDIT_KEY_FILE", str(tmp_path / "keys" / "audit.keys"))
    monkeypatch.setenv("ZHIXING_AUDIT_CHECKPOINTS", str(tmp_path / "kept.jsonl"))
    home = open_audit(settings)
    try:
        for n in range(5):
            home.log.record(JUDGE, "/zhixing.cases.v1.CasesService/GetCase",
                            f"(2026)川0104执{n + 1}号", "read case file", "ok")
    finally:
        close_audit(home)
    return settings, tmp_path


def test_intact_with_the_topics_checkpoints_when_untouched(cluster):
    checked = CliRunner().invoke(mount(app), ["audit-verify"])
    assert checked.exit_code == 0, checked.output
    assert "5 entries, chain intact" in checked.stdout and "on Kafka" in checked.stdout


def test_a_truncation_is_caught_from_the_topic_when_the_checkpoint_file_is_lost(cluster):
    settings, folder = cluster
    store = audit_store(settings)
    with store.transaction() as cur:
        cur.execute("DELETE FROM audit_log WHERE seq > 3")
    store.close()
    (folder / "kept.jsonl").unlink()
    checked = CliRunner().invoke(mount(app), ["audit-verify"])
    assert checked.exit_code == 1
    assert "rows 4–5 are missing: checkpoint kafka record" in checked.stderr

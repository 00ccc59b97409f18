"""Stage marks for the pipeline benchmark (issue 19): written only when asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhixing.contracts.envelope import CloudEvent
from zhixing.messaging import stages


def _event(subject: str) -> CloudEvent:
    return CloudEvent(id=f"id-{subject}", source="/zhixing/test/cases", type="CaseFiled",
                      time="2026-03-02T02:00:00Z", subject=subject, court="川0104",
                      region="test", sequence=1, position=1, data={})


def test_one_line_per_event_when_the_stage_log_is_set(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "stages.log"
    monkeypatch.setenv(stages.SETTING, str(log))
    stages.mark("relay.read", "cases->cases.v1", [_event("a"), None, _event("b")])
    lines = [line.split(" ") for line in log.read_text().splitlines()]
    assert [line[1:] for line in lines] == [["relay.read", "cases->cases.v1", "a", "CaseFiled"],
                                            ["relay.read", "cases->cases.v1", "b", "CaseFiled"]]
    assert all(int(line[0]) > 0 for line in lines)


def test_nothing_is_written_when_the_stage_log_is_not_set(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(stages.SETTING, raising=False)
    monkeypatch.chdir(tmp_path)
    stages.mark("relay.read", "cases->cases.v1", [_event("a")])
    assert not stages.enabled()
    assert list(tmp_path.iterdir()) == []

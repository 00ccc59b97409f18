"""When checkpoints are published: every N rows, T seconds after an unpublished row, and
on close — the last head each time, signed (R46, issue 12 item 9)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from zhixing.security.audit_keys import KeyRing
from zhixing.security.checkpoints import Checkpoint, Checkpointer

KEY = KeyRing.ephemeral().current


class Sink:
    def __init__(self) -> None:
        self.published: list[Checkpoint] = []

    def append(self, checkpoint: Checkpoint) -> None:
        self.published.append(checkpoint)


class FakeTimer:
    """A timer the test fires by hand: no sleeping, no thread."""

    made: ClassVar[list[FakeTimer]] = []

    def __init__(self, seconds: float, call: Callable[[], None]) -> None:
        self.seconds, self.call, self.started, self.cancelled = seconds, call, False, False
        FakeTimer.made.append(self)

    def start(self) -> None:
        self.started = True

    def cancel(self) -> None:
        self.cancelled = True


def head(seq: int) -> Checkpoint:
    return Checkpoint("chain", seq, f"mac{seq}", 0, "", KEY.key_id)


def checkpointer(sink: Sink, rows: int = 3) -> Checkpointer:
    FakeTimer.made = []
    return Checkpointer(sink, every_rows=rows, every_seconds=60, timer=FakeTimer)  # type: ignore[arg-type]


class TestCheckpointer:
    def test_published_at_once_when_n_rows_were_recorded(self):
        sink = Sink()
        points = checkpointer(sink)
        for seq in (1, 2, 3):
            points.recorded(head(seq), KEY)
        assert [c.seq for c in sink.published] == [3]

    def test_published_when_the_timer_fires_after_an_unpublished_row(self):
        sink = Sink()
        points = checkpointer(sink)
        points.recorded(head(1), KEY)
        [timer] = FakeTimer.made
        assert timer.started and timer.seconds == 60 and not sink.published
        timer.call()
        assert [c.seq for c in sink.published] == [1]

    def test_the_last_head_is_published_when_closed(self):
        sink = Sink()
        points = checkpointer(sink)
        points.recorded(head(2), KEY)
        points.recorded(head(1), KEY)  # another thread's earlier row, reported late
        points.close()
        assert [c.seq for c in sink.published] == [2] and FakeTimer.made[0].cancelled

    def test_nothing_is_published_when_no_row_is_new(self):
        sink = Sink()
        points = checkpointer(sink, rows=1)
        points.recorded(head(1), KEY)
        points.close()
        assert [c.seq for c in sink.published] == [1]

    def test_every_checkpoint_is_signed_with_the_key_of_its_head(self):
        sink = Sink()
        points = checkpointer(sink, rows=1)
        points.recorded(head(1), KEY)
        [published] = sink.published
        assert published.sig == KEY.sign(published.payload()) and published.at


class TestStoreTag:
    def test_a_line_from_before_the_store_tag_still_parses_and_verifies_when_read_back(self):
        old = Checkpoint("chain-1", 5, "ab" * 32, 0, "2026-12-04T00:00:00Z", "").signed(KEY)
        line = old.line()
        assert '"store"' not in line
        read = Checkpoint.from_line(line)
        assert read == old and read.sig == KEY.sign(read.payload())

    def test_the_store_tag_is_signed_when_it_is_set(self):
        tagged = Checkpoint("chain-1", 5, "ab" * 32, 0, "2026-12-04T00:00:00Z", "",
                            store="0123456789abcdef").signed(KEY)
        moved = Checkpoint.from_line(tagged.line().replace("0123456789abcdef", "f" * 16))
        assert moved.sig != KEY.sign(moved.payload())

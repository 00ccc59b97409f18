"""Dead-letter headers are untrusted data (issue 13 ops review): a replay goes only to the
topic the dead-letter topic's name says, and `show` prints headers bounded and without
control characters."""

from __future__ import annotations

import pytest

from zhixing.messaging.dlq import SHOWN, DlqError, Parked, origin_of, parked, replay


class TestDlqHeaders:
    def test_origin_is_the_topic_the_name_says_when_the_topic_is_a_dead_letter_one(self):
        assert origin_of("zhixing.cases.events.v1.dlq.credit-worker") == "zhixing.cases.events.v1"

    @pytest.mark.parametrize("topic", ["zhixing.cases.events.v1", ".dlq.g", "t.dlq.", ""])
    def test_refused_when_the_topic_is_not_a_dead_letter_one(self, topic):
        with pytest.raises(DlqError, match="not a dead-letter topic"):
            origin_of(topic)

    def test_replay_and_show_refuse_a_topic_that_is_not_a_dead_letter_one_before_any_broker(self):
        # 127.0.0.1:1 answers nothing: a refusal here came before any broker was asked.
        with pytest.raises(DlqError, match="not a dead-letter topic"):
            replay("127.0.0.1:1", "zhixing.credit.list.v1", 0, 0)
        with pytest.raises(DlqError, match="not a dead-letter topic"):
            parked("127.0.0.1:1", "zhixing.cases.events.v1", 10)

    def test_summary_has_no_control_characters_when_headers_carry_escape_sequences(self):
        record = Parked(0, 7, {"ce_type": "x\x1b]52;c;ZWNobw==\x07\x1b[2J", "ce_id": "a\nb\u202e",
                               "dlq_error": "E" * 5000})
        line = record.summary()
        assert not any(ord(c) < 32 and c != "\t" for c in line)
        assert "\x1b" not in line and "\u202e" not in line and "\n" not in line
        assert line.count("E") == SHOWN

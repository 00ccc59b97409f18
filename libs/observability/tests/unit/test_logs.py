import io
import json
import logging
from collections.abc import Iterator

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from zhixing.observability import configure_logging, tracer


@pytest.fixture
def output() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    configure_logging("cases", level="INFO", stream=stream)
    yield stream
    root.handlers[:] = before[0]
    root.setLevel(before[1])


def lines(stream: io.StringIO) -> list[dict[str, str]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class TestJsonLines:
    def test_line_is_json_with_trace_id_when_logged_in_a_span(
        self, output: io.StringIO, spans: InMemorySpanExporter
    ) -> None:
        with tracer("test").start_as_current_span("command") as span:
            logging.getLogger("zhixing.cases").info("case %s filed", "(2025)川0104执1号")
        (line,) = lines(output)
        assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
        assert line["span_id"] == format(span.get_span_context().span_id, "016x")
        assert (line["level"], line["service"], line["logger"]) == (
            "INFO",
            "cases",
            "zhixing.cases",
        )
        assert line["message"] == "case (2025)川0104执1号 filed"

    def test_trace_id_is_empty_when_outside_a_span(self, output: io.StringIO) -> None:
        logging.getLogger("x").warning("started")
        assert lines(output)[0]["trace_id"] == ""

    def test_one_handler_when_configured_twice(self, output: io.StringIO) -> None:
        configure_logging("cases", stream=output)
        logging.getLogger("x").warning("once")
        assert len(lines(output)) == 1


class TestRedaction:
    def test_resident_id_is_masked_when_in_a_message(self, output: io.StringIO) -> None:
        logging.getLogger("x").info("debtor %s listed", "51010419900101123X")
        message = lines(output)[0]["message"]
        assert message == "debtor 510104********123X listed"

    def test_account_number_is_masked_when_in_a_message(self, output: io.StringIO) -> None:
        logging.getLogger("x").info("froze 6222021234567890123 and 6222 0212 3456 7890")
        message = lines(output)[0]["message"]
        assert message == "froze ***************0123 and ************7890"

    def test_id_is_masked_when_in_an_exception(self, output: io.StringIO) -> None:
        try:
            raise ValueError("bad 510104199001011234")
        except ValueError:
            logging.getLogger("x").exception("failed")
        line = lines(output)[0]
        assert "199001011234" not in line["exception"]
        assert "510104********1234" in line["exception"]

    def test_case_numbers_and_hex_ids_are_kept_when_not_personal(self, output: io.StringIO) -> None:
        text = "event 4bf92f3577b34da6a3ce929d0e0e4736 for (2025)川0104执1234号"
        logging.getLogger("x").info(text)
        assert lines(output)[0]["message"] == text

"""The exporter chosen by OTEL_TRACES_EXPORTER, seen from a child process's output."""


class TestExporterFromEnv:
    def test_spans_printed_when_console_exporter_chosen(self) -> None:
        import os
        import subprocess
        import sys

        script = (
            "from zhixing.observability import configure_tracing, tracer\n"
            "configure_tracing('cases')\n"
            "with tracer('t').start_as_current_span('file-case'): pass\n"
        )
        env = {**os.environ, "OTEL_TRACES_EXPORTER": "console"}
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        assert '"name": "file-case"' in done.stdout
        assert '"service.name": "cases"' in done.stdout

"""Where the suite puts what the scanner reads, after a scenario.

- pages: the public pages of every running web server, crawled (index, 终本案件库, the
  dishonest list and its statistics, the 限制消费 list, the public figures, typical cases
  and reward notices, and every case, typical case and notice page they link to);
- logs and spans: each process's output files (JSON log lines on stderr; spans on stdout,
  written by the OpenTelemetry console exporter the e2e processes are started with);
- dead letters: the error each consumer parked with a message it could not process — the
  `dead_letters` rows of every SQLite store under the scenario's folder and of its
  PostgreSQL schemas, and the headers of its Kafka `….dlq.…` topics. The parked message
  itself is the integration event as published, which carries full identities by design
  (R60: events keep the full value), so only what the suite added is read.
"""

from __future__ import annotations

import re
import sqlite3
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path

PAGES = ("/", "/zhongben", "/dishonest", "/dishonest/stats", "/restricted", "/stats",
         "/typical", "/rewards")
"""The public pages; issue 17 added 限制消费, the figures, typical cases, reward notices."""
CASE_LINK = re.compile(r'href="(/cases\?number=[^"]+)"')
LINKS = {"/": CASE_LINK, "/typical": re.compile(r'href="(/typical/[^"?#]+)"'),
         "/rewards": re.compile(r'href="(/rewards/[^"?#]+)"')}
"""The pages whose links are followed, and to which pages (cases, a typical case, a
reward notice)."""
MAX_CASE_PAGES = 60
SPAN_MARK = '"kind": "SpanKind.'
"""How the console exporter writes a span: one per occurrence."""

Sources = dict[str, tuple[str, str]]
"""Name → (kind, text), what `scan.scan` reads."""


def crawled_pages(base: str) -> Sources:
    """Every public page of the server at `base` (nothing when it serves no pages)."""
    found: Sources = {}
    queue = list(PAGES)
    while queue:
        path = queue.pop(0)
        text = fetched(base.rstrip("/") + path)
        if text is None:
            continue
        found[f"page {base}{path}"] = ("pages", text)
        if path in LINKS:
            queue += [unescape(link) for link in LINKS[path].findall(text)][:MAX_CASE_PAGES]
    return found


def fetched(url: str, tries: int = 3, form: dict[str, str] | None = None) -> str | None:
    """The page's text, 4xx answers included; None when nothing serves there. A 429 is
    honoured: its Retry-After is a protocol back-off, not synchronisation. `form`: sent
    as a POST, urlencoded, from the page's own origin (as its form sends it)."""
    data = None if form is None else urllib.parse.urlencode(form).encode()
    for _ in range(tries):
        try:
            request = urllib.request.Request(url, data=data, headers={} if form is None else {
                "Origin": url.split("/", 3)[0] + "//" + url.split("/", 3)[2]})
            with urllib.request.urlopen(request, timeout=10) as answer:
                return str(answer.read().decode("utf-8", "replace"))
        except urllib.error.HTTPError as refused:
            if refused.code != 429:
                return str(refused.read().decode("utf-8", "replace"))
            time.sleep(int(refused.headers.get("Retry-After", "1")))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None
    return None


def process_output(log_dir: Path) -> Sources:
    """Each process's log lines and spans, by file."""
    found: Sources = {}
    for path in sorted(log_dir.glob("*.log")):
        found[f"log {path.name}"] = ("logs", path.read_text("utf-8", errors="replace"))
    for path in sorted(log_dir.glob("*.out")):
        found[f"spans {path.name}"] = ("spans", path.read_text("utf-8", errors="replace"))
    return found


def span_count(sources: Sources) -> int:
    return sum(text.count(SPAN_MARK) for kind, text in sources.values() if kind == "spans")


def sqlite_dead_letters(folder: Path) -> Sources:
    """The parked errors of every SQLite store under `folder`."""
    found: Sources = {}
    for path in sorted(folder.rglob("*.db")):
        rows = list(_sqlite_rows(path))
        if rows:
            found[f"dead letters {path.relative_to(folder)}"] = ("dead letters", "\n".join(rows))
    return found


def _sqlite_rows(path: Path) -> Iterator[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if "dead_letters" in tables:
            for consumer, stream, position, error in db.execute(
                    "SELECT consumer, stream, position, error FROM dead_letters"):
                yield f"{consumer} {stream}@{position}: {error}"


def postgres_dead_letters(dsn: str, prefix: str) -> Sources:
    """The parked errors in every schema of the scenario's corner of PostgreSQL."""
    import psycopg
    from psycopg import sql

    found: Sources = {}
    with psycopg.connect(dsn, autocommit=True) as db:
        schemas = [row[0] for row in db.execute(
            "SELECT table_schema FROM information_schema.tables WHERE table_name = "
            "'dead_letters' AND table_schema LIKE %s", (prefix + "\\_%",))]
        for schema in schemas:
            rows = db.execute(sql.SQL("SELECT consumer, stream, position, error FROM {}")
                              .format(sql.Identifier(schema, "dead_letters"))).fetchall()
            if rows:
                found[f"dead letters {schema}"] = (
                    "dead letters", "\n".join(f"{c} {s}@{p}: {e}" for c, s, p, e in rows))
    return found


def kafka_dead_letters(bootstrap: str, namespace: str) -> Sources:
    """The headers (original place, consumer, error) of the namespace's DLQ topics. Their
    depths are asked in two batches (earliest, latest) rather than partition by
    partition: a watermark query costs about half a second, and a suite of six services
    has some 50 DLQ topics of 3 partitions each — most of them empty."""
    from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition
    from confluent_kafka.admin import AdminClient

    reader = Consumer({"bootstrap.servers": bootstrap, "group.id": f"pii-scan.{namespace}",
                       "enable.auto.commit": False})
    found: Sources = {}
    try:
        topics = reader.list_topics(timeout=10).topics
        parts = [TopicPartition(name, p, OFFSET_BEGINNING)
                 for name, meta in sorted(topics.items())
                 if name.startswith(namespace + ".") and ".dlq." in name
                 for p in meta.partitions]
        depth = _depths(AdminClient({"bootstrap.servers": bootstrap}), parts)
        for name in sorted({part.topic for part in parts}):
            mine = [part for part in parts if part.topic == name]
            found[f"dead letters {name}"] = ("dead letters", _headers(
                reader, mine, sum(depth[(part.topic, part.partition)] for part in mine)))
    finally:
        reader.close()
    return found


def _depths(admin, parts) -> dict[tuple[str, int], int]:  # type: ignore[no-untyped-def]
    """Records held by each partition (latest − earliest offset), in two requests."""
    from confluent_kafka import TopicPartition
    from confluent_kafka.admin import OffsetSpec

    def offsets(spec) -> dict[tuple[str, int], int]:  # type: ignore[no-untyped-def]
        if not parts:
            return {}
        asked = {TopicPartition(p.topic, p.partition): spec for p in parts}
        answered = admin.list_offsets(asked, request_timeout=10)
        return {(tp.topic, tp.partition): future.result().offset
                for tp, future in answered.items()}

    low, high = offsets(OffsetSpec.earliest()), offsets(OffsetSpec.latest())
    return {key: high[key] - low[key] for key in high}


def _headers(reader, parts, left: int) -> str:  # type: ignore[no-untyped-def]
    """Every record's headers, read to the end of each partition (`left` records)."""
    if left <= 0:
        return ""
    reader.assign(parts)
    lines = []
    while left > 0:
        record = reader.poll(10)
        if record is None:
            break
        if record.error() is None:
            left -= 1
            lines.append(" ".join(f"{k}={(v or b'').decode('utf-8', 'replace')}"
                                  for k, v in record.headers() or []))
    return "\n".join(lines)

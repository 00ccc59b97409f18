"""Processes of one service start together; their table creation must not collide."""

from __future__ import annotations

import threading

import pytest

from zhixing.cases.application import CasesApplication
from zhixing.publicity.projections.case_progress import CaseProgressProjection

pytestmark = pytest.mark.connected


def run_together(work, count: int = 4) -> list[BaseException]:
    barrier, errors = threading.Barrier(count), []

    def run() -> None:
        barrier.wait()
        try:
            work()
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_read_model_tables_are_created_once_when_processes_start_together(settings):
    def migrate() -> None:
        store = settings.sql_store("publicity")
        CaseProgressProjection.migrate(store)
        store.close()

    assert run_together(migrate) == []


def test_event_store_tables_are_created_once_when_processes_start_together(settings):
    assert run_together(lambda: CasesApplication(settings).close()) == []


def test_personal_data_is_encrypted_at_rest_in_postgres(settings, file_cases, cases_app):
    import psycopg

    from zhixing.cases.demo import resident_id

    file_cases(1)
    with psycopg.connect(settings.postgres_dsn) as conn:
        rows = conn.execute(
            f'SELECT state FROM "{settings.schema("cases")}".cases_events').fetchall()
    stored = b"".join(bytes(state) for (state,) in rows)
    assert rows and "张伟".encode() not in stored
    assert resident_id("510104", "19980312", "123").encode() not in stored
    assert cases_app.find_case(f"({cases_app.clock.today().year})川0104执1号").parties

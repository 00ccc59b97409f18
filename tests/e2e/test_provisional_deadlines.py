"""Provisional deadlines end to end, in both run modes (issue 12 item 12, R64).

A case filed on Wed 30 December 2026, before the State Council's 2027 schedule is
loaded, is due for assignment (R27: 7 working days) on Mon 11 January 2027 — counted on
weekends and New Year's Day alone, so provisional: GetCase and the CLI say so. The team
that takes it the same day owes the execution notice (3 working days) by Tue 5 January,
also provisional, on its worklist. `zhixing calendar load` then loads a 2027 schedule
whose New Year holiday also takes Mon 4 January: the stored deadlines are counted again
(assignment 12 January, notice 6 January), final, and the worklist shows them so.
"""

from __future__ import annotations

import subprocess

import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.processes import ZHIXING, Processes
from testkit.suites import RunningSuite, cluster_suite, embedded_suite
from testkit.waiting import wait_until
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.security.identity import Identity

pytestmark = pytest.mark.e2e

COURT, TEAM = "川0104", "执行一组"
NEW_YEAR_EVE_EVE = "2026-12-30T10:00:00+08:00"
SCHEDULE_2027 = "year = 2027\n[holidays]\ndates = [2027-01-01, 2027-01-04]\n"


def start(mode: str, processes: Processes, tmp_path) -> RunningSuite:  # type: ignore[no-untyped-def]
    run = cluster_suite if mode == "cluster" else embedded_suite
    return run(processes, tmp_path, ("cases",), NEW_YEAR_EVE_EVE, ZHIXING_SWEEP_SECONDS="1")


def zhixing(suite: RunningSuite, *args: str) -> str:
    """A `zhixing` command as an operator or officer runs it, with the suite's settings."""
    done = subprocess.run([ZHIXING, *args], env=suite.env, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def worklist_line(suite: RunningSuite, case_number: str, label: str = "发出执行通知书") -> str:
    """The CLI's worklist line of that case's node (by its Chinese label), or ""."""
    out = zhixing(suite, "case", "worklist", "--of-team", TEAM, "--court", COURT,
                  "--target", suite.target("cases"), "--team", TEAM)
    return next((line for line in out.splitlines() if case_number in line and label in line),
                "")


def nodes(client: ZhixingClient, case_number: str) -> dict[str, tuple[str, bool]]:
    return {n.node: (n.due_on, n.provisional) for n in client.get_case(case_number).nodes}


@pytest.mark.parametrize("mode", ["embedded", "cluster"])
def test_deadlines_are_provisional_then_recounted_when_the_2027_schedule_is_loaded(
        mode, processes, tmp_path):
    suite = start(mode, processes, tmp_path)
    officer = ZhixingClient(suite.target("cases"),
                            suite.token(Identity("officer-e2e", "officer", COURT, team=TEAM)))
    waiting = officer.file_case(file_case_request(1, court=COURT, request_id="r64-wait"))
    taken = officer.file_case(file_case_request(2, court=COURT, request_id="r64-take"))
    officer.cases.AssignCase(pb.AssignCaseRequest(
        case=pb.CaseRef(case_id=taken.case_id), team=TEAM, lead_officer="officer-e2e"),
        metadata=officer.metadata, timeout=15)

    assert nodes(officer, waiting.case_number)["assign"] == ("2027-01-11", True)
    assert nodes(officer, taken.case_number)["notice"] == ("2027-01-05", True)
    line = wait_until(lambda: worklist_line(suite, taken.case_number), timeout=60,
                      what="the assigned case on the worklist")
    assert line.startswith("2027-01-05 (暂定 provisional)  ")

    schedule = tmp_path / "2027.toml"
    schedule.write_text(SCHEDULE_2027, encoding="utf-8")
    assert "loaded 2027: 2 holidays" in zhixing(suite, "calendar", "load", str(schedule))

    wait_until(lambda: nodes(officer, waiting.case_number)["assign"] == ("2027-01-12", False),
               timeout=90, what="the assignment deadline recounted with the 2027 schedule")
    # Each case is recounted in its own transaction: wait for the second one as well.
    wait_until(lambda: nodes(officer, taken.case_number)["notice"] == ("2027-01-06", False),
               timeout=90, what="the notice deadline recounted with the 2027 schedule")
    wait_until(lambda: worklist_line(suite, taken.case_number).startswith(
        "2027-01-06  "), timeout=60, what="the worklist showing the recounted notice deadline")
    officer.close()


def test_a_bad_schedule_is_refused_naming_the_field_when_loaded(tmp_path, processes):
    suite = start("embedded", processes, tmp_path)
    schedule = tmp_path / "2027.toml"
    schedule.write_text("[workdays]\ndates = [2027-02-16]\n", encoding="utf-8")
    done = subprocess.run([ZHIXING, "calendar", "load", str(schedule)], env=suite.env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == ("zhixing: 2027.toml: R64 [workdays]: 2027-02-16 is a "
                                   "weekday; make-up working days (调休) fall on a Saturday "
                                   "or Sunday")

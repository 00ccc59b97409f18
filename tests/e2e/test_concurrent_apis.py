"""Two API processes of the cases service filing and paying into the same cases at once
never corrupt a case account or a case-number sequence (R28, R38).

Each process queues commands on one case internally; between processes the event
store's optimistic concurrency refuses the later writer, which retries on fresh state.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

from testkit.client import ZhixingClient
from testkit.filings import file_case_request
from testkit.stack import process_env, stack_settings
from zhixing.contracts.pb.cases.v1 import cases_pb2 as pb
from zhixing.security.identity import Identity
from zhixing.security.tokens import issue_token

pytestmark = pytest.mark.e2e

COURT, TEAM = "川0104", "执行一组"
FILINGS, PAYMENTS, PAID_CASES = 40, 160, 4


def test_accounts_and_serials_stay_whole_under_two_writers(tmp_path, processes):
    settings = stack_settings(tmp_path)
    env = process_env(settings)
    targets = [processes.start_api(name, ["cases", "api"], env) for name in ("api-a", "api-b")]
    token = issue_token(Identity("officer-c", "officer", COURT, team=TEAM), settings.jwt_secret)
    clients = [ZhixingClient(target, token) for target in targets]

    def call(index: int, method: str, **fields):  # type: ignore[no-untyped-def]
        client = clients[index % 2]
        request = getattr(pb, f"{method}Request")(**fields)
        return getattr(client.cases, method)(request, metadata=client.metadata, timeout=30)

    paid = [client_file(clients[0], i) for i in range(PAID_CASES)]
    for case_id in paid:
        call(0, "AssignCase", case=pb.CaseRef(case_id=case_id), team=TEAM,
             lead_officer="officer-c")

    rng = random.Random(7)
    payments = [(f"slip-{n}", paid[n % PAID_CASES], rng.randint(1, 50_000)) for n in
                range(PAYMENTS)]
    retried = payments[::5]  # a fifth of the slips are sent again, to the other process
    tasks = ([("file", i, None) for i in range(PAID_CASES, PAID_CASES + FILINGS)]
             + [("pay", n, p) for n, p in enumerate(payments)]
             + [("pay", n + 1, p) for n, p in enumerate(retried)])
    rng.shuffle(tasks)

    def run(task):  # type: ignore[no-untyped-def]
        kind, index, payment = task
        if kind == "file":
            return call(index, "FileCase", **_fields(file_case_request(index, court=COURT)))
        reference, case_id, amount = payment
        return call(index, "RecordPayment", case=pb.CaseRef(case_id=case_id),
                    reference=reference, amount_fen=amount)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, tasks))

    numbers = sorted(int(r.case_number.split("执")[1].rstrip("号"))
                     for r in results if isinstance(r, pb.FileCaseResponse))
    assert numbers == list(range(PAID_CASES + 1, PAID_CASES + FILINGS + 1))  # R38: no gap
    for case_id in paid:
        account = call(0, "GetAccount", case=pb.CaseRef(case_id=case_id)).account
        mine = [(ref, amount) for ref, cid, amount in payments if cid == case_id]
        assert sorted(r.reference for r in account.receipts) == sorted(ref for ref, _ in mine)
        assert account.received_fen == sum(amount for _, amount in mine)
        assert sum(account.owed_fen.values()) == account.received_fen == account.balance_fen
    for client in clients:
        client.close()


def client_file(client: ZhixingClient, index: int) -> str:
    return client.file_case(file_case_request(index, court=COURT)).case_id


def _fields(request: pb.FileCaseRequest) -> dict[str, object]:
    return {field.name: value for field, value in request.ListFields()}

"""The authorisation matrix (R46, DESIGN §8; issue 12, items 6–8): every RPC of every
service, called as every kind of caller against a running suite (embedded, SQLite),
answered as its declared policy says.

Generated from the declarations: the RPCs are read off the contracts' descriptors, the
policies off each service's `api/policies.py`, the expected answer off the policy
(`testkit.authz.expected`) — so a new RPC without a policy fails here (and in
tests/contract/test_policies_declared.py), and a new RPC with one is called like the
rest. Answers: UNAUTHENTICATED, PERMISSION_DENIED, NOT_FOUND where another court's
caller names something (it must not learn that it exists), or allowed (anything else:
the call got past authorisation).
"""

from __future__ import annotations

import collections
from collections.abc import Iterator

import grpc
import pytest

from testkit.authz import (
    CALLERS,
    COURT,
    OTHER_COURT,
    TEAM,
    Caller,
    declared_policies,
    expected,
    outcome,
    served_methods,
)
from testkit.pii.watch import SCANNED_ENV
from testkit.processes import Processes
from testkit.suites import RunningSuite, embedded_suite
from zhixing.assets.agencies import AgencyRegistry
from zhixing.credit.partners import PartnerRegistry
from zhixing.security.identity import Identity
from zhixing.security.policy import Policy, Scope

from .authz_targets import Targets, fill, invoke, make_targets, names_object

pytestmark = pytest.mark.e2e

NOW = "2026-03-02T10:00:00+08:00"
SERVICES = ("cases", "assets", "credit", "publicity", "relief", "supervision")
REGISTERED = {Scope.PARTNER: PartnerRegistry.load().__contains__,
              Scope.AGENCY: AgencyRegistry.load().__contains__}


@pytest.fixture(scope="module")
def running(tmp_path_factory, pii_watch) -> Iterator[tuple[RunningSuite, Targets, grpc.Channel]]:
    """The suite and its targets, for the whole module; once it is over, the personal-data
    scanner reads what the ~2,000 calls left (as after every e2e scenario, conftest.py)."""
    var = tmp_path_factory.mktemp("authz")
    processes = Processes(var, extra_env=SCANNED_ENV, output_apart=True)
    pii_watch.begin()
    try:
        suite = embedded_suite(processes, var, SERVICES, NOW)
        targets = make_targets(suite)
        with grpc.insecure_channel(suite.target("cases")) as channel:
            yield suite, targets, channel
    finally:
        findings = pii_watch.finish(processes)
    assert not findings, "\n".join(str(finding) for finding in findings[:20])


class TestMatrix:
    def test_every_rpc_answers_every_caller_as_its_policy_says(self, running):
        suite, targets, channel = running
        methods, policies = served_methods(), declared_policies()
        assert set(methods) == set(policies), "every RPC has exactly one declared policy"
        wrong, tally = [], collections.Counter()
        for path, method in sorted(methods.items()):
            policy = policies[path]
            request = fill(method, targets)
            for caller in CALLERS:
                want = expected(policy, caller, names_object(method), REGISTERED)
                code, details = invoke(channel, path, method, request,
                                       caller.metadata(suite.secret))
                got = outcome(code, want)
                tally[(got, code.name)] += 1
                if got != want:
                    wrong.append(f"{path} as {caller.name}: {got} ({code.name}: "
                                 f"{details[:120]}), policy says {want}")
                elif got != "allowed" and not _of_court(caller) and \
                        COURT in _masked(details, request):
                    wrong.append(f"{path} as {caller.name}: the refusal names {COURT}")
        print(f"\nauthorisation matrix: {len(methods)} RPCs x {len(CALLERS)} callers = "
              f"{sum(tally.values())} calls; " + ", ".join(
                  f"{got}/{code}: {n}" for (got, code), n in sorted(tally.items())))
        assert not wrong, "\n".join(wrong)


def _by_id_rpcs() -> list[str]:
    methods, policies = served_methods(), declared_policies()
    return sorted(path for path, method in methods.items()
                  if policies[path].court_scoped and names_object(method)
                  and not method.client_streaming and not method.server_streaming)


def _other_court(policy: Policy) -> Caller:
    """A caller of another court in a role the policy admits (so only the court differs)."""
    role = next(r for r in ("judge", "officer", "president", "finance", "supervisor", "press")
                if r in policy.roles)
    return Caller(f"{role} of {OTHER_COURT}", Identity(f"{role}-x", role, OTHER_COURT, TEAM))


class TestNoExistenceLeak:
    """Item 6: to another court, an existing thing is answered exactly as a missing one,
    and no refusal names the court that owns it."""

    @pytest.mark.parametrize("path", _by_id_rpcs())
    def test_another_courts_thing_is_answered_as_a_missing_one(self, running, path):
        suite, targets, channel = running
        method, policy = served_methods()[path], declared_policies()[path]
        caller = _other_court(policy).metadata(suite.secret)
        by_number = any(f.name in ("case", "case_ref", "case_number")
                        for f in method.input_type.fields)
        for number in {False, by_number}:
            existing = fill(method, targets, by_number=number)
            missing = fill(method, targets, missing=True, by_number=number)
            seen = invoke(channel, path, method, existing, caller)
            unseen = invoke(channel, path, method, missing, caller)
            assert seen[0] is unseen[0] is grpc.StatusCode.NOT_FOUND, (seen, unseen)
            assert _masked(seen[1], existing) == _masked(unseen[1], missing)
            assert COURT not in _masked(seen[1], existing), seen[1]


def _of_court(caller: Caller) -> bool:
    return caller.identity is not None and caller.identity.court == COURT


def _masked(details: str, request: object) -> str:
    """The details with the ids and numbers the request itself named put out of sight."""
    for value in _strings(request):
        details = details.replace(value, "<named>")
    return details


def _strings(message: object) -> list[str]:
    found: list[str] = []
    for _, value in message.ListFields():  # type: ignore[attr-defined]
        if isinstance(value, str):
            found.append(value)
        elif hasattr(value, "ListFields"):
            found.extend(_strings(value))
        elif not isinstance(value, bytes | int | float):
            found.extend(item for item in value if isinstance(item, str))
    return [value for value in found if len(value) > 3]

"""The rule IDs each RPC's refusals can name, derived from what the code declares and
raises — never written by hand. Three sources, each named in the reference:

- the RPC's declared policy (`zhixing.<svc>.api.policies.POLICIES`): a caller it does
  not admit is refused by R46 (PERMISSION_DENIED), unless the policy is public;
- the bounds registry (`zhixing.contracts.bounds`): a request field whose bound carries
  a rule (R1's six grounds, R5's reason, R42's batch) is refused by it beyond the bound;
- the code: the servicer method and everything it may call (`reference_callgraph`), with
  the rule IDs those functions hand their refusals.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections import deque
from dataclasses import dataclass
from functools import cache

import reference_callgraph as graph
import reference_grpc as grpc_ref
import reference_resolve

from zhixing.contracts.bounds import bound_of, request_fields
from zhixing.runtime.service import discover
from zhixing.security.policy import Scope

SKIPPED = ("zhixing.security.policy", "zhixing.security.audit")
"""Walked around: its R46 refusals are the policy's, named from the policy itself."""
MOST_PLACES = 3

MEMBERSHIP = {
    Scope.PARTNER: ("R42", "the policy refuses a token whose `agency` claim is missing or "
                    "not a registered partner (R7 kind)"),
    Scope.AGENCY: ("R41", "the policy refuses a token whose `agency` claim is missing or "
                   "not a registered agency"),
}
"""The policy's own refusal of a partner's or an agency's token names the membership rule
(`zhixing.security.policy._require_member`), not R46: listed from the policy's scope."""

METHOD_TEXT = [
    "## How the rule lists are derived", "",
    "A refusal's status message starts with the rule it names, e.g. "
    "`R16(4) [case_id]: …`. Each RPC's list of the rules its refusals can name is "
    "generated from three sources:", "",
    "1. **The declared policy** (`zhixing.<service>.api.policies.POLICIES`): a caller the "
    "policy does not admit is refused with **R46** (`PERMISSION_DENIED`; `NOT_FOUND` where "
    "the target's existence is protected); a public RPC has none. A partner's RPC also "
    "names **R42** and an agency's **R41** (`PERMISSION_DENIED`): the token's `agency` claim "
    "is missing or not registered.",
    "2. **The bounds registry** (`zhixing.contracts.bounds`): a request field whose bound "
    "is a rule (R1's grounds, R5's reason, R42's batch) is refused with that rule "
    "(`INVALID_ARGUMENT`) beyond it.",
    "3. **The code**: a static call graph (`scripts/reference_callgraph.py`, "
    "`scripts/reference_resolve.py`) from the servicer method through everything it may "
    "call in its service and the shared libraries. Every rule ID those functions hand a "
    "call (`InvalidInput(…, rule=\"R27\")`, a helper's positional `\"R28\"`, a module "
    "constant such as `RULE`, a `rule` parameter's default) or list in a tuple (the 终本 "
    "preconditions) is listed, with up to three of the functions where it was found "
    "(marked when only a call resolved by method name leads there) and "
    "the status codes of the refusals the walk saw built (a rule handed to a helper shows "
    "none).", "",
    "What this may get wrong, and why:", "",
    "- **Too many**: every branch counts as taken; a call on a receiver whose type no "
    "annotation tells (`item.apply(…)`) is taken to reach every method so named in the "
    "service's package and the kernel; and a rule in a tuple is taken to be a refusal's, "
    "so a query that returns rules as data (`CheckConclusion`) lists them too. A rule may "
    "be listed that no request of the RPC can reach.",
    "- **Too few**: a rule computed at run time (from a table or a setting, or carried by "
    "an error re-raised with another's `rule`), a call on an unknown receiver whose name "
    "is also a built-in container's method (`get`, `add`, `append`, …: taken to be the "
    "built-in's), code reached only through a callable kept in a data structure, and "
    "refusals made before the servicer runs other than the two above (authentication: "
    "`UNAUTHENTICATED`, no rule; a message over 1 MiB or the rate limit: "
    "`RESOURCE_EXHAUSTED`).",
    "- Not listed on purpose: the policy module's own R46 checks (the policy stands for "
    "them) and the audit log's guard that refuses to record a resident ID number (R60): "
    "it catches a servicer's mistake, not a request.",
    "- A refusal without a rule (a malformed id, a missing field) names only its field "
    "and is not listed.",
]


@dataclass(frozen=True, order=True)
class Finding:
    """One rule an RPC's refusal can name, and where the derivation found it."""

    rule: str
    why: str
    statuses: tuple[str, ...] = ()
    """The gRPC status codes the refusals seen are answered with (when the walk saw the
    refusal built, not only the rule handed to a helper)."""


def rule_order(rule: str) -> tuple[int, str]:
    number = re.match(r"R(\d+)", rule)
    return (int(number.group(1)) if number else 0, rule)


@cache
def servicer_methods() -> dict[str, list[graph.Key]]:
    """Method path → the servicer functions serving it, in every installed service."""
    found: dict[str, list[graph.Key]] = {}
    for name in discover():
        package = importlib.import_module(f"zhixing.{name}.api")
        for module in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
            for _, cls in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
                for service in _served_by(cls):
                    for rpc in service.methods:
                        found.setdefault(f"/{service.full_name}/{rpc.name}", []).extend(
                            graph.members(cls, rpc.name, overrides=False))
    return {path: list(dict.fromkeys(keys)) for path, keys in found.items()}


def _served_by(cls: type) -> list:
    services = []
    for base in cls.__mro__[1:]:
        if base.__module__.endswith("_pb2_grpc") and base.__name__.endswith("Servicer"):
            messages = importlib.import_module(base.__module__.removesuffix("_grpc"))
            services.append(messages.DESCRIPTOR.services_by_name[base.__name__[:-8]])
    return services


def reached(starts: list[graph.Key], guesses: bool) -> list[graph.Key]:
    """Every function the servicer methods may run (breadth first), with or without the
    calls resolved by method name only."""
    order, todo, seen = [], deque(starts), set(starts)
    while todo:
        key = todo.popleft()
        if key[0] in SKIPPED:
            continue
        order.append(key)
        package = ".".join(key[0].split(".")[:2]) + "."
        for callee in reference_resolve.callees(key, package, guesses):
            if callee not in seen:
                seen.add(callee)
                todo.append(callee)
    return order


def from_code(starts: list[graph.Key]) -> dict[str, tuple[list[str], set[str], bool]]:
    """Rule → where it was found, the statuses seen, and whether it was found only
    through a call resolved by method name (`reference_resolve.by_method_name`)."""
    sure = reached(starts, guesses=False)
    found: dict[str, tuple[list[str], set[str], bool]] = {}
    for key in sorted(reached(starts, guesses=True), key=lambda k: k not in set(sure)):
        for rule, statuses in sorted(graph.rules_of(graph.index()[key]).items()):
            places, codes, guessed = found.get(rule, ([], set(), True))
            places.append(f"{key[0]}.{key[1]}")
            found[rule] = (places, codes | statuses, guessed and key not in sure)
    return found


def from_bounds(request: str) -> dict[str, list[str]]:
    message = grpc_ref._pool().FindMessageTypeByName(request)
    found: dict[str, list[str]] = {}
    for field in request_fields(message):
        bound = bound_of(field)
        if bound is not None and bound.rule:
            found.setdefault(bound.rule, []).append(field.full_name)
    return found


def rpc_findings(rpc: grpc_ref.Rpc, policy: object) -> list[Finding]:
    reasons: dict[str, list[str]] = {}
    statuses: dict[str, set[str]] = {}
    if policy is None or not getattr(policy, "public", False):
        reasons.setdefault("R46", []).append("the declared policy refuses a caller it does "
                                             "not admit")
        statuses.setdefault("R46", set()).add("PERMISSION_DENIED")
    if getattr(policy, "scope", None) in MEMBERSHIP:
        rule, reason = MEMBERSHIP[policy.scope]  # type: ignore[union-attr]
        reasons.setdefault(rule, []).append(reason)
        statuses.setdefault(rule, set()).add("PERMISSION_DENIED")
    for rule, fields in from_bounds(rpc.request).items():
        reasons.setdefault(rule, []).append("the bound of " + ", ".join(f"`{f}`" for f in fields))
        statuses.setdefault(rule, set()).add("INVALID_ARGUMENT")
    for rule, (places, codes, guessed) in from_code(servicer_methods().get(rpc.path, [])).items():
        shown = ", ".join(f"`{p}`" for p in places[:MOST_PLACES])
        more = f" and {len(places) - MOST_PLACES} more" if len(places) > MOST_PLACES else ""
        caveat = " (reached only through a call resolved by method name)" if guessed else ""
        reasons.setdefault(rule, []).append(f"in {shown}{more}{caveat}")
        statuses.setdefault(rule, set()).update(codes)
    return [Finding(rule, "; ".join(reasons[rule]), tuple(sorted(statuses.get(rule, ()))))
            for rule in sorted(reasons, key=rule_order)]


@cache
def rules_by_rpc() -> dict[str, list[Finding]]:
    """Method path → the rules its refusals can name, in rule order."""
    policies = grpc_ref.declared_policies()
    return {rpc.path: rpc_findings(rpc, policies.get(rpc.path))
            for package in grpc_ref.packages() for service in package.services
            for rpc in service.rpcs}

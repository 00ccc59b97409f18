"""A static call graph of the suite's Python code, for the rules each RPC can refuse by.

Every function and method of libs/*/src and services/*/src is read with `ast`; what it
calls is resolved against the imported modules themselves (their globals, the classes'
MROs, the subclasses that override a method called on `self`, the types `__init__` gives
its attributes). A call on a receiver whose type is not known that way (a local variable:
`case.assign(...)`) resolves by name to every method so named in the service's own
package and the kernel — an over-approximation the reference says it makes.

A function's *rules* are the rule IDs (R1…R64) it hands a call — `rule="R27"`, a
positional `"R28"`, `rule=RULE` for a module constant, a `rule` parameter's default — or
lists in a tuple (the 终本 preconditions: `("R16(1)", "…")`); calls that build a protobuf
message or an event (`pb.…`, `v1.…`) are not refusals and are skipped.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import grpc

from zhixing.kernel.errors import RuleViolation
from zhixing.runtime.errors import STATUS_OF

ROOT = Path(__file__).resolve().parent.parent
RULE_ID = re.compile(r"^R([1-9]|[1-5][0-9]|6[0-4])(\(\d+\))?$")
NOT_REFUSALS = ("pb.", "v1.", "Bound")
"""Callees that carry a rule as data (a protobuf message, an event, a bound), not a refusal."""
LIBRARIES = ("zhixing.kernel.", "zhixing.runtime.", "zhixing.security.", "zhixing.contracts.",
             "zhixing.eventstore.", "zhixing.messaging.")
BUILTIN_METHODS = frozenset(name for kind in (dict, list, set, str, bytes, tuple, frozenset)
                            for name in dir(kind) if not name.startswith("_"))
"""A call of one of these on a receiver of unknown type is taken to be the built-in's."""
Key = tuple[str, str]
"""(module, qualified name) of a function or method."""


@dataclass
class Function:
    module: str
    qualname: str
    node: ast.FunctionDef | ast.AsyncFunctionDef
    owner: str = ""
    """The qualified name of the class it is a method of ("" for a function)."""
    rules: set[str] = field(default_factory=set)


def module_name(path: Path) -> str:
    """libs/kernel/src/zhixing/kernel/errors.py → zhixing.kernel.errors."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[parts.index("src") + 1:]).removesuffix(".__init__")


@cache
def index() -> dict[Key, Function]:
    """Every function and method of the suite's source, by (module, qualname)."""
    found: dict[Key, Function] = {}
    for path in sorted([*ROOT.glob("libs/*/src/zhixing/**/*.py"),
                        *ROOT.glob("services/*/src/zhixing/**/*.py")]):
        if "/pb/" in path.as_posix():
            continue
        module = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in _functions(tree.body, module, ""):
            found[(module, function.qualname)] = function
    return found


def _functions(body: list[ast.stmt], module: str, owner: str) -> Iterator[Function]:
    for node in body:
        if isinstance(node, ast.ClassDef):
            yield from _functions(node.body, module, f"{owner}.{node.name}".lstrip("."))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield Function(module, f"{owner}.{node.name}".lstrip("."), node, owner)


def globals_of(module: str) -> dict[str, Any]:
    try:
        return vars(importlib.import_module(module))
    except Exception:  # a module that cannot be imported here is not walked into
        return {}


def rules_of(function: Function) -> dict[str, set[str]]:
    """The rule IDs a function's body hands a call, lists in a tuple, or defaults to, each
    with the gRPC status of the refusal when the call builds one (`InvalidInput(…)`)."""
    names = globals_of(function.module)
    found: dict[str, set[str]] = {}
    for node in ast.walk(function.node):
        if isinstance(node, ast.Call) and not ast.unparse(node.func).startswith(NOT_REFUSALS):
            # `unmet.append("R16(1)")` builds data; only a `rule=` names a refusal there.
            data = isinstance(node.func, ast.Attribute) and node.func.attr in BUILTIN_METHODS
            values = [k.value for k in node.keywords if not data or k.arg == "rule"]
            status = status_of(names.get(node.func.id)) if isinstance(node.func, ast.Name) else ""
            for value in [*([] if data else node.args), *values]:
                for rule in _rule_in(value, names):
                    found.setdefault(rule, set()).update({status} - {""})
        elif isinstance(node, ast.Tuple):
            for e in node.elts:
                if isinstance(e, ast.Constant) and isinstance(e.value, str) \
                        and RULE_ID.match(e.value):
                    found.setdefault(e.value, set())
    arguments = function.node.args
    defaults = zip(reversed(arguments.args), reversed(arguments.defaults), strict=False)
    for arg, default in [*defaults, *zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True)]:
        if arg.arg == "rule" and default is not None:
            for rule in _rule_in(default, names):
                found.setdefault(rule, set())
    return found


def status_of(callee: Any) -> str:
    """The gRPC status a refusal class is answered with ("" for anything else)."""
    if not (inspect.isclass(callee) and issubclass(callee, RuleViolation)):
        return ""
    kinds = [code for kind, code in STATUS_OF.items() if issubclass(callee, kind)]
    return (kinds[0] if kinds else grpc.StatusCode.FAILED_PRECONDITION).name


def _rule_in(value: ast.expr, names: dict[str, Any]) -> set[str]:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return {value.value} if RULE_ID.match(value.value) else set()
    if isinstance(value, ast.Name) and isinstance(names.get(value.id), str):
        return {names[value.id]} if RULE_ID.match(names[value.id]) else set()
    return set()


def key_of(obj: Any) -> list[Key]:
    """The indexed functions a runtime object runs when called: a function (unwrapped,
    or the method an @event decorator holds), a property's getter, a class's
    __init__/__post_init__."""
    if isinstance(obj, staticmethod | classmethod):
        obj = obj.__func__
    # The eventsourcing library's @event keeps the method it decorates here.
    obj = getattr(obj, "decorated_func", None) or obj
    if isinstance(obj, property):
        obj = obj.fget
    if inspect.isclass(obj):
        return [k for name in ("__init__", "__post_init__")
                for k in key_of(inspect.getattr_static(obj, name, None))]
    if callable(obj):
        obj = inspect.unwrap(obj)
        key = (getattr(obj, "__module__", ""), getattr(obj, "__qualname__", ""))
        return [key] if key in index() else []
    return []


def class_of(module: str, qualname: str) -> type | None:
    obj: Any = importlib.import_module(module)
    for part in qualname.split("."):
        obj = getattr(obj, part, None)
    return obj if inspect.isclass(obj) else None


@cache
def members(cls: type, name: str, overrides: bool = True) -> list[Key]:
    """What `<instance of cls>.name()` may run: the MRO's method and, with `overrides`,
    those of the subclasses that override it."""
    classes = [cls, *(_subclasses(cls) if overrides else [])]
    found: list[Key] = []
    for klass in classes:
        for base in klass.__mro__:
            if name in vars(base):
                found += key_of(vars(base)[name])
                break
    return found


def _subclasses(cls: type) -> list[type]:
    if not cls.__module__.startswith("zhixing."):
        return []  # a built-in's subclasses are no callee of ours
    found, todo = [], list(cls.__subclasses__())
    while todo:
        sub = todo.pop()
        found.append(sub)
        todo += sub.__subclasses__()
    return [sub for sub in found if sub.__module__.startswith("zhixing.")]


def evaluate(expr: ast.expr, module: str) -> Any:
    """An annotation as written, evaluated in its module (None when it cannot be)."""
    try:
        return eval(ast.unparse(expr), globals_of(module))
    except Exception:
        return None

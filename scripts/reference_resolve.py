"""What a call in the suite's code may run: the edges of `reference_callgraph`'s graph.

A callee is resolved against the imported modules: a name by the module's globals; a
method on `self` by the class's MRO and the subclasses that override it; a method on
another receiver by the receiver's type — a parameter's or a local's annotation, what
the call that assigned the local returns (its return annotation), or an attribute's type
(a dataclass field, a class annotation, a property's return annotation, or the annotated
`__init__` parameter it was set from), followed along `self.portal.search.…`. Only a
*call* on a receiver whose type stays unknown falls back to every method of that name in
the service's own package and the kernel (not a built-in container's method name).
"""

from __future__ import annotations

import ast
import inspect
import types
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from reference_callgraph import (
    BUILTIN_METHODS,
    Function,
    Key,
    class_of,
    evaluate,
    globals_of,
    index,
    key_of,
    members,
)


@dataclass
class Scope:
    """What a function's names mean: its class, its module's globals, its locals' types."""

    owner: type | None
    names: dict[str, Any]
    package: str
    local: dict[str, list[type]] = field(default_factory=dict)


@cache
def callees(key: Key, package: str, guesses: bool = True) -> tuple[Key, ...]:
    """What a function may call, `package` (e.g. "zhixing.cases.") bounding the by-name
    fallback (without `guesses`, none). Functions passed as arguments
    (`to_thread(self.app.find_case, …)`) count."""
    function = index()[key]
    owner = class_of(function.module, function.owner) if function.owner else None
    scope = Scope(owner, globals_of(function.module), package)
    scope.local = local_types(function, scope)
    found: list[Key] = []
    for node in ast.walk(function.node):
        if isinstance(node, ast.Call):
            found += resolve(node.func, scope, by_name=guesses)
            for arg in node.args:
                if isinstance(arg, ast.Attribute | ast.Name):
                    found += resolve(arg, scope, by_name=False)
    return tuple(dict.fromkeys(k for k in found if k != key))


def local_types(function: Function, scope: Scope) -> dict[str, list[type]]:
    """The classes of a function's annotated parameters and locals, then of the locals it
    assigns from a call whose callee says what it returns (twice over, so that
    `current = work.measure(…)` after `work: ControlWork` is typed too)."""
    found: dict[str, list[type]] = {}
    for node in ast.walk(function.node):
        if isinstance(node, ast.arg) and node.annotation is not None:
            found[node.arg] = classes(evaluate(node.annotation, function.module))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = classes(evaluate(node.annotation, function.module))
    scope.local = {name: kinds for name, kinds in found.items() if kinds}
    for _ in range(2):
        for node in ast.walk(function.node):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                    and isinstance(node.targets[0], ast.Name) \
                    and node.targets[0].id not in scope.local:
                value = node.value.value if isinstance(node.value, ast.Await) else node.value
                kinds = returns(value.func, scope) if isinstance(value, ast.Call) else []
                if kinds:
                    scope.local[node.targets[0].id] = kinds
    return scope.local


def returns(func: ast.expr, scope: Scope) -> list[type]:
    """The classes a call returns, by its callee's return annotation or its class."""
    if isinstance(func, ast.Name) and inspect.isclass(scope.names.get(func.id)):
        return [scope.names[func.id]]
    found: list[type] = []
    for module, qualname in resolve(func, scope, by_name=False):
        annotation = index()[(module, qualname)].node.returns
        if annotation is not None:
            found += classes(evaluate(annotation, module))
    return found


def classes(value: Any) -> list[type]:
    """The classes an evaluated annotation names (`Case`, `Case | None`)."""
    if inspect.isclass(value) and not typing.get_args(value):
        return [value]
    if isinstance(value, types.UnionType) or typing.get_origin(value) is typing.Union:
        return [c for arg in typing.get_args(value) for c in classes(arg)]
    origin = typing.get_origin(value)  # `CommandUnit[Any]` is a CommandUnit
    return [origin] if inspect.isclass(origin) and origin.__module__.startswith("zhixing.") else []


def type_of(expr: ast.expr, scope: Scope) -> list[type]:
    """The classes an expression's value may have, as far as the annotations say."""
    if isinstance(expr, ast.Name):
        if expr.id in ("self", "cls") and scope.owner is not None:
            return [scope.owner]
        if expr.id in scope.local:
            return scope.local[expr.id]
        target = scope.names.get(expr.id)
        return [] if target is None or inspect.ismodule(target) else \
            [target if inspect.isclass(target) else type(target)]
    if isinstance(expr, ast.Attribute):
        return [t for owner in type_of(expr.value, scope)
                for t in attribute_types(owner, expr.attr)]
    if isinstance(expr, ast.Call):  # `unit.record(identity).release(…)`
        return returns(expr.func, scope)
    return []


@cache
def attribute_types(cls: type, attr: str) -> list[type]:
    """The classes of `<instance of cls>.attr`: a field's or class annotation's, a
    property's return annotation's, or the annotated `__init__` parameter's it is set from."""
    for base in cls.__mro__:
        annotation = vars(base).get("__annotations__", {}).get(attr)
        if annotation is not None:
            return classes(_annotation(annotation, base.__module__))
    raw = inspect.getattr_static(cls, attr, None)
    if isinstance(raw, property) and raw.fget is not None:
        return [t for module, qualname in key_of(raw) if (node := index()[(module, qualname)].node)
                .returns is not None for t in classes(evaluate(node.returns, module))]
    for base in cls.__mro__:
        init = index().get((base.__module__, f"{base.__qualname__}.__init__"))
        if init is not None and (found := _set_in_init(init, attr)):
            return found
    return []


def _annotation(annotation: Any, module: str) -> Any:
    if not isinstance(annotation, str):
        return annotation
    try:
        return eval(annotation, globals_of(module))  # an annotation, as written
    except Exception:
        return None


def _set_in_init(init: Function, attr: str) -> list[type]:
    """The type of what `__init__` assigns to `self.<attr>`: its annotation there, an
    annotated parameter, or an instance of a class it names (`self.unit = Unit(…)`)."""
    annotations = {a.arg: a.annotation for a in init.node.args.args if a.annotation}
    for node in ast.walk(init.node):
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == f"self.{attr}":
            return classes(evaluate(node.annotation, init.module))
        if not (isinstance(node, ast.Assign)
                and any(ast.unparse(t) == f"self.{attr}" for t in node.targets)):
            continue
        if isinstance(node.value, ast.Name):
            hint = annotations.get(node.value.id)
            return classes(evaluate(hint, init.module)) if hint is not None else []
        if isinstance(node.value, ast.Call):
            return classes(evaluate(node.value.func, init.module))
    return []


def resolve(expr: ast.expr, scope: Scope, *, by_name: bool) -> list[Key]:
    """The functions a callee expression may run (with `by_name`, the fallback too)."""
    if isinstance(expr, ast.Name):
        return key_of(scope.names.get(expr.id)) if expr.id not in scope.local else []
    if not isinstance(expr, ast.Attribute):
        return []
    receiver, attr = expr.value, expr.attr
    if isinstance(receiver, ast.Call) and ast.unparse(receiver.func) == "super" and scope.owner:
        return [k for base in scope.owner.__mro__[1:2] for k in members(base, attr, overrides=False)]
    if isinstance(receiver, ast.Name) and inspect.ismodule(scope.names.get(receiver.id)) \
            and receiver.id not in scope.local:
        return key_of(getattr(scope.names[receiver.id], attr, None))
    known = [k for cls in type_of(receiver, scope) if hasattr(cls, attr)
             for k in members(cls, attr, overrides=not _is_class(receiver, scope))]
    if known or not by_name or attr in BUILTIN_METHODS:
        return known
    return by_method_name(attr, scope.package)


def _is_class(receiver: ast.expr, scope: Scope) -> bool:
    """`SomeClass.method(…)`: the class's own method, no subclass's."""
    return isinstance(receiver, ast.Name) and inspect.isclass(scope.names.get(receiver.id))


@cache
def by_method_name(name: str, package: str) -> list[Key]:
    """Every method called `name` of the service's package or the kernel (the fallback)."""
    if name.startswith("__"):
        return []
    return [key for key, f in index().items() if f.owner and key[1].endswith(f".{name}")
            and key[0].startswith((package, "zhixing.kernel."))]

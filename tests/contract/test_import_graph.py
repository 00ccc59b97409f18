"""No import cycles anywhere in `zhixing` (module by module, TYPE_CHECKING imports
included): a cycle hidden by a deferred import is still a cycle, and the package that
holds one cannot be split or moved (issue 11)."""

from __future__ import annotations

from collections.abc import Iterator

import grimp
import pytest

pytestmark = pytest.mark.contract


def cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph.modules):
        if root in index:
            continue
        _enter(root, index, low, stack, on_stack)
        work: list[tuple[str, Iterator[str]]] = [
            (root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        while work:
            module, targets = work[-1]
            target = next(targets, None)
            if target is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[module])
                if low[module] == index[module]:
                    group = _pop_group(module, stack, on_stack)
                    if len(group) > 1:
                        found.append(sorted(group))
            elif target not in index:
                _enter(target, index, low, stack, on_stack)
                work.append((target,
                             iter(sorted(graph.find_modules_directly_imported_by(target)))))
            elif target in on_stack:
                low[module] = min(low[module], index[target])
    return found


def _enter(module: str, index: dict[str, int], low: dict[str, int], stack: list[str],
           on_stack: set[str]) -> None:
    index[module] = low[module] = len(index)
    stack.append(module)
    on_stack.add(module)


def _pop_group(module: str, stack: list[str], on_stack: set[str]) -> list[str]:
    group = []
    while True:
        member = stack.pop()
        on_stack.discard(member)
        group.append(member)
        if member == module:
            return group


def describe(found: list[list[str]]) -> str:
    return "\n".join(" <-> ".join(group) for group in found)


class TestImportCycles:
    def test_no_module_imports_itself_through_others_when_zhixing_is_built(self) -> None:
        found = cycles(grimp.build_graph("zhixing"))
        assert found == [], f"import cycles:\n{describe(found)}"

    def test_a_cycle_is_reported_with_its_modules_when_three_modules_import_in_a_ring(
            self) -> None:
        graph = grimp.ImportGraph()
        for importer, imported in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"),
                                   ("p.c", "p.d")):
            graph.add_import(importer=importer, imported=imported)
        assert cycles(graph) == [["p.a", "p.b", "p.c"]]

    def test_nothing_is_reported_when_the_imports_form_a_tree(self) -> None:
        graph = grimp.ImportGraph()
        for importer, imported in (("p.a", "p.b"), ("p.a", "p.c"), ("p.b", "p.c")):
            graph.add_import(importer=importer, imported=imported)
        assert cycles(graph) == []

"""`zhixing` mounts each context's commands from the `zhixing.cli` entry points: `--help`
lists every context, and every command the README shows is there."""

from __future__ import annotations

import re
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from zhixing.runtime.cli import COMMANDS_GROUP, app, mount

pytestmark = pytest.mark.contract

README = Path(__file__).resolve().parents[2] / "README.md"
CONTEXTS = {"case", "asset", "dishonest", "progress", "desk", "aid", "supervise", "agency-sim"}
OPERATOR = {"run", "token", "cipher-key", "audit", "events", "cases", "assets",
            "credit", "publicity", "relief", "supervision"}
INVOKED = re.compile(r"(?:\$Z|\bzhixing)\s+((?:[a-z][a-z-]*\s*){1,2})")


def listed_commands() -> set[str]:
    """The command names in the box of `zhixing --help`."""
    shown = CliRunner().invoke(mount(app), ["--help"], terminal_width=200).stdout
    return {m.group(1) for m in re.finditer(r"^│ ([a-z][a-z-]*)\s", shown, re.MULTILINE)}


def readme_commands() -> list[list[str]]:
    """`$Z case list …` → ["case", "list"]: the command words of each README example."""
    found = {tuple(m.group(1).split()) for m in INVOKED.finditer(README.read_text("utf-8"))}
    return sorted(list(words) for words in found)


class TestMounting:
    def test_every_context_and_operator_command_is_listed_when_help_is_asked(self) -> None:
        assert listed_commands() >= CONTEXTS | OPERATOR

    def test_each_entry_point_is_a_command_group_or_a_command_when_loaded(self) -> None:
        loaded = {p.name: p.load() for p in entry_points(group=COMMANDS_GROUP)}
        assert set(loaded) == CONTEXTS
        assert all(isinstance(c, typer.Typer) or callable(c) for c in loaded.values())

    def test_mounting_twice_adds_nothing_when_the_commands_are_there(self) -> None:
        mounted = mount(app)
        before = len(mounted.registered_commands) + len(mounted.registered_groups)
        again = mount(mounted)
        assert len(again.registered_commands) + len(again.registered_groups) == before


class TestReadme:
    @pytest.mark.parametrize("words", readme_commands(), ids=" ".join)
    def test_the_readmes_command_answers_help_when_run(self, words: list[str]) -> None:
        shown = CliRunner().invoke(mount(app), [*words, "--help"], terminal_width=200)
        assert shown.exit_code == 0, f"zhixing {' '.join(words)}: {shown.output}"


def whole_number_options() -> list[Any]:
    """Every whole-number option or argument of the commands that send what they read
    (not agency-sim: its seed is hashed, never sent), named by its path."""
    root: Any = typer.main.get_command(mount(app))
    found: list[Any] = []

    def walk(command: Any, path: str) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}")
        found.extend(pytest.param(p, id=f"{path} --{p.name}") for p in command.params
                     if p.bare_type() in ("int", "list[int]"))

    for name in sorted(CONTEXTS - {"agency-sim"}):
        walk(root.commands[name], name)
    return found


class TestBounds:
    @pytest.mark.parametrize("param", whole_number_options())
    def test_a_whole_number_option_is_bounded_by_int32_when_declared(self, param: Any) -> None:
        # An unbounded one (e.g. `zhixing case list --page-size 99999999999999999999`)
        # ended in protobuf's "ValueError: Value out of range" traceback.
        assert param.min is not None and param.min >= -(2**31)
        assert param.max is not None and param.max <= 2**31 - 1

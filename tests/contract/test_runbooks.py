"""The runbooks (docs/runbooks/, issue 13) say what can be done: every `zhixing …` command
they quote is a command of this release whose arguments parse, and every relative link
resolves. An operator following a page at night must not meet "No such command"."""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from zhixing.eventstore.settings import Settings, new_cipher_key
from zhixing.runtime.cli import app, mount
from zhixing.runtime.rebuild import targets
from zhixing.runtime.service import discover

pytestmark = pytest.mark.contract

ROOT = Path(__file__).parents[2]
RUNBOOKS = ROOT / "docs" / "runbooks"
ALERTS = RUNBOOKS / "alerts"
"""Written by the monitoring item (one page per alert); merged beside these pages."""
PAGES = sorted(RUNBOOKS.glob("*.md"))
REQUIRED = {"README.md", "graceful-shutdown.md", "projection-rebuild.md", "backup-restore.md",
            "key-rotation.md", "poison-message.md", "rebalance-storm.md",
            "region-link-down.md"}
CODE = re.compile(r"```[a-z]*\n(.*?)```|`([^`\n]+)`", re.S)
COMMAND = re.compile(r"(?:^|[\s(])zhixing\s+([^|;&)`#\n]*)")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
PLACEHOLDER = "<service>"
"""Stands for every registered service."""


def quoted_commands(page: Path) -> list[str]:
    """The arguments of every `zhixing …` in the page's code (blocks and inline), with
    shell line continuations joined; a bare `zhixing …` (any command) is left out."""
    text = page.read_text(encoding="utf-8")
    found = []
    for block, inline in CODE.findall(text):
        code = (block or inline).replace("\\\n", " ")
        found += [match.strip() for match in COMMAND.findall(code)]
    return [command for command in found if command and not command.startswith("…")]


def parse_error(cli: typer.Typer, words: list[str]) -> str:
    """Why `zhixing <words>` is not a command of `cli`, or "" if it parses. Asked with
    `--help` added: click parses every word first (an unknown command or option is an
    error), then prints the help instead of running anything."""
    answer = CliRunner().invoke(cli, [*[w for w in words if w != "--help"], "--help"])
    if answer.exit_code == 0:
        return ""
    lines = [line.strip("│ ").strip() for line in answer.output.splitlines()]
    return " ".join(line for line in lines if line and not line.startswith(("Usage", "Try", "╭", "╰")))


def expanded(words: list[str]) -> list[list[str]]:
    if PLACEHOLDER not in words:
        return [words]
    return [[name if w == PLACEHOLDER else w for w in words] for name in discover()]


@pytest.fixture(scope="module")
def cli() -> typer.Typer:
    return mount(app)


class TestRunbooks:
    def test_every_required_page_is_there_when_the_folder_is_read(self):
        assert sorted(REQUIRED - {page.name for page in PAGES}) == []

    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_every_quoted_command_parses_when_given_to_the_cli(self, page, cli):
        wrong = []
        for quoted in quoted_commands(page):
            for words in expanded(shlex.split(quoted.replace("$", "DOLLAR"))):
                if error := parse_error(cli, words):
                    wrong.append(f"zhixing {quoted}: {error}")
        assert wrong == []

    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_every_relative_link_resolves_when_followed_from_the_page(self, page):
        broken = []
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a URL or an anchor of the page itself
            path = (page.parent / target.split("#")[0]).resolve()
            if not ALERTS.exists() and path.is_relative_to(ALERTS.resolve()):
                continue  # the alert pages arrive with the monitoring item
            if not path.exists():
                broken.append(target)
        assert broken == []

    def test_the_index_links_every_runbook_and_alert_page_when_read(self):
        index = (RUNBOOKS / "README.md").read_text(encoding="utf-8")
        linked = set(LINK.findall(index))
        pages = {p.name for p in PAGES if p.name != "README.md"}
        alerts = {f"alerts/{p.name}" for p in ALERTS.glob("*.md") if p.name != "README.md"}
        assert sorted(pages - linked) == [] and sorted(alerts - linked) == []
        assert "alerts/" in linked


@pytest.fixture(scope="module")
def rebuildable(tmp_path_factory) -> Iterator[dict[str, set[str]]]:
    """Each service's rebuildable projections, from the services built on SQLite in a
    temporary folder (as `zhixing <service> rebuild --list` finds them)."""
    home = tmp_path_factory.mktemp("runbooks")
    patch = pytest.MonkeyPatch()
    for name in ("XDG_CONFIG_HOME", "XDG_STATE_HOME", "HOME"):
        patch.setenv(name, str(home / name.lower()))
    settings = Settings(var_dir=home / "var", cipher_key=new_cipher_key())
    instances = [definition.build(settings) for definition in discover().values()]
    yield {instance.name: set(targets(instance)) for instance in instances}
    for instance in instances:
        instance.close()
    patch.undo()


class TestRebuildNames:
    @pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
    def test_every_quoted_rebuild_names_a_rebuildable_projection(self, page, rebuildable):
        wrong = []
        for quoted in quoted_commands(page):
            words = shlex.split(quoted)
            if len(words) == 3 and words[1] == "rebuild" and not words[2].startswith(("-", "<")):
                service, projection = words[0], words[2].replace("-", "_")
                if projection not in rebuildable.get(service, set()):
                    wrong.append(quoted)
        assert wrong == []

    def test_the_table_of_projections_is_the_services_own(self, rebuildable):
        text = (RUNBOOKS / "projection-rebuild.md").read_text(encoding="utf-8")
        table = {row[0]: set(re.findall(r"`([a-z_]+)`", row[1])) for row in
                 re.findall(r"^\| (\w+) \| (.+) \|$", text, re.M) if row[0] in rebuildable}
        assert table == rebuildable


class TestScratchRestore:
    """backup-restore.md's rehearsal restores into a scratch database whose address a sed
    derives from the DSN; a key=value DSN comes out unchanged, so the restore is guarded."""

    @pytest.mark.parametrize(("dsn", "restores"), [
        ("postgresql://zx:pw@db.svc:5432/zhixing?sslmode=require", True),
        ("host=db.svc dbname=zhixing user=zx", False),
    ])
    def test_restores_into_scratch_only_when_the_dsn_was_rewritten(self, dsn, restores):
        lines = (RUNBOOKS / "backup-restore.md").read_text(encoding="utf-8").splitlines()
        derive = next(line.strip() for line in lines if line.strip().startswith("SCRATCH="))
        restore = next(line.strip() for line in lines
                       if "pg_restore" in line and '"$SCRATCH"' in line)
        script = "\n".join([derive, restore.replace("$PGBIN/pg_restore", "echo restore")
                                            .replace("<time>", "t"), "true"])
        done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=10,
                              env={"DSN": dsn, "SCHEMA": "zhixing_cases", "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
        assert ("restore" in done.stdout) is restores
        if restores:
            assert "/zhixing_scratch?sslmode=require" in done.stdout


class TestTheChecksThemselves:
    """The checks above would see a wrong command (a test that cannot fail is a defect)."""

    def test_an_unknown_command_is_found_when_quoted(self, cli):
        assert "No such command 'migrat'" in parse_error(cli, ["cases", "migrat"])

    def test_a_bad_option_is_found_when_quoted(self, cli):
        assert "No such option" in parse_error(cli, ["cases", "rebuild", "--lst"])

    def test_commands_are_found_in_blocks_inline_and_after_kubectl(self, tmp_path):
        page = tmp_path / "p.md"
        page.write_text("Run `zhixing dlq list`.\n```sh\nkubectl exec x -- zhixing cases \\\n"
                        "  migrate\nexport K=$(zhixing cipher-key)\n```\nzhixing in prose\n",
                        encoding="utf-8")
        assert quoted_commands(page) == ["dlq list", "cases    migrate", "cipher-key"]

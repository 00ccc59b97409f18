"""Write, check or validate docs/asyncapi.json, the integration events' AsyncAPI document.

    .venv/bin/python scripts/asyncapi.py generate   # after changing a contract model
    .venv/bin/python scripts/asyncapi.py check      # exit 1 if the committed file is stale
    .venv/bin/python scripts/asyncapi.py validate [file]   # the official parser: exit 1 on
                                                           # an error or a warning

`validate` runs the official `@asyncapi/parser` (npm, the version pinned in
scripts/asyncapi-parser/package-lock.json) under Node. It is installed once with `npm ci`
into ~/.cache/zhixing/npm-asyncapi/<hash of package.json and the lock> — outside the clone,
rebuilt when the pin changes — and never fetched at run time after that.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from zhixing.messaging.asyncapi import render

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "docs" / "asyncapi.json"
PARSER = ROOT / "scripts" / "asyncapi-parser"
PINNED = ("package.json", "package-lock.json")
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "zhixing" / "npm-asyncapi"


def parser_modules() -> Path:
    """The node_modules holding the pinned parser, installed on first use."""
    digest = hashlib.sha256()
    for name in PINNED:
        digest.update((PARSER / name).read_bytes())
    home = CACHE / digest.hexdigest()[:16]
    if (home / "node_modules" / "@asyncapi" / "parser" / "package.json").is_file():
        return home / "node_modules"
    CACHE.mkdir(parents=True, exist_ok=True)
    # Installed beside the final place, then renamed: a run cut short leaves no half cache.
    staging = Path(tempfile.mkdtemp(prefix="install-", dir=CACHE))
    for name in PINNED:
        shutil.copy(PARSER / name, staging / name)
    subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=staging, check=True, stdout=subprocess.DEVNULL)
    try:
        staging.rename(home)
    except OSError:  # another run installed it first: theirs is as good
        shutil.rmtree(staging, ignore_errors=True)
    return home / "node_modules"


def validate(document: Path) -> int:
    """Run the official parser on `document`; its one-line JSON report goes to stdout."""
    return subprocess.run(["node", str(PARSER / "validate.cjs"), str(parser_modules()),
                           str(document)], check=False).returncode


def main(command: str, *paths: str) -> int:
    if command == "validate":
        return validate(Path(paths[0]) if paths else TARGET)
    text = render()
    if command == "generate":
        TARGET.write_text(text, encoding="utf-8")
        return 0
    if TARGET.read_text(encoding="utf-8") != text:
        print("docs/asyncapi.json is stale: run `make asyncapi`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:] or ["check"])))

"""Write or check docs/asyncapi.json, the integration events' AsyncAPI document.

    .venv/bin/python scripts/asyncapi.py generate   # after changing a contract model
    .venv/bin/python scripts/asyncapi.py check      # exit 1 if the committed file is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from zhixing.messaging.asyncapi import render

TARGET = Path(__file__).resolve().parents[1] / "docs" / "asyncapi.json"


def main(command: str) -> int:
    text = render()
    if command == "generate":
        TARGET.write_text(text, encoding="utf-8")
        return 0
    if TARGET.read_text(encoding="utf-8") != text:
        print("docs/asyncapi.json is stale: run `make asyncapi`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "check"))

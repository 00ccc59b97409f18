"""Generate the contract reference under docs/reference/, or check it is current.

    python scripts/reference.py generate   # (re)write docs/reference/*.md
    python scripts/reference.py check      # exit 1, listing the pages that differ, if stale

From the contracts themselves: protos/ compiled with their comments (`reference_grpc`),
the declared policies and the code's refusals (`reference_rules`), and the integration
event models (`reference_events`). Nothing carries a timestamp, so a page changes only
when a contract, a policy or a refusal does.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reference_events
import reference_grpc
import reference_pages

ROOT = reference_grpc.ROOT
OUT = ROOT / "docs" / "reference"


def pages() -> dict[str, str]:
    """File name under docs/reference/ → its text."""
    packages = reference_grpc.packages()
    found = {f"{p.name}.md": reference_pages.package_page(p) for p in packages}
    found["events.md"] = reference_events.events_page()
    found["README.md"] = reference_pages.index_page(packages)
    return dict(sorted(found.items()))


def generate() -> int:
    """Write every page and remove pages no contract has any more."""
    wanted = pages()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.md"):
        if old.name not in wanted:
            old.unlink()
    for name, text in wanted.items():
        (OUT / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"generated {len(wanted)} pages in {OUT.relative_to(ROOT)}")
    return 0


def check() -> int:
    """Exit status 1, with the first lines of each difference, when a page is stale."""
    wanted = pages()
    have = {p.name: p.read_text(encoding="utf-8") for p in OUT.glob("*.md")} if OUT.is_dir() else {}
    stale = sorted(name for name in wanted.keys() | have.keys() if wanted.get(name) != have.get(name))
    if not stale:
        print("the contract reference is up to date")
        return 0
    print("docs/reference/ differs from the contracts — run: python scripts/reference.py generate")
    for name in stale:
        print(f"  docs/reference/{name}")
        diff = difflib.unified_diff((have.get(name) or "").splitlines(),
                                    (wanted.get(name) or "").splitlines(), "committed",
                                    "generated", lineterm="", n=0)
        for line in list(diff)[:12]:
            print(f"    {line}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("command", choices=["generate", "check"])
    args = parser.parse_args(argv)
    return generate() if args.command == "generate" else check()


if __name__ == "__main__":
    sys.exit(main())

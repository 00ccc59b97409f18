"""Generate the Python gRPC code for protos/ into the contracts library, or check it is current.

    python scripts/protos.py generate   # (re)write libs/contracts/src/zhixing/contracts/pb/
    python scripts/protos.py check      # exit 1, listing the files that differ, if stale

`protos/zhixing/<context>/v1/<name>.proto` becomes
`zhixing/contracts/pb/<context>/v1/<name>_pb2.py`, `_pb2.pyi` and `_pb2_grpc.py`. The
generated imports `from zhixing.<context>.v1 import` are rewritten to
`from zhixing.contracts.pb.<context>.v1 import`, because `zhixing.<context>` is the
service's own Python package, not its protos'. Beside them, `zhixing/contracts/pb/zhixing.binpb`
is the descriptor set of every proto WITH source info (the comments): the generated
Python descriptors drop the comments, and gRPC reflection serves this set so that
`grpcurl describe` shows the documentation. Output is deterministic: files are processed
in sorted order and nothing carries a timestamp.
"""

from __future__ import annotations

import argparse
import filecmp
import importlib.resources
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROTO_ROOT = ROOT / "protos"
PB_DIR = ROOT / "libs" / "contracts" / "src" / "zhixing" / "contracts" / "pb"
PB_PACKAGE = "zhixing.contracts.pb"
DESCRIPTOR_SET = "zhixing.binpb"
"""The descriptor set's name in PB_DIR (zhixing.runtime.reflection reads it)."""

_IMPORT = re.compile(r"^from zhixing\.(\w+)\.(v\d+) import ", re.MULTILINE)


def proto_files() -> list[Path]:
    """Every .proto under protos/zhixing, relative to protos/, sorted."""
    return sorted(p.relative_to(PROTO_ROOT) for p in (PROTO_ROOT / "zhixing").rglob("*.proto"))


def run_protoc(protos: list[Path], out: Path) -> None:
    """Run grpc_tools.protoc on all protos at once, writing into `out`: the code under
    out/zhixing/, the descriptor set (with imports and comments) at out/DESCRIPTOR_SET."""
    well_known = importlib.resources.files("grpc_tools") / "_proto"
    command = [
        sys.executable, "-m", "grpc_tools.protoc",
        f"-I{PROTO_ROOT}", f"-I{well_known}",
        f"--python_out={out}", f"--pyi_out={out}", f"--grpc_python_out={out}",
        f"--descriptor_set_out={out / DESCRIPTOR_SET}", "--include_imports",
        "--include_source_info",
        *(str(p) for p in protos),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=PROTO_ROOT)


def rewrite_imports(text: str) -> str:
    """Point imports of our own proto packages at their home under zhixing.contracts.pb."""
    return _IMPORT.sub(rf"from {PB_PACKAGE}.\1.\2 import ", text)


def init_text(package_parts: tuple[str, ...]) -> str:
    """The docstring-only __init__.py of a generated package dir."""
    dotted = ".".join(("zhixing", *package_parts))
    return f'"""Generated code for the {dotted} protos — do not edit; run scripts/protos.py."""\n'


def place(raw: Path, dest: Path) -> None:
    """Move protoc's zhixing/<ctx>/v1/* output to dest/<ctx>/v1/*, rewriting imports, and
    the descriptor set to dest/DESCRIPTOR_SET byte for byte."""
    generated = sorted(p for p in (raw / "zhixing").rglob("*") if p.is_file())
    for source in generated:
        relative = source.relative_to(raw / "zhixing")
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = rewrite_imports(source.read_text(encoding="utf-8"))
        target.write_text(text, encoding="utf-8", newline="\n")
    shutil.copyfile(raw / DESCRIPTOR_SET, dest / DESCRIPTOR_SET)
    write_inits(dest)


def write_inits(dest: Path) -> None:
    """Give dest and every dir below it an __init__.py."""
    for directory in sorted([dest, *(p for p in dest.rglob("*") if p.is_dir())]):
        parts = directory.relative_to(dest).parts
        init = directory / "__init__.py"
        init.write_text(init_text(parts), encoding="utf-8", newline="\n")


def build(dest: Path) -> None:
    """Generate the complete pb tree into `dest` (which must not exist yet)."""
    with tempfile.TemporaryDirectory(prefix="zhixing-protoc-") as raw:
        run_protoc(proto_files(), Path(raw))
        place(Path(raw), dest)


def tree(root: Path) -> set[Path]:
    """Relative paths of the files under root, ignoring bytecode caches."""
    if not root.is_dir():
        return set()
    return {
        p.relative_to(root) for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    }


def differences(expected: Path, actual: Path) -> list[Path]:
    """Files missing from, extra in, or different in `actual` compared with `expected`."""
    want, have = tree(expected), tree(actual)
    changed = {p for p in want & have if not filecmp.cmp(expected / p, actual / p, shallow=False)}
    return sorted((want ^ have) | changed)


def generate() -> int:
    """Regenerate PB_DIR from scratch, so code of deleted protos disappears too."""
    with tempfile.TemporaryDirectory(prefix="zhixing-pb-") as scratch:
        fresh = Path(scratch) / "pb"
        build(fresh)
        shutil.rmtree(PB_DIR, ignore_errors=True)
        shutil.copytree(fresh, PB_DIR)
    print(f"generated {len(tree(PB_DIR))} files in {PB_DIR.relative_to(ROOT)}")
    return 0


def check() -> int:
    """Exit status 1, listing the differing files, when PB_DIR is not what generate writes."""
    with tempfile.TemporaryDirectory(prefix="zhixing-pb-") as scratch:
        fresh = Path(scratch) / "pb"
        build(fresh)
        stale = differences(fresh, PB_DIR)
    if not stale:
        print("generated code is up to date")
        return 0
    print("generated code differs from protos/ — run: python scripts/protos.py generate")
    for path in stale:
        print(f"  {(PB_DIR / path).relative_to(ROOT)}")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["generate", "check"])
    args = parser.parse_args(argv)
    return generate() if args.command == "generate" else check()


if __name__ == "__main__":
    sys.exit(main())

"""Go programs the e2e tests run, built once and cached outside the clone (spec D7):
tools from the Go module proxy into `~/.cache/zhixing/go/bin` (grpcurl), and the Go
example client built from `protos/` into `~/.cache/zhixing/go-client/<key>`, the key a
digest of the protos and the example's sources, so a change in either rebuilds it.
`ZHIXING_CACHE` moves the cache, as for scripts/buf.sh."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "go-client"
EXAMPLE_SOURCES = ("*.go", "go.mod", "go.sum", "build.sh", "buf.gen.yaml")
"""What build.sh reads from the example (gen/ and the binary are its output)."""
BUILD_TIMEOUT = 600
STALE_AFTER = 7 * 24 * 3600
"""A built client unused this long (seconds) is removed when another is built."""


def cache_root() -> Path:
    return Path(os.environ.get("ZHIXING_CACHE", Path.home() / ".cache" / "zhixing"))


def gobin() -> Path:
    return cache_root() / "go" / "bin"


def go_env() -> dict[str, str]:
    """The environment of a Go build: GOBIN in the cache; the module and build caches
    are Go's own (outside the clone), shared with every other Go build on the machine."""
    return {**os.environ, "GOBIN": str(gobin()), "GOFLAGS": "-buildvcs=false"}


def run_build(command: list[str], **options: object) -> None:
    """Run a build step; a failure names the command and shows the end of its output."""
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          timeout=BUILD_TIMEOUT, **options)  # type: ignore[call-overload]
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n"
                           f"{(done.stdout + done.stderr)[-3000:]}")


def built_version(binary: Path) -> str:
    """The main module's version a Go binary was built from ("" when unknown)."""
    if not binary.is_file():
        return ""
    shown = subprocess.run(["go", "version", "-m", str(binary)], capture_output=True,
                           text=True, check=False, timeout=60).stdout
    fields = [line.split() for line in shown.splitlines()]
    return next((f[2] for f in fields if len(f) >= 3 and f[0] == "mod"), "")


def go_tool(package: str, version: str) -> Path:
    """`go install package@version` into GOBIN unless that version is there already."""
    binary = gobin() / package.rsplit("/", 1)[-1]
    if built_version(binary) != version:
        run_build(["go", "install", f"{package}@{version}"], env=go_env())
    return binary


def sources_key(*trees: tuple[Path, tuple[str, ...]]) -> str:
    """A digest of the files matching each tree's patterns: their paths and contents."""
    digest = hashlib.sha256()
    for root, patterns in trees:
        for path in sorted({p for pattern in patterns for p in root.rglob(pattern)}):
            if "gen" in path.relative_to(root).parts:
                continue
            digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def go_client() -> Path:
    """The example Go client, built from protos/ by its own build.sh (the way its README
    says), in a copy of the example under the cache; reused while nothing changed."""
    key = sources_key((ROOT / "protos", ("*.proto", "buf.yaml")), (EXAMPLE, EXAMPLE_SOURCES))
    home = cache_root() / "go-client"
    built = home / key
    if not (built / "zhixing-go-client").is_file():
        home.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix="build-", dir=home))
        try:
            for pattern in EXAMPLE_SOURCES:
                for source in EXAMPLE.glob(pattern):
                    shutil.copy2(source, scratch / source.name)
            run_build(
                [str(scratch / "build.sh")], cwd=scratch,
                env={**go_env(), "ZHIXING_PROTOS": str(ROOT / "protos"),
                     "ZHIXING_BUF": str(ROOT / "scripts" / "buf.sh")})
            scratch.rename(built)  # atomic: a concurrent build's result is as good
        except OSError:
            if not (built / "zhixing-go-client").is_file():
                raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        _prune(home, keep=built)
    built.touch()  # its time says when it was last used
    return built / "zhixing-go-client"


def _prune(home: Path, keep: Path) -> None:
    """Remove clients built from protos or sources long gone (each is ~20 MB)."""
    for old in home.iterdir():
        if old != keep and old.is_dir() and time.time() - old.stat().st_mtime > STALE_AFTER:
            shutil.rmtree(old, ignore_errors=True)

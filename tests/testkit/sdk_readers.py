"""The CloudEvents SDK readers of examples/cloudevents-readers, built once (issue 18, D7).

Each build lands in ~/.cache/zhixing (or $ZHIXING_CACHE) under a key of the example's own
files, so a change to the example rebuilds it and an unchanged one costs nothing; a build
goes to a temporary folder first and is renamed into place, so an interrupted build is
never taken for a finished one. Nothing is written into the clone.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).parents[2]
READERS = ROOT / "examples" / "cloudevents-readers"
BUILD_TIMEOUT = 900  # seconds: a cold Maven build downloads its plugins on 2 busy cores


def cache_root() -> Path:
    return Path(os.environ.get("ZHIXING_CACHE", Path.home() / ".cache" / "zhixing"))


def _key(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(str(path.relative_to(READERS)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def _built(kind: str, files: list[Path], build: list[str], cwd: Path, marker: str) -> Path:
    """The cache folder holding the build of `files`, building it when absent."""
    final = cache_root() / kind / _key(files)
    if (final / marker).exists():
        return final
    scratch = final.with_name(f"{final.name}.building-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    done = subprocess.run([arg.replace("{out}", str(scratch)) for arg in build], cwd=cwd,
                          capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"building the {kind} reader failed:\n{done.stdout[-3000:]}{done.stderr[-3000:]}")
    if not (final / marker).exists():  # another run may have finished first
        shutil.rmtree(final, ignore_errors=True)
        scratch.rename(final)
    shutil.rmtree(scratch, ignore_errors=True)
    return final


def java_reader() -> list[str]:
    """`java -jar reader.jar` of the Java example (Maven, io.cloudevents:cloudevents-kafka)."""
    folder = READERS / "java"
    files = [folder / "pom.xml", *sorted((folder / "src").rglob("*.java"))]
    built = _built("java-cloudevents", files, ["mvn", "-B", "-q", "-Dstyle.color=never",
                                               "-Dzhixing.build.dir={out}", "package"],
                   folder, "reader.jar")
    return ["java", "-jar", str(built / "reader.jar")]


def js_reader() -> tuple[list[str], dict[str, str]]:
    """`node reader.js` of the JavaScript example and its environment (npm `cloudevents`
    and `kafkajs`, installed with `npm ci` from the committed package-lock.json)."""
    folder = READERS / "js"
    lock = [folder / "package.json", folder / "package-lock.json"]
    script = (f"cp {lock[0]} {lock[1]} {{out}}/ && cd {{out}} && "
              "npm ci --ignore-scripts --no-audit --no-fund --loglevel=error")
    built = _built("npm-cloudevents", lock, ["sh", "-c", script], folder, "node_modules")
    env = {**os.environ, "NODE_PATH": str(built / "node_modules")}
    return ["node", str(folder / "reader.js")], env

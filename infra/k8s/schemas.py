"""Copy kubernetes-validate's bundled Kubernetes JSON schemas into kubeconform's layout.

Usage: schemas.py VERSION OUT_DIR  (called by infra/k8s/crds.sh)

kubernetes-validate ships ``v<version>-local-strict``: one file per kind whose ``$ref``s
point at ``/api/_definitions.json`` under an ``$id`` on kubernetes.io. kubeconform reads
``<dir>/v<version>-standalone-strict/<kind>-<group>-<version>.json`` from disk and resolves
references relative to the file, so the ``$id`` goes and the references become siblings
(../shared/infra/KUBERNETES.md records the trick).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import kubernetes_validate

_BUNDLED = Path(kubernetes_validate.__file__).parent / "kubernetes-json-schema"
_ABSOLUTE_REF = '"/api/_definitions.json#'
_SIBLING_REF = '"_definitions.json#'


def standalone(text: str) -> str:
    """One schema file made self-contained on disk: no ``$id``, sibling references."""
    schema = json.loads(text.replace(_ABSOLUTE_REF, _SIBLING_REF))
    schema.pop("$id", None)
    return json.dumps(schema)


def copy(version: str, out: Path) -> int:
    """Write every schema of ``version`` under ``out``; returns how many files."""
    source = _BUNDLED / f"{version}-local-strict"
    if not source.is_dir():
        bundled = sorted(p.name for p in _BUNDLED.iterdir() if p.name.endswith("-local-strict"))
        raise SystemExit(f"schemas.py: error: {source.name} not bundled; have {bundled}")
    target = out / "kubernetes" / f"{version}-standalone-strict"
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(source.glob("*.json")):
        (target / path.name).write_text(standalone(path.read_text()))
        count += 1
    return count


def main(argv: list[str]) -> int:
    """Entry point: ``schemas.py VERSION OUT_DIR``."""
    if len(argv) != 2:
        raise SystemExit("usage: schemas.py VERSION OUT_DIR")
    count = copy(argv[0], Path(argv[1]))
    print(f"{count} Kubernetes {argv[0]} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

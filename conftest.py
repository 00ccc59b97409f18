"""Markers by folder (DESIGN §12), so a test's layer is where it lives, not a decorator
someone may forget: a package's tests/unit and tests/integration, the suite's tests/e2e,
tests/browser and tests/contract. `connected` stays explicit on the tests that need the
real PostgreSQL and Kafka, wherever they live (a SQLite/PostgreSQL parameter, tests/connected).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

# A package's own layers: <package>/tests/<folder>/…
_PACKAGE_LAYERS = {"unit": pytest.mark.unit, "integration": pytest.mark.integration}
# The suite's layers at the root: tests/<folder>/…
_SUITE_LAYERS = {"e2e": pytest.mark.e2e, "browser": pytest.mark.browser,
                 "contract": pytest.mark.contract}
_ROOT = Path(__file__).parent


def _layer(path: Path) -> pytest.MarkDecorator | None:
    """The marker a test file's folder stands for, if any."""
    try:
        parts = path.relative_to(_ROOT).parts
    except ValueError:
        return None
    if len(parts) > 2 and parts[0] == "tests":
        return _SUITE_LAYERS.get(parts[1])
    for tests, folder in pairwise(parts[:-1]):
        if tests == "tests" and folder in _PACKAGE_LAYERS:
            return _PACKAGE_LAYERS[folder]
    return None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every collected test with the layer of the folder it lives in."""
    for item in items:
        marker = _layer(item.path)
        if marker is not None:
            item.add_marker(marker)


@pytest.fixture(scope="session", autouse=True)
def keys_of_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The audit chain's key ring and checkpoints (R46) and the cipher key of the data at
    rest (R60) live outside the data folder, by default under the user's ~/.config and
    ~/.local/state: tests, and the suites they start, keep theirs in a folder of the
    session instead (unless the caller set them)."""
    folder = tmp_path_factory.mktemp("audit-keys")
    chosen = {"ZHIXING_AUDIT_KEY_FILE": str(folder / "audit.keys"),
              "ZHIXING_AUDIT_CHECKPOINTS": str(folder / "audit-checkpoints.jsonl"),
              # the cipher key where the default points, so that a process started
              # without ZHIXING_* (below) finds the very same key
              "ZHIXING_CIPHER_KEY_FILE": str(folder / "config" / "zhixing" / "cipher.key"),
              # and where the defaults point, for processes started without ZHIXING_*
              "XDG_CONFIG_HOME": str(folder / "config"), "XDG_STATE_HOME": str(folder / "state")}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in chosen.items():
            if not os.environ.get(name):
                patch.setenv(name, value)
        yield

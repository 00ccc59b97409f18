"""Credit's read models look debtors up by a blind index keyed from the ring's first key
(docs/keys.md): a ring whose first key changed must stop the service, not make every
debtor silently unknown (issue 12 item 10, R60)."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhixing.credit.bootstrap import build
from zhixing.eventstore.keys import add_key
from zhixing.eventstore.settings import MissingCipherKey, Settings


def settings_with(tmp_path: Path, key_file: Path) -> Settings:
    return Settings(var_dir=tmp_path / "var", cipher_key_file=str(key_file))


class TestBlindIndexKey:
    def test_refused_citing_r60_when_the_first_key_of_the_ring_changed(self, tmp_path):
        build(settings_with(tmp_path, tmp_path / "config" / "cipher.key")).close()
        other = settings_with(tmp_path, tmp_path / "other" / "cipher.key")
        with pytest.raises(MissingCipherKey, match=r"first \(oldest\) key.*R60"):
            build(other).close()

    def test_starts_when_a_key_was_added(self, tmp_path):
        key_file = tmp_path / "config" / "cipher.key"
        build(settings_with(tmp_path, key_file)).close()
        add_key(key_file)
        build(settings_with(tmp_path, key_file)).close()

"""The public list is searched by a name's blind index keyed from the ring's first key
(docs/keys.md): a ring whose first key changed must stop the service, not make every
name silently unfound (issue 12 item 10, R60)."""

from __future__ import annotations

import pytest

from zhixing.eventstore.settings import MissingCipherKey, Settings
from zhixing.publicity.bootstrap import build


def test_refused_citing_r60_when_the_first_key_of_the_ring_changed(tmp_path):
    first = Settings(var_dir=tmp_path / "var",
                     cipher_key_file=str(tmp_path / "config" / "cipher.key"))
    build(first).close()
    other = Settings(var_dir=tmp_path / "var",
                     cipher_key_file=str(tmp_path / "other" / "cipher.key"))
    with pytest.raises(MissingCipherKey, match=r"first \(oldest\) key.*R60"):
        build(other).close()

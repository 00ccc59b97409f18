"""Keys for personal data at rest (issue 12 item 10; R60, DESIGN §8): a key file outside
the data folder, created on first run; events and read-model columns sealed with it in
embedded mode too; rotation by adding a key while the old ones still read."""

from __future__ import annotations

import sqlite3
import stat
import threading
from base64 import b64decode
from pathlib import Path

import pytest

from zhixing.eventstore.application import ServiceApplication
from zhixing.eventstore.crypto import FieldCipher, UndecryptableData
from zhixing.eventstore.keys import KeyRing, add_key, key_id, load_ring
from zhixing.eventstore.settings import MissingCipherKey, Settings

from ..counting import Counter

NAME = "欧阳明远-51010419800101105X"


class Counters(ServiceApplication):
    name = service_name = "counters"


def embedded(tmp_path, key_file=None) -> Settings:
    return Settings(var_dir=tmp_path / "var",
                    cipher_key_file=str(key_file or tmp_path / "config" / "cipher.key"))


def stored_bytes(settings: Settings) -> bytes:
    path = settings.var_dir / "counters" / "events.db"
    return b"".join(p.read_bytes() for p in path.parent.glob("events.db*"))


class TestKeyFile:
    def test_created_on_first_run_readable_by_its_owner_only(self, tmp_path):
        path = tmp_path / "config" / "zhixing" / "cipher.key"
        ring = load_ring(path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert load_ring(path) == ring and len(ring.current) == 32

    def test_one_key_when_threads_create_it_at_once(self, tmp_path):
        path, rings = tmp_path / "cipher.key", []
        threads = [threading.Thread(target=lambda: rings.append(load_ring(path)))
                   for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(rings)) == 1 and len(rings) == 8

    def test_refused_in_one_line_when_the_file_cannot_be_created(self, tmp_path):
        # The image's read-only /etc/zhixing, here a folder that is a file (root may write
        # anywhere else): one line naming the file and what to do, not a traceback.
        (tmp_path / "config").write_text("not a folder")
        with pytest.raises(MissingCipherKey, match=r"cipher\.key cannot be created: .*give the key"):
            embedded(tmp_path, tmp_path / "config" / "cipher.key").key_ring  # noqa: B018

    def test_refused_naming_chmod_when_others_may_read_it(self, tmp_path):
        path = tmp_path / "cipher.key"
        load_ring(path)
        path.chmod(0o644)
        with pytest.raises(MissingCipherKey, match="chmod 600"):
            _ = embedded(tmp_path, path).key_ring

    def test_refused_citing_r60_when_kept_inside_the_data_folder(self, tmp_path):
        with pytest.raises(MissingCipherKey, match="outside the data folder"):
            _ = embedded(tmp_path, tmp_path / "var" / "cipher.key").key_ring

    def test_no_key_shown_when_a_ring_is_printed(self, tmp_path):
        ring = load_ring(tmp_path / "cipher.key")
        text = repr(ring) + repr(FieldCipher(ring))
        assert key_id(ring.current) in text
        assert b64decode(tmp_path.joinpath("cipher.key").read_text().split()[-1]) == ring.current
        assert tmp_path.joinpath("cipher.key").read_text().split()[-1] not in text


class TestEmbeddedEvents:
    def test_events_unreadable_in_the_file_when_no_key_is_configured(self, tmp_path):
        settings = embedded(tmp_path)
        app = Counters(settings)
        app.save(Counter(NAME))
        app.close()
        assert NAME.encode() not in stored_bytes(settings)
        assert "欧阳".encode() not in stored_bytes(settings)
        again = Counters(settings)
        assert [e.name for _, e in again.read_notifications(0)] == [NAME]
        again.close()

    def test_events_of_an_unencrypted_release_still_read(self, tmp_path):
        settings = embedded(tmp_path)
        plain = Counters(settings)
        plain.mapper.cipher = None  # what an earlier release wrote: JSON as it is
        plain.save(Counter(NAME))
        plain.close()
        app = Counters(settings)
        assert [e.name for _, e in app.read_notifications(0)] == [NAME]
        app.close()


class TestRotation:
    def test_events_and_columns_sealed_before_read_when_a_key_was_added(self, tmp_path):
        settings = embedded(tmp_path)
        app = Counters(settings)
        app.save(Counter(NAME))
        app.close()
        sealed = settings.field_cipher.seal(NAME)
        added = add_key(Path(settings.cipher_key_file))
        rotated = embedded(tmp_path)
        assert key_id(rotated.key_ring.current) == added
        app = Counters(rotated)
        app.save(Counter("after"))
        assert [e.name for _, e in app.read_notifications(0)] == [NAME, "after"]
        app.close()
        assert rotated.field_cipher.open(sealed) == NAME

    def test_new_data_sealed_with_the_new_key_when_a_key_was_added(self, tmp_path):
        settings = embedded(tmp_path)
        old = settings.key_ring
        add_key(Path(settings.cipher_key_file))
        sealed = embedded(tmp_path).field_cipher.seal(NAME)
        with pytest.raises(UndecryptableData, match=key_id(old.current)):
            FieldCipher(old).open(sealed)

    def test_blind_index_unchanged_when_a_key_was_added(self, tmp_path):
        settings = embedded(tmp_path)
        before = settings.field_cipher.blind(NAME)
        add_key(Path(settings.cipher_key_file))
        assert embedded(tmp_path).field_cipher.blind(NAME) == before

    def test_both_keys_read_when_a_key_is_added_to_a_file_without_a_final_newline(
            self, tmp_path):
        # A key file written by hand or by `printf %s "$KEY" > cipher.key` ends without a
        # newline: the added key must not be glued onto the last one (the suite would
        # refuse to start, every key of the file unusable until it is mended by hand).
        key_file = tmp_path / "config" / "cipher.key"
        old = embedded(tmp_path, key_file).key_ring
        key_file.write_text(key_file.read_text(encoding="utf-8").rstrip("\n"),
                            encoding="utf-8")
        added = add_key(key_file)
        ring = embedded(tmp_path, key_file).key_ring
        assert [key_id(k) for k in ring.keys] == [key_id(old.current), added]

    def test_undecryptable_naming_key_ids_when_the_old_key_is_dropped(self, tmp_path):
        first = embedded(tmp_path).field_cipher.seal(NAME)
        other = FieldCipher(KeyRing.from_text("A" * 43 + "="))
        with pytest.raises(UndecryptableData, match=key_id(other._ring.current)):
            other.open(first)


class TestFieldCipher:
    def test_same_bytes_when_a_value_is_sealed_again(self, tmp_path):
        """A replayed or rebuilt projection writes the same rows (STYLE 7)."""
        cipher = embedded(tmp_path).field_cipher
        assert cipher.seal(NAME) == cipher.seal(NAME) != cipher.seal(NAME + "2")
        assert NAME not in cipher.seal(NAME)

    def test_a_plain_value_of_an_earlier_release_reads_as_it_is(self, tmp_path):
        assert embedded(tmp_path).field_cipher.open("张三") == "张三"

    def test_nothing_stored_in_plaintext_when_a_row_is_sealed(self, tmp_path):
        cipher = embedded(tmp_path).field_cipher
        with sqlite3.connect(tmp_path / "rows.db") as db:
            db.execute("CREATE TABLE t (k TEXT, v TEXT)")
            db.execute("INSERT INTO t VALUES (?, ?)", (cipher.blind(NAME), cipher.seal(NAME)))
        assert "欧阳".encode() not in (tmp_path / "rows.db").read_bytes()
        assert b"51010419800101105X" not in (tmp_path / "rows.db").read_bytes()


class TestNeverShown:
    def test_no_key_in_the_settings_repr_when_keys_are_set(self):
        current, old = "Q" * 43 + "=", "R" * 43 + "="
        shown = repr(Settings(cipher_key=current, cipher_old_keys=(old,)))
        assert current not in shown and old not in shown

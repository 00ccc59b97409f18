"""Access codes to the parties' window (issue 17): unambiguous, 60 bits, only a salted
scrypt hash kept, checked in constant time."""

from __future__ import annotations

import math

from zhixing.kernel import access_code
from zhixing.kernel.access_code import ALPHABET, BITS, hash_code, new_code, normalise, verify

CODE = "K7QW-M3PX-2D9R"


class TestNewCode:
    def test_three_groups_of_four_from_the_unambiguous_alphabet_when_made(self):
        code = new_code()
        groups = code.split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert set("".join(groups)) <= set(ALPHABET)
        assert not set("ILOU") & set(ALPHABET)

    def test_at_least_60_bits_when_counted(self):
        assert BITS == 12 * math.log2(len(ALPHABET)) >= 60

    def test_all_different_when_many_are_made(self):
        codes = {new_code() for _ in range(2000)}
        assert len(codes) == 2000
        # Every character of the alphabet turns up somewhere: no position is constant.
        assert set("".join(codes).replace("-", "")) == set(ALPHABET)


class TestHash:
    def test_verified_when_the_same_code_is_typed_loosely(self):
        hashed = hash_code(CODE)
        for typed in (CODE, "k7qw m3px 2d9r", " K7QWM3PX2D9R ", "K7QW-M3PX-2D9R".replace("0", "O")):
            assert verify(typed, hashed)

    def test_look_alikes_read_as_crockford_reads_them_when_typed(self):
        hashed = hash_code("1000-0000-0001")
        assert verify("IOOO-oooo-OOOL", hashed)

    def test_refused_when_the_code_is_wrong(self):
        hashed = hash_code(CODE)
        assert not verify("K7QW-M3PX-2D9S", hashed)
        assert not verify("", hashed) and not verify("K7QW-M3PX", hashed)

    def test_salted_scrypt_in_the_stored_format_and_never_the_code_when_hashed(self):
        first, second = hash_code(CODE), hash_code(CODE)
        assert first != second, "a fresh salt each time"
        scheme, n, r, p, _salt, _digest = first.split("$")
        assert (scheme, int(n), int(r), int(p)) == ("scrypt", access_code.SCRYPT_N,
                                                   access_code.SCRYPT_R, access_code.SCRYPT_P)
        assert normalise(CODE) not in first and CODE not in first

    def test_nothing_matches_when_the_hash_is_malformed(self):
        assert not verify(CODE, "plain:K7QWM3PX2D9R")
        assert not verify(CODE, "scrypt$x$8$1$AAAA$AAAA")
        assert not verify(CODE, "scrypt$16384$8$1$!!$!!")

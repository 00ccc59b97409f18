"""The search keys of 综合查询 (issue 17): blind indexes of a debtor's canonical identity
and of its name (R60), kept by each public read model beside its entries, so that the
search is an indexed equality on both keys and never a scan or a name browse."""

from __future__ import annotations

from zhixing.eventstore.crypto import FieldCipher
from zhixing.kernel.identity import canonical_identity


def identity_key(cipher: FieldCipher, number: str) -> str:
    """The blind index an identity is searched by: of its canonical form."""
    return cipher.blind(canonical_identity(number))


def name_key(cipher: FieldCipher, name: str) -> str:
    """The blind index a name is searched by (surrounding blanks do not count)."""
    return cipher.blind(name.strip())


def keys_ddl(table: str, entry: str) -> tuple[str, str]:
    """The keys table of a read model whose entries are named by column `entry`, and its
    index on (identity_key, name_key): one entry may have several debtors."""
    return (f"CREATE TABLE IF NOT EXISTS {{{table}}} ({entry} TEXT NOT NULL, "
            "identity_key TEXT NOT NULL, name_key TEXT NOT NULL, "
            f"PRIMARY KEY ({entry}, identity_key))",
            f"CREATE INDEX IF NOT EXISTS {{{table}}}_identity "
            f"ON {{{table}}} (identity_key, name_key)")

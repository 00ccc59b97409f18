"""The public list of an earlier release — names in plaintext, no blind index — is sealed
on the first start of this one, and the search by name finds its entries (issue 12
item 10, R60; docs/keys.md "Upgrading")."""

from __future__ import annotations

from zhixing.eventstore.settings import Settings
from zhixing.publicity.application.queries import DishonestQueries
from zhixing.publicity.bootstrap import build

NAME, REPRESENTATIVE = "欧阳明远", "司马青衫"
EARLIER_LIST_DDL = """CREATE TABLE dishonest_list (
    listing_id TEXT PRIMARY KEY, court_code TEXT NOT NULL, case_id TEXT NOT NULL,
    case_number TEXT NOT NULL, debtor_kind TEXT NOT NULL, name TEXT NOT NULL,
    sex TEXT NOT NULL, age INTEGER, identity TEXT NOT NULL,
    legal_representative TEXT NOT NULL, conduct TEXT NOT NULL, decided_on TEXT NOT NULL,
    published_on TEXT NOT NULL)"""
"""dishonest_list as a release before versioned tables and sealing created it."""


def earlier_store(settings: Settings) -> None:
    store = settings.sql_store("publicity")
    store.migrate(EARLIER_LIST_DDL,
                  "CREATE INDEX dishonest_list_name ON dishonest_list (name)")
    with store.transaction() as cur:
        cur.execute("INSERT INTO dishonest_list VALUES ('L1', '川0104', 'c1', "
                    "'(2025)川0104执9号', 'organisation', %s, '', NULL, "
                    "'91510104MA6CQ1W2EW', %s, '[]', '2025-12-01', '2025-12-01')",
                    (NAME, REPRESENTATIVE))
    store.close()


class TestEarlierRelease:
    def test_sealed_and_found_by_name_when_an_earlier_list_starts(self, tmp_path):
        settings = Settings(var_dir=tmp_path / "var")
        earlier_store(settings)
        instance = build(settings)
        try:
            [entry], _ = DishonestQueries(instance.store, settings.field_cipher).list(
                name=NAME)
        finally:
            instance.close()
        assert (entry.name, entry.legal_representative) == (NAME, REPRESENTATIVE)
        assert entry.identity == "91510104MA6CQ1W2EW"
        stored = b"".join(p.read_bytes()
                          for p in (settings.var_dir / "publicity").glob("views.db*"))
        assert NAME.encode() not in stored and REPRESENTATIVE.encode() not in stored
        assert b"91510104MA6CQ1W2EW" not in stored

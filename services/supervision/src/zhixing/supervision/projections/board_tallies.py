"""Running tallies of the agencies' figures (R41), so a province's year is summed from a
few thousand rows instead of a million requests: per court × month sent × agency, the
requests and those reported overdue (`supervision_board_asked`, the assets part) and the
answers by answer time in tenths of a day (`supervision_board_timed`, the answers part).

A tally follows its row: each write reads the row's contribution before and after and
moves the difference (`move`), so a repeat adds nothing, a late fact moves a count from
one cell to another, and the order of arrival never matters. Every event of one request
comes on one partition (keyed by its inquiry or request), so no two writers race on a
row; the cells themselves are added to atomically.
"""

from __future__ import annotations

from zhixing.eventstore.sql import Cursor

SECONDS_PER_TENTH_DAY = 8640
"""Answer times are tallied in tenths of a day (2.4 hours), rounded up."""
ASKED_DDL = (
    """CREATE TABLE IF NOT EXISTS {supervision_board_asked} (court_code TEXT NOT NULL,
    month TEXT NOT NULL, agency_id TEXT NOT NULL, requests BIGINT NOT NULL,
    overdue BIGINT NOT NULL, PRIMARY KEY (court_code, month, agency_id))""",)
AGENCIES_DDL = (
    """CREATE TABLE IF NOT EXISTS {supervision_board_agencies} (agency_id TEXT PRIMARY KEY,
    agency_kind TEXT NOT NULL)""",)
TIMED_DDL = (
    """CREATE TABLE IF NOT EXISTS {supervision_board_timed} (court_code TEXT NOT NULL,
    month TEXT NOT NULL, agency_id TEXT NOT NULL, tenths BIGINT NOT NULL,
    answers BIGINT NOT NULL, seconds BIGINT NOT NULL,
    PRIMARY KEY (court_code, month, agency_id, tenths))""",)

Cell = tuple[tuple[str, ...], tuple[int, int]]
"""Where a row counts (the tally's key) and what it adds there."""


def asked_of(cur: Cursor, request_id: str) -> Cell | None:
    """Where a request counts: its court, month sent and agency — once its sending is
    known — adding one request, and one overdue when reported so."""
    cur.execute("SELECT court_code, sent_on, agency_id, overdue FROM "
                "{supervision_board_requests} WHERE request_id = %s AND sent_epoch > 0",
                (request_id,))
    row = cur.fetchone()
    if row is None:
        return None
    court_code, sent_on, agency_id, overdue = row
    return (str(court_code), str(sent_on)[:7], str(agency_id)), (1, int(overdue))


def timed_of(cur: Cursor, request_id: str) -> Cell | None:
    """Where an answer counts: once it found its request, its court, month sent, agency
    and answer time in tenths of a day, adding one answer and its seconds."""
    cur.execute("SELECT court_code, sent_on, agency_id, seconds FROM "
                "{supervision_board_answers} WHERE request_id = %s AND sent_epoch > 0",
                (request_id,))
    row = cur.fetchone()
    if row is None:
        return None
    court_code, sent_on, agency_id, seconds = row
    tenths = (int(seconds) + SECONDS_PER_TENTH_DAY - 1) // SECONDS_PER_TENTH_DAY
    return (str(court_code), str(sent_on)[:7], str(agency_id), str(tenths)), (1, int(seconds))


def move(cur: Cursor, table: str, before: Cell | None, after: Cell | None) -> None:
    """Take the row's old contribution out of its cell and put the new one in
    (`table` is "asked" or "timed": this module's)."""
    if before == after:
        return
    if before is not None:
        _add(cur, table, before[0], -before[1][0], -before[1][1])
        # An emptied cell goes: the tallies hold the same rows whatever the order was.
        where = ("court_code = %s AND month = %s AND agency_id = %s" if table == "asked"
                 else "court_code = %s AND month = %s AND agency_id = %s AND tenths = %s")
        count = "requests" if table == "asked" else "answers"
        cur.execute(f"DELETE FROM {{supervision_board_{table}}} WHERE {where} "
                    f"AND {count} = 0", (*before[0][:3], *(int(k) for k in before[0][3:])))
    if after is not None:
        _add(cur, table, after[0], after[1][0], after[1][1])


def _add(cur: Cursor, table: str, key: tuple[str, ...], first: int, second: int) -> None:
    if table == "asked":
        cur.execute(
            "INSERT INTO {supervision_board_asked} (court_code, month, agency_id, requests, "
            "overdue) VALUES (%s, %s, %s, %s, %s) ON CONFLICT (court_code, month, agency_id) "
            "DO UPDATE SET requests = {supervision_board_asked}.requests + excluded.requests, "
            "overdue = {supervision_board_asked}.overdue + excluded.overdue",
            (*key, first, second))
    else:
        court_code, month, agency_id, tenths = key
        cur.execute(
            "INSERT INTO {supervision_board_timed} (court_code, month, agency_id, tenths, "
            "answers, seconds) VALUES (%s, %s, %s, %s, %s, %s) "
            "ON CONFLICT (court_code, month, agency_id, tenths) DO UPDATE SET "
            "answers = {supervision_board_timed}.answers + excluded.answers, "
            "seconds = {supervision_board_timed}.seconds + excluded.seconds",
            (court_code, month, agency_id, int(tenths), first, second))

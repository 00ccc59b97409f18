"""Read models → PublicityService messages: one place, for every RPC group."""

from __future__ import annotations

from zhixing.contracts.pb.publicity.v1 import publicity_pb2 as pb
from zhixing.publicity.application.queries import (
    CaseProgress,
    CourtStatistics,
    DishonestEntry,
    ZhongbenEntry,
)
from zhixing.publicity.application.search import (
    DebtorStanding,
    PublicFigures,
    RestrictedEntry,
)


def progress_message(progress: CaseProgress) -> pb.CaseProgress:
    return pb.CaseProgress(
        case_number=progress.case_number, court_code=progress.court_code,
        court_name=progress.court_name, status=progress.status,
        status_label=progress.status_label, filed_on=progress.filed_on,
        parties=[pb.PublicParty(**party) for party in progress.parties],
        updated_at=progress.updated_at)


def dishonest_message(entry: DishonestEntry) -> pb.DishonestEntry:
    return pb.DishonestEntry(
        listing_id=entry.listing_id, debtor_kind=entry.debtor_kind, name=entry.name,
        sex=entry.sex, age=entry.age or 0, identity=entry.identity,
        legal_representative=entry.legal_representative, conduct=entry.conduct,
        case_number=entry.case_number, court_code=entry.court_code,
        court_name=entry.court_name, filed_on=entry.filed_on,
        case_status_label=entry.case_status_label,
        decided_on=entry.decided_on, published_on=entry.published_on,
        basis_document_number=entry.basis.document_number,
        basis_issuing_body=entry.basis.issuing_body, obligation=entry.basis.obligation,
        performance=entry.basis.performance)


def statistics_message(figures: CourtStatistics) -> pb.CourtStatistics:
    return pb.CourtStatistics(
        court_code=figures.court_code, court_name=figures.court_name,
        listed_now=figures.listed_now, published_total=figures.published_total,
        removed_by_reason=figures.removed_by_reason,
        restrictions_issued=figures.restrictions_issued,
        restrictions_lifted=figures.restrictions_lifted)


def restricted_message(entry: RestrictedEntry) -> pb.RestrictedEntry:
    return pb.RestrictedEntry(
        restriction_id=entry.restriction_id, debtor_kind=entry.debtor_kind, name=entry.name,
        identity=entry.identity,
        persons=[pb.RestrictedPerson(role=p.role, role_label=p.role_label, name=p.name,
                                     identity=p.identity) for p in entry.persons],
        conduct=entry.conduct, case_number=entry.case_number, court_code=entry.court_code,
        court_name=entry.court_name, decided_on=entry.decided_on,
        published_on=entry.published_on)


def zhongben_message(entry: ZhongbenEntry) -> pb.ZhongbenEntry:
    return pb.ZhongbenEntry(
        case_number=entry.case_number, court_code=entry.court_code,
        court_name=entry.court_name, concluded_on=entry.concluded_on,
        unpaid_fen=entry.unpaid_fen,
        debtors=[pb.PublicDebtor(name=d.get("name", ""), identity=d.get("identity", ""))
                 for d in entry.debtors])


def standing_message(standing: DebtorStanding) -> pb.SearchDebtorResponse:
    return pb.SearchDebtorResponse(
        identity=standing.identity,
        dishonest=[dishonest_message(e) for e in standing.dishonest],
        restricted=[restricted_message(e) for e in standing.restricted],
        zhongben=[zhongben_message(e) for e in standing.zhongben],
        in_progress=[progress_message(p) for p in standing.in_progress])


def figures_message(figures: PublicFigures) -> pb.PublicFigures:
    return pb.PublicFigures(
        scope=figures.scope, name=figures.name, listed_now=figures.listed_now,
        removed_total=figures.removed_total, restricted_now=figures.restricted_now,
        zhongben_now=figures.zhongben_now, closed_total=figures.closed_total,
        filed_total=figures.filed_total)

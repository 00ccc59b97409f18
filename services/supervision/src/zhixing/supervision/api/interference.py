"""The interference register over gRPC (R35): everyone records (every instance is
recorded); only the president and discipline (纪检监察) read it — with a purpose, every
read audited with who, why and when (R46) before it is answered — verify its chain and
get its quarterly summary. A record's answer repeats nothing of what was recorded."""

from __future__ import annotations

from typing import TypeAlias

import grpc

from zhixing.contracts.pb.supervision.v1 import supervision_pb2 as pb
from zhixing.kernel.errors import InvalidInput
from zhixing.kernel.masking import excerpt
from zhixing.runtime.errors import maps_errors
from zhixing.supervision.api.base import ServicerBase, by, off_loop
from zhixing.supervision.api.translate import (
    check_message,
    choice,
    entry_message,
    page_of,
    parse_year,
    plain,
    purpose_of,
    required,
    summary_message,
)
from zhixing.supervision.domain.interference import InterferenceRecord
from zhixing.supervision.domain.values import InterferenceMeans

Context: TypeAlias = grpc.aio.ServicerContext
PURPOSE_MOST = 500
"""The purpose's request bound (`contracts.bounds`, NOTE): kept whole in the audit log."""


class InterferenceRpcs(ServicerBase):
    @maps_errors
    async def RecordInterference(self, request: pb.RecordInterferenceRequest,
                                 context: Context) -> pb.RecordInterferenceResponse:
        (court,), caller = await self._scope(request.court_code,
                                                names_case=request.case_id or request.case_number)
        await self._case_of(court, request.case_id, request.case_number)
        record = InterferenceRecord(
            who_name=required(request.who_name, "who_name", "R35"),
            who_unit=required(request.who_unit, "who_unit", "R35"),
            who_post=required(request.who_post, "who_post", "R35"),
            means=choice(InterferenceMeans, request.means, "means", "R35"),
            occurred_on=self._day(request.occurred_on, "occurred_on"),
            case_id=plain(request.case_id, "case_id").strip(),
            case_number=plain(request.case_number, "case_number").strip(),
            asked=required(request.asked, "asked", "R35"),
            corrects=plain(request.corrects, "corrects").strip())
        today = self.clock.today()
        # The audit row names the court's register, never who or what (R35).
        key = plain(request.request_id, "request_id").strip() or None
        entry = await self._act(caller, court, "记录干预过问",
                                lambda: self.app.record_interference(
                                    court, record, by=by(caller), recorded_on=today,
                                    record_id=key))
        return pb.RecordInterferenceResponse(record_id=str(entry.record_id), court_code=court,
                                             seq=entry.seq, chain_hash=entry.hash)

    @maps_errors
    async def ReadInterference(self, request: pb.ReadInterferenceRequest,
                               context: Context) -> pb.ReadInterferenceResponse:
        # Who may read is checked first: another court's caller learns nothing, not even
        # that a purpose is missing.
        (court,), caller = await self._scope(request.court_code)
        purpose = purpose_of(request.purpose)
        entries = await off_loop(self.app.register_entries, court)
        page, token = page_of(list(entries), request.page_size, request.page_token)
        # R35/R46: who read the register, why and when — before it is answered. The
        # purpose is the caller's words: quoted masked (R60), as every quote of input is.
        await self._audit(caller, court, f"查阅干预过问记录：{excerpt(purpose, PURPOSE_MOST)}")
        return pb.ReadInterferenceResponse(entries=[entry_message(e) for e in page],
                                           next_page_token=token)

    @maps_errors
    async def VerifyRegister(self, request: pb.VerifyRegisterRequest,
                             context: Context) -> pb.VerifyRegisterResponse:
        (court,), caller = await self._scope(request.court_code)
        head = None
        if request.head_seq or request.head_hash:
            if request.head_seq <= 0:
                raise InvalidInput("a head names its seq (1, 2, …) with its hash", rule="R35",
                                   field="head_seq")
            head = (int(request.head_seq), required(request.head_hash, "head_hash", "R35"))
        check = await off_loop(self.app.verify_register, court, head=head)
        found = "完好" if check.ok else f"断于 seq {check.first_bad_seq}"
        await self._audit(caller, court, f"核验干预过问记录链：{found}")
        return check_message(check)

    @maps_errors
    async def GetQuarterSummary(self, request: pb.GetQuarterSummaryRequest,
                                context: Context) -> pb.GetQuarterSummaryResponse:
        (court,), caller = await self._scope(request.court_code)
        today = self.clock.today()
        year = parse_year(request.year, "year", today)
        if not 1 <= request.quarter <= 4:
            raise InvalidInput("the quarter is 1–4", rule="R35", field="quarter")
        if (year, request.quarter) > (today.year, (today.month - 1) // 3 + 1):
            # A nil report (零报告) says nothing happened: of a quarter to come, it is not so.
            raise InvalidInput("the quarter has not begun yet", rule="R35", field="quarter")
        summary = await off_loop(self.app.quarter_summary, court, year, request.quarter)
        await self._audit(caller, court, f"干预过问季度报告 {year}Q{request.quarter}")
        return summary_message(summary)

"""A small gRPC client for the cross-service tests and benchmarks: the CLI kit's `Connection` with the calls
they make most. A refusal raises grpc.RpcError (the commands turn it into one line)."""

from __future__ import annotations

from typing import Any

from zhixing.contracts.pb.cases.v1 import cases_pb2, cases_pb2_grpc
from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc
from zhixing.runtime.cli_kit import Connection


class ZhixingClient(Connection):
    """The cases and publicity services over one channel, with a bearer token."""

    def __init__(self, target: str | None = None, token: str = "") -> None:
        super().__init__(target, token)
        self.cases = self.stub(cases_pb2_grpc.CasesServiceStub)
        self.publicity = self.stub(publicity_pb2_grpc.PublicityServiceStub)

    def file_case(self, request: cases_pb2.FileCaseRequest,
                  timeout: float = 10) -> cases_pb2.FileCaseResponse:
        return self.cases.FileCase(request, metadata=self.metadata, timeout=timeout)

    def get_case(self, case_number: str, timeout: float = 10) -> cases_pb2.EnforcementCase:
        request = cases_pb2.GetCaseRequest(case_number=case_number)
        return self.cases.GetCase(request, metadata=self.metadata, timeout=timeout).case

    def case_progress(self, case_number: str, timeout: float = 10) -> publicity_pb2.CaseProgress:
        request = publicity_pb2.GetCaseProgressRequest(case_number=case_number)
        return self.publicity.GetCaseProgress(request, timeout=timeout).progress

    def list_progress(self, court_code: str = "", page_size: int = 50,
                      page_token: str = "", timeout: float = 10) -> Any:
        request = publicity_pb2.ListCaseProgressRequest(
            court_code=court_code, page_size=page_size, page_token=page_token)
        return self.publicity.ListCaseProgress(request, timeout=timeout)

"""A small gRPC client for the CLI and the tests: one channel, a bearer token."""

from __future__ import annotations

import os
from typing import Any

import grpc

from zhixing.contracts.pb.cases.v1 import cases_pb2, cases_pb2_grpc
from zhixing.contracts.pb.publicity.v1 import publicity_pb2, publicity_pb2_grpc
from zhixing.security.grpc_auth import bearer_metadata


def default_target() -> str:
    return os.environ.get("ZHIXING_GRPC_TARGET", "127.0.0.1:50051")


class ZhixingClient:
    def __init__(self, target: str | None = None, token: str = "") -> None:
        self.channel = grpc.insecure_channel(target or default_target())
        self.metadata = bearer_metadata(token) if token else ()
        self.cases = cases_pb2_grpc.CasesServiceStub(self.channel)
        self.publicity = publicity_pb2_grpc.PublicityServiceStub(self.channel)

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

    def close(self) -> None:
        self.channel.close()

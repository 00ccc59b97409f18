"""Typical cases (典型案例) over gRPC: the public's reads and the desk's steps (issue 17;
stub until its owner fills it)."""

from __future__ import annotations

from typing import Any

import grpc

from zhixing.publicity.application.portal import Portal
from zhixing.runtime.errors import maps_errors


class TypicalCaseRpcs:
    """ListTypicalCases, GetTypicalCase: published ones only."""

    portal: Portal

    @maps_errors
    async def ListTypicalCases(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ListTypicalCases")

    @maps_errors
    async def GetTypicalCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: GetTypicalCase")


class TypicalDeskRpcs:
    """The desk's steps of a typical case: draft, revise, submit, review, withdraw, list."""

    portal: Portal

    @maps_errors
    async def DraftTypicalCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: DraftTypicalCase")

    @maps_errors
    async def ReviseTypicalCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ReviseTypicalCase")

    @maps_errors
    async def SubmitTypicalCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: SubmitTypicalCase")

    @maps_errors
    async def ReviewTypicalCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ReviewTypicalCase")

    @maps_errors
    async def WithdrawTypicalCase(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: WithdrawTypicalCase")

    @maps_errors
    async def ListTypicalCaseDrafts(self, request: Any, context: grpc.aio.ServicerContext) -> Any:
        raise NotImplementedError("issue 17: ListTypicalCaseDrafts")

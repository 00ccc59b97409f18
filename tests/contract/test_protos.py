"""The gRPC contracts: buf lint/breaking pass, generated code is current and usable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.contract

ROOT = Path(__file__).resolve().parents[2]


def run(*command: str) -> subprocess.CompletedProcess[str]:
    """Run a repository script from the repository root, capturing its output."""
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=240, check=False
    )


def explain(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n{result.stdout}\n{result.stderr}"


class TestBuf:
    # buf.sh installs buf itself; an install failure is a failure here, never a skip.

    def test_lint_passes_when_run_on_the_proto_tree(self) -> None:
        result = run("scripts/buf.sh", "lint", "protos")
        assert result.returncode == 0, explain(result)

    def test_breaking_passes_or_skips_when_compared_with_main(self) -> None:
        result = run("scripts/buf.sh", "breaking")
        assert result.returncode == 0, explain(result)


class TestGeneratedCode:
    def test_check_passes_when_generated_code_matches_protos(self) -> None:
        result = run(sys.executable, "scripts/protos.py", "check")
        assert result.returncode == 0, explain(result)

    def test_file_case_request_round_trips_when_serialised(self) -> None:
        from zhixing.contracts.pb.cases.v1 import cases_pb2

        request = cases_pb2.FileCaseRequest(
            court_code="川0104",
            case_type="执",
            basis=cases_pb2.EnforcementBasis(
                kind="judgment",
                issuing_body="成都市武侯区人民法院",
                document_number="(2023)川0104民初1234号",
                effective_date="2023-11-02",
            ),
            applicants=[
                cases_pb2.Party(
                    name="张三",
                    identity_number="510104199001011234",
                    kind=cases_pb2.PARTY_KIND_NATURAL_PERSON,
                )
            ],
            respondents=[
                cases_pb2.Party(
                    name="成都某某贸易有限公司",
                    identity_number="91510104MA6C000000",
                    kind=cases_pb2.PARTY_KIND_ORGANISATION,
                )
            ],
            claim=cases_pb2.Claim(principal_fen=12_345_600, interest_fen=7_800, costs_fen=1_050),
            request_id="req-1",
        )

        restored = cases_pb2.FileCaseRequest.FromString(request.SerializeToString())

        assert restored == request
        assert restored.HasField("request_id")
        assert restored.respondents[0].kind == cases_pb2.PARTY_KIND_ORGANISATION

    def test_get_case_request_keeps_one_key_when_both_are_set(self) -> None:
        from zhixing.contracts.pb.cases.v1 import cases_pb2

        request = cases_pb2.GetCaseRequest(case_id="c-1")
        request.case_number = "(2024)川0104执123号"

        assert request.WhichOneof("key") == "case_number"
        assert request.case_id == ""

    @pytest.mark.parametrize(
        ("module", "service", "full_name"),
        [
            ("zhixing.contracts.pb.cases.v1.cases_pb2", "CasesService",
             "zhixing.cases.v1.CasesService"),
            ("zhixing.contracts.pb.publicity.v1.publicity_pb2", "PublicityService",
             "zhixing.publicity.v1.PublicityService"),
        ],
    )  # fmt: skip
    def test_service_has_versioned_full_name_when_imported(
        self, module: str, service: str, full_name: str
    ) -> None:
        import importlib

        pb2 = importlib.import_module(module)

        assert pb2.DESCRIPTOR.services_by_name[service].full_name == full_name

    def test_grpc_modules_expose_stub_and_servicer_when_imported(self) -> None:
        from zhixing.contracts.pb.cases.v1 import cases_pb2_grpc
        from zhixing.contracts.pb.publicity.v1 import publicity_pb2_grpc

        assert hasattr(cases_pb2_grpc, "CasesServiceStub")
        assert hasattr(cases_pb2_grpc, "add_CasesServiceServicer_to_server")
        assert hasattr(publicity_pb2_grpc, "PublicityServiceStub")
        assert hasattr(publicity_pb2_grpc, "add_PublicityServiceServicer_to_server")


def descriptor_set() -> list:
    """The committed descriptor set (scripts/protos.py writes it with source info)."""
    from google.protobuf import descriptor_pb2

    data = (ROOT / "libs/contracts/src/zhixing/contracts/pb/zhixing.binpb").read_bytes()
    return list(descriptor_pb2.FileDescriptorSet.FromString(data).file)


class TestCheckMode:
    def test_check_names_the_descriptor_set_when_it_is_stale(self, tmp_path) -> None:
        from scripts import protos

        fresh, stale = tmp_path / "fresh", tmp_path / "stale"
        protos.build(fresh)
        protos.build(stale)
        raw = (stale / protos.DESCRIPTOR_SET).read_bytes()
        (stale / protos.DESCRIPTOR_SET).write_bytes(raw.replace(b"FileCase files", b"FileCase opens"))

        assert protos.differences(fresh, stale) == [Path(protos.DESCRIPTOR_SET)]


class TestLanguageOptions:
    # Issue 18 item 1, spec D1: every language's generator gets its package from the file.

    def test_every_proto_names_its_packages_when_compiled(self) -> None:
        for file in descriptor_set():
            context = file.package.split(".")[1]
            stem = Path(file.name).stem
            assert (file.options.go_package, file.options.java_package,
                    file.options.java_multiple_files, file.options.java_outer_classname,
                    file.options.csharp_namespace) == (
                f"zhixing.cn/gen/go/zhixing/{context}/v1;{context}v1",
                f"cn.zhixing.{context}.v1", True, f"{stem.capitalize()}Proto",
                f"Zhixing.{context.capitalize()}.V1"), file.name

    def test_descriptor_set_holds_every_proto_with_its_comments_when_generated(self) -> None:
        files = {f.name: f for f in descriptor_set()}
        protos = sorted(str(p.relative_to(ROOT / "protos"))
                        for p in (ROOT / "protos").rglob("*.proto"))

        assert sorted(files) == protos
        for name in protos:
            comments = [loc.leading_comments for loc in files[name].source_code_info.location]
            assert any(c.strip() for c in comments), name

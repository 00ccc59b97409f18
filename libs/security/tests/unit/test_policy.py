import pytest

from zhixing.kernel.errors import InvalidInput, PermissionDenied
from zhixing.security import (
    Identity,
    Policy,
    PolicyBook,
    Role,
    authorize,
    bound_identity,
    require,
)

FILE_CASE = "/zhixing.cases.v1.CasesService/FileCase"
BOOK = PolicyBook.for_service(
    "zhixing.cases.v1.CasesService",
    {
        "FileCase": Policy.for_roles("officer", "judge"),
        "SearchRegion": Policy.for_roles("supervisor", court_scoped=False),
        "PublicList": Policy.anyone(),
    },
)
OFFICER = Identity("officer-7", Role.OFFICER, court="2400")


class TestDefaultDeny:
    def test_refused_when_method_has_no_policy(self) -> None:
        with pytest.raises(PermissionDenied, match="no policy declared") as refused:
            BOOK.require("/zhixing.cases.v1.CasesService/DeleteEverything")
        assert refused.value.rule == "R46"

    def test_book_lists_full_method_names(self) -> None:
        assert FILE_CASE in BOOK

    def test_invalid_input_when_method_name_is_not_full(self) -> None:
        with pytest.raises(InvalidInput, match="full gRPC method name"):
            PolicyBook({"FileCase": Policy.anyone()})

    def test_invalid_input_when_policy_allows_nobody(self) -> None:
        with pytest.raises(InvalidInput, match="at least one role"):
            Policy.for_roles()


class TestRole:
    def test_allowed_when_role_is_listed(self) -> None:
        authorize(OFFICER, BOOK[FILE_CASE], court="2400")

    def test_refused_naming_the_role_when_role_is_not_listed(self) -> None:
        finance = Identity("finance-1", Role.FINANCE, court="2400")
        with pytest.raises(PermissionDenied, match="role finance may not") as refused:
            authorize(finance, BOOK[FILE_CASE])
        assert refused.value.field == "role"

    def test_refused_when_caller_is_anonymous(self) -> None:
        with pytest.raises(PermissionDenied, match="anonymous"):
            authorize(None, BOOK[FILE_CASE])

    def test_anonymous_allowed_when_policy_is_public(self) -> None:
        authorize(None, Policy.anyone(), court="2400")


class TestCourtScope:
    def test_refused_naming_both_courts_when_target_is_another_court(self) -> None:
        with pytest.raises(PermissionDenied, match="2400 is not the target court 2401"):
            authorize(OFFICER, BOOK[FILE_CASE], court="2401")

    def test_allowed_when_policy_is_not_court_scoped(self) -> None:
        supervisor = Identity("cmd-centre", Role.SUPERVISOR, court="2400")
        authorize(supervisor, BOOK["/zhixing.cases.v1.CasesService/SearchRegion"], court="2401")

    def test_require_returns_caller_when_in_scope(self) -> None:
        with bound_identity(OFFICER):
            assert require(BOOK, FILE_CASE, court="2400") == OFFICER

    def test_require_refuses_when_out_of_scope(self) -> None:
        with bound_identity(OFFICER), pytest.raises(PermissionDenied, match="court"):
            require(BOOK, FILE_CASE, court="2401")

import pytest

from zhixing.kernel.errors import InvalidInput, PermissionDenied
from zhixing.security import (
    Identity,
    Policy,
    PolicyBook,
    Role,
    Scope,
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
    def test_refused_naming_only_the_callers_court_when_target_is_another_court(self) -> None:
        with pytest.raises(PermissionDenied, match=r"caller's court \(2400\)") as refused:
            authorize(OFFICER, BOOK[FILE_CASE], court="2401")
        assert "2401" not in str(refused.value)  # the owner is not told (issue 12, item 6)

    def test_refused_when_the_servicer_names_no_target_court(self) -> None:
        with pytest.raises(PermissionDenied, match="default deny"):
            authorize(OFFICER, BOOK[FILE_CASE])

    def test_allowed_when_policy_is_not_court_scoped(self) -> None:
        supervisor = Identity("cmd-centre", Role.SUPERVISOR, court="2400")
        authorize(supervisor, BOOK["/zhixing.cases.v1.CasesService/SearchRegion"], court="2401")

    def test_require_returns_caller_when_in_scope(self) -> None:
        with bound_identity(OFFICER):
            assert require(BOOK, FILE_CASE, court="2400") == OFFICER

    def test_require_refuses_when_out_of_scope(self) -> None:
        with bound_identity(OFFICER), pytest.raises(PermissionDenied, match="court"):
            require(BOOK, FILE_CASE, court="2401")


TEAM = Policy.for_team("officer", "judge", "finance", also=frozenset({"judge"}))
TEAM_1 = Identity("officer-1", Role.OFFICER, court="2400", team="执行1组")


class TestTeamScope:
    def test_allowed_when_the_caller_is_of_the_cases_team(self) -> None:
        authorize(TEAM_1, TEAM, court="2400", team="执行1组")

    def test_refused_when_the_caller_is_of_another_team(self) -> None:
        with pytest.raises(PermissionDenied, match="assigned team") as refused:
            authorize(TEAM_1, TEAM, court="2400", team="执行2组")
        assert refused.value.field == "team"

    def test_allowed_when_the_role_acts_for_any_team(self) -> None:
        judge = Identity("judge-1", Role.JUDGE, court="2400", team="")
        authorize(judge, TEAM, court="2400", team="执行2组")

    def test_refused_when_the_case_has_no_team_yet(self) -> None:
        with pytest.raises(PermissionDenied, match="no team yet"):
            authorize(TEAM_1, TEAM, court="2400", team="")

    def test_allowed_before_assignment_when_the_policy_says_so(self) -> None:
        first = Policy.for_team("officer", while_unassigned=True)
        authorize(TEAM_1, first, court="2400", team="")

    def test_refused_when_the_servicer_names_no_team(self) -> None:
        with pytest.raises(PermissionDenied, match="no case team to check"):
            authorize(TEAM_1, TEAM, court="2400")

    def test_court_is_checked_before_team(self) -> None:
        with pytest.raises(PermissionDenied) as refused:
            authorize(TEAM_1, TEAM, court="2401", team="执行1组")
        assert refused.value.field == "court"

    def test_invalid_input_when_a_court_policy_names_team_roles(self) -> None:
        with pytest.raises(InvalidInput, match="team-scoped"):
            Policy(roles=frozenset({"officer"}), also=frozenset({"judge"}))


class TestOwnCourt:
    def test_allowed_whatever_the_target_when_the_caller_has_a_court(self) -> None:
        authorize(OFFICER, Policy.own_court("officer"))

    def test_refused_when_the_token_names_no_court(self) -> None:
        courtless = Identity("officer-0", Role.OFFICER)
        with pytest.raises(PermissionDenied, match="names no court"):
            authorize(courtless, Policy.own_court("officer"))


class TestMembers:
    AIRLINE = Identity("airline", Role.PARTNER, agency="airline.ca")

    def test_allowed_when_the_partner_is_registered(self) -> None:
        authorize(self.AIRLINE, Policy.partner(), registered={"airline.ca"}.__contains__)

    def test_refused_when_the_partner_is_not_registered(self) -> None:
        with pytest.raises(PermissionDenied, match="not registered") as refused:
            authorize(self.AIRLINE, Policy.partner(), registered={"rail.12306"}.__contains__)
        assert refused.value.rule == "R42"

    def test_refused_when_no_registry_is_given(self) -> None:
        with pytest.raises(PermissionDenied, match="not registered"):
            authorize(self.AIRLINE, Policy.partner())

    def test_refused_when_the_token_names_no_agency(self) -> None:
        bank = Identity("bank", Role.AGENCY)
        with pytest.raises(PermissionDenied, match="agency claim") as refused:
            authorize(bank, Policy.agency(), registered=lambda _: True)
        assert refused.value.rule == "R41"

    def test_invalid_input_when_a_partner_policy_admits_another_role(self) -> None:
        with pytest.raises(InvalidInput, match="partner only"):
            Policy(roles=frozenset({"partner", "officer"}), scope=Scope.PARTNER)


class TestOnePolicyPerRpc:
    def test_invalid_input_when_two_books_declare_the_same_rpc(self) -> None:
        with pytest.raises(InvalidInput, match="declared twice"):
            BOOK | PolicyBook({FILE_CASE: Policy.anyone()})

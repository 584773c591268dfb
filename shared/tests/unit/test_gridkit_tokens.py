"""Bearer tokens become callers; anything doubtful is refused with UNAUTHENTICATED."""

from __future__ import annotations

import time

import jwt
import pytest

from gridkit.auth import Caller, Role, TokenVerifier, issue_dev_token
from gridkit.errors import Forbidden, Unauthenticated
from gridkit.settings import ServiceSettings

SETTINGS = ServiceSettings()


def test_a_dev_token_names_the_caller_its_roles_and_scope() -> None:
    token = issue_dev_token(
        SETTINGS,
        subject="u1",
        name="王网格员",
        roles=["GRID_WORKER"],
        division="370112001",
        pii=True,
    )
    caller = TokenVerifier(SETTINGS).caller_from_header(f"Bearer {token}")
    assert caller == Caller(
        subject="u1",
        name="王网格员",
        roles=frozenset({"GRID_WORKER"}),
        scope="370112001",
        pii=True,
    )


def test_a_case_handlers_token_names_their_department_and_personnel_record() -> None:
    token = issue_dev_token(
        SETTINGS,
        subject="u2",
        roles=["CASE_HANDLER"],
        department="6f1c0e9a-0000-4000-8000-000000000001",
        person="6f1c0e9a-0000-4000-8000-000000000002",
    )
    caller = TokenVerifier(SETTINGS).caller_from_header(f"Bearer {token}")
    assert (caller.department, caller.person) == (
        "6f1c0e9a-0000-4000-8000-000000000001",
        "6f1c0e9a-0000-4000-8000-000000000002",
    )
    assert caller.has_role(Role.CASE_HANDLER)


def test_a_department_claim_that_is_not_a_string_is_refused() -> None:
    payload = {
        "sub": "u1",
        "roles": ["CASE_HANDLER"],
        "department": 7,
        "iss": SETTINGS.jwt_issuer,
        "aud": SETTINGS.jwt_audience,
        "exp": int(time.time()) + 60,
    }
    token = jwt.encode(payload, SETTINGS.jwt_secret.get_secret_value(), algorithm="HS256")
    with pytest.raises(Unauthenticated, match="'department' claim"):
        TokenVerifier(SETTINGS).caller_from_header(f"Bearer {token}")


def test_no_header_is_the_anonymous_caller() -> None:
    caller = TokenVerifier(SETTINGS).caller_from_header(None)
    assert caller.is_authenticated is False


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"exp": int(time.time()) - 10}, "expired"),
        ({"aud": "someone-else"}, "not valid"),
        ({"iss": "someone-else"}, "not valid"),
    ],
)
def test_expired_or_foreign_tokens_are_refused(claims: dict[str, object], reason: str) -> None:
    payload: dict[str, object] = {
        "sub": "u1",
        "roles": ["ADMIN"],
        "iss": SETTINGS.jwt_issuer,
        "aud": SETTINGS.jwt_audience,
        "exp": int(time.time()) + 60,
        **claims,
    }
    token = jwt.encode(payload, SETTINGS.jwt_secret.get_secret_value(), algorithm="HS256")
    with pytest.raises(Unauthenticated, match=reason):
        TokenVerifier(SETTINGS).caller_from_header(f"Bearer {token}")


def test_a_token_signed_with_another_key_is_refused() -> None:
    token = jwt.encode(
        {"sub": "u1", "iss": "pioneer-grid", "aud": "pioneer-grid", "exp": time.time() + 60},
        "another-secret-that-is-long-enough-for-hs256",
        algorithm="HS256",
    )
    with pytest.raises(Unauthenticated):
        TokenVerifier(SETTINGS).caller_from_header(f"Bearer {token}")


def test_a_header_that_is_not_bearer_is_refused() -> None:
    with pytest.raises(Unauthenticated, match="Bearer"):
        TokenVerifier(SETTINGS).caller_from_header("Basic dXNlcjpwYXNz")


def test_scope_limits_an_officer_to_their_subtree() -> None:
    officer = Caller(subject="u2", roles=frozenset({"ORG_ADMIN"}), scope="370112001")
    officer.require(Role.ORG_ADMIN, division_code="370112001003")
    with pytest.raises(Forbidden, match="outside your scope"):
        officer.require(Role.ORG_ADMIN, division_code="370112002")
    with pytest.raises(Forbidden, match="role"):
        officer.require(Role.OFFICER)


def test_admin_holds_every_role() -> None:
    admin = Caller(subject="root", roles=frozenset({"ADMIN"}))
    assert admin.has_role(Role.ORG_ADMIN, Role.GRID_WORKER)


def test_a_read_narrows_to_the_callers_scope() -> None:
    officer = Caller(subject="u2", roles=frozenset({"OFFICER"}), scope="370112001")
    assert officer.narrow(None) == "370112001"
    assert officer.narrow("370112001002") == "370112001002"
    with pytest.raises(Forbidden, match="outside your scope"):
        officer.narrow("370112002")
    assert Caller(subject="root", roles=frozenset({"ADMIN"})).narrow(None) is None

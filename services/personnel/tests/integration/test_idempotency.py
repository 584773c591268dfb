"""A client that retries a creating mutation with the same key creates nothing twice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from nats.js import JetStreamContext
from personnel_testing import (
    REGISTER,
    known_grid,
    known_party_organization,
    national_id,
    person_input,
    register_person,
    row_counts,
)
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.auth import issue_dev_token
from gridkit.clock import local_today
from gridkit.idempotency import fingerprint
from gridkit.testing.graphql import GraphQLClient
from personnel.commands.people import RegisterPerson
from personnel.config import PersonnelSettings

TABLES = (
    "persons",
    "memberships",
    "membership_steps",
    "assignments",
    "transfers",
    "cadre_records",
    "assessments",
    "assault_teams",
    "assault_team_members",
    "outbox",
    "idempotency_keys",
)
ASSIGN = """mutation($p: ID!, $g: ID!, $key: String) {
  assignToGrid(personId: $p, gridId: $g, role: GRID_WORKER, startsOn: "2026-01-01",
               clientMutationId: $key) { id role person { name } }
}"""

GRID_CODE = "370112001001051"


async def test_a_retried_registration_creates_one_person_and_answers_the_same_id(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    variables = person_input(clientMutationId="register-zhang-1")
    first = await admin.data(REGISTER, variables)
    again = await admin.data(REGISTER, variables)

    assert again == first
    counts = await row_counts(personnel_db, "persons", "outbox", "idempotency_keys")
    assert counts == {"persons": 1, "outbox": 1, "idempotency_keys": 1}


async def test_a_retried_assignment_creates_one_assignment_and_answers_the_same_id(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
) -> None:
    grid = str(
        await known_grid(personnel_db, jetstream, personnel_settings, code="370112001001051")
    )
    person = await register_person(admin, "王网格员")
    variables = {"p": person, "g": grid, "key": "assign-wang-1"}

    first = await admin.data(ASSIGN, variables)
    again = await admin.data(ASSIGN, variables)

    assert again == first
    assert first["assignToGrid"]["person"] == {"name": "王网格员"}
    assert (await row_counts(personnel_db, "assignments"))["assignments"] == 1
    # Without the key, the same request is a second assignment, which the team rules refuse.
    error = await admin.error(ASSIGN, {"p": person, "g": grid})
    assert error["extensions"]["code"] == "ASSIGNMENT_DUPLICATE"


async def test_a_key_reused_for_other_input_is_refused_and_writes_nothing(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    await admin.data(REGISTER, person_input(clientMutationId="register-1"))
    before = await row_counts(personnel_db, *TABLES)

    error = await admin.error(
        REGISTER,
        person_input(
            name="李四",
            nationalId=national_id(date(1990, 2, 2), sequence=50),
            clientMutationId="register-1",
        ),
    )

    assert error["extensions"]["code"] == "IDEMPOTENCY_KEY_REUSED"
    assert await row_counts(personnel_db, *TABLES) == before


async def test_the_idempotency_key_header_guards_a_request_like_the_client_mutation_id(
    admin: GraphQLClient, personnel_settings: PersonnelSettings, personnel_db: AsyncEngine
) -> None:
    token = issue_dev_token(
        personnel_settings, subject="clerk-3", name="社区 王干事", roles=["ORG_ADMIN"]
    )
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "header-key-1"}
    body = {"query": REGISTER, "variables": person_input()}

    answers = [
        (await admin.http.post("/graphql", json=body, headers=headers)).json() for _ in range(2)
    ]

    assert "errors" not in answers[0], answers[0]
    assert answers[1] == answers[0]
    assert (await row_counts(personnel_db, "persons"))["persons"] == 1


async def test_one_callers_key_never_answers_another_callers_request(
    personnel: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    east = personnel.as_caller("ORG_ADMIN", division="370112", subject="east-clerk")
    west = personnel.as_caller("ORG_ADMIN", division="370112", subject="west-clerk")
    await east.data(REGISTER, person_input(clientMutationId="shared-key"))

    error = await west.error(REGISTER, person_input(clientMutationId="shared-key"))

    # West's request ran for itself: the same ID number is taken, not east's answer replayed.
    assert error["extensions"]["code"] == "PERSON_NATIONAL_ID_TAKEN"


async def test_a_registration_key_keeps_no_fingerprint_of_the_plain_numbers(
    admin: GraphQLClient, personnel_db: AsyncEngine
) -> None:
    number = national_id(date(1979, 9, 9), sequence=60)
    await admin.data(
        REGISTER,
        person_input(nationalId=number, phone="13712345678", clientMutationId="register-60"),
    )
    plain = RegisterPerson(
        name="张三", national_id=number, phone="13712345678", division_code="370112001001"
    )
    async with personnel_db.connect() as connection:
        stored = await connection.scalar(text("SELECT fingerprint FROM idempotency_keys"))
    # Whoever reads the key table cannot confirm a guessed number by hashing the request.
    assert stored is not None
    assert stored != fingerprint(plain)


async def test_every_creating_mutation_answers_a_retry_with_its_first_result(
    admin: GraphQLClient,
    personnel_db: AsyncEngine,
    jetstream: JetStreamContext,
    personnel_settings: PersonnelSettings,
) -> None:
    sender = await known_party_organization(personnel_db, jetstream, personnel_settings)
    receiver = await known_party_organization(
        personnel_db, jetstream, personnel_settings, name="第二网格党支部"
    )
    grid = str(
        await known_grid(personnel_db, jetstream, personnel_settings, code="370112001001051")
    )
    member = await register_person(admin, "王党员", sequence=21)
    colleague = await register_person(admin, "李同事", sequence=22)
    newcomer = await register_person(admin, "赵新人", sequence=23)
    issued_on = local_today() - timedelta(days=10)

    async def retried(field: str, operation: str, variables: dict[str, Any]) -> dict[str, Any]:
        """Send the request twice: the retry must answer the same and write nothing."""
        first = await admin.data(operation, variables)
        before = await row_counts(personnel_db, *TABLES)
        assert await admin.data(operation, variables) == first, field
        assert await row_counts(personnel_db, *TABLES) == before, field
        answer: dict[str, Any] = first[field]
        return answer

    await retried(
        "openMembership",
        """mutation($p: ID!, $o: ID!) { openMembership(personId: $p, partyOrganizationId: $o,
             status: FULL, since: "2015-07-01", clientMutationId: "open-1") {
             id status steps { status on } } }""",
        {"p": member, "o": str(sender)},
    )
    await retried("assignToGrid", ASSIGN, {"p": member, "g": grid, "key": "assign-1"})
    await retried(
        "issueTransfer",
        """mutation($p: ID!, $to: ID!, $on: Date!, $dues: String!) {
             issueTransfer(personId: $p, toOrganizationId: $to, issuedOn: $on,
               duesPaidUntil: $dues, clientMutationId: "issue-1") { id status expiresOn } }""",
        {
            "p": member,
            "to": str(receiver),
            "on": issued_on.isoformat(),
            "dues": f"{issued_on:%Y-%m}",
        },
    )
    await retried(
        "addCadreRecord",
        """mutation($p: ID!, $on: Date!) { addCadreRecord(input: {personId: $p, on: $on,
             category: VISIT, content: "走访独居老人", clientMutationId: "record-1"}) {
             id on recordedBy } }""",
        {"p": member, "on": issued_on.isoformat()},
    )
    await retried(
        "assessCadre",
        """mutation($p: ID!) { assessCadre(input: {personId: $p, period: "2025", score: 91,
             clientMutationId: "assess-1"}) { id grade } }""",
        {"p": member},
    )
    team = await retried(
        "formAssaultTeam",
        """mutation($leader: ID!, $members: [ID!]!) { formAssaultTeam(input: {
             name: "防汛突击队", mission: "汛期巡查", keyTask: "河道巡查", startsOn: "2026-06-01",
             leaderId: $leader, memberIds: $members, divisionCode: "370112001",
             clientMutationId: "form-1"}) { id memberCount } }""",
        {"leader": member, "members": [colleague]},
    )
    joined = await retried(
        "addAssaultTeamMember",
        """mutation($id: ID!, $p: ID!) { addAssaultTeamMember(id: $id, personId: $p,
             clientMutationId: "join-1") { members { name } } }""",
        {"id": team["id"], "p": newcomer},
    )
    assert joined["members"] == [{"name": "王党员"}, {"name": "李同事"}, {"name": "赵新人"}]

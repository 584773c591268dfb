"""Service records corrected with the original kept, and certificates that anyone can verify
by number and whose PDF shows the volunteer and the right total."""

from __future__ import annotations

import io
from datetime import date
from uuid import UUID

from nats.js import JetStreamContext
from pdfminer.high_level import extract_text
from sqlalchemy.ext.asyncio import AsyncEngine
from volunteers_announcements import count, known_grid, known_person, officer, resident, served

from gridkit.auth.tokens import issue_dev_token
from gridkit.testing.graphql import GraphQLClient
from volunteers.config import VolunteersSettings

REGISTER = "mutation { registerVolunteer { id number } }"
TEAM_OF_GRID = """query($id: ID!) { _entities(representations: [{__typename: "Grid", id: $id}]) {
  ... on Grid { volunteerTeam { id } } } }"""
REQUEST = """mutation($r: ID!) { requestRecordCorrection(recordId: $r,
  reason: "签退时忘记扫码，实际服务至12:00", hours: "4.0") {
  hours corrections { status hours } } }"""
APPLY = """mutation($r: ID!) { decideRecordCorrection(recordId: $r, apply: true, note: "核对签到表")
  { hours content versions { number hours reason } corrections { status } } }"""
ISSUE = """mutation($v: ID!, $t: ID!) { issueServiceCertificate(volunteerId: $v, teamId: $t,
  start: "2026-06-01", end: "2026-06-30") { number totalHours volunteerName maskedIdNumber
  issuingTeam personInCharge pdfPath verificationUrl lines { date content hours } } }"""
ISSUE_ONCE = ISSUE.replace('end: "2026-06-30")', 'end: "2026-06-30", clientMutationId: "cert-1")')
"""The same request under an idempotency key, as a client retrying it sends it."""
HOURS = """query($id: ID!) { _entities(representations: [{__typename: "Person", id: $id}]) {
  ... on Person { serviceHours(from: "2026-06-01", to: "2026-06-30")
  volunteerProfile { number serviceRecords { hours } } } } }"""


async def test_a_correction_asked_by_the_volunteer_and_applied_by_the_organiser_keeps_the_original(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings)
    organiser = await known_person(volunteers_db, jetstream, volunteers_settings, name="李组织")
    person = await known_person(volunteers_db, jetstream, volunteers_settings, name="王小芳")
    await resident(volunteers, person).data(REGISTER)
    record = await served(volunteers_db, organiser, person, grid, day=date(2026, 6, 18), hours=3)
    stranger = await known_person(volunteers_db, jetstream, volunteers_settings, name="路人")

    asked = await resident(volunteers, person).data(REQUEST, {"r": str(record)})
    by_stranger = await resident(volunteers, stranger).error(APPLY, {"r": str(record)})
    applied = await officer(volunteers, organiser).data(APPLY, {"r": str(record)})

    assert asked["requestRecordCorrection"] == {
        "hours": "3.0",
        "corrections": [{"status": "PENDING", "hours": "4.0"}],
    }
    assert by_stranger["extensions"]["code"] == "RECORD_NOT_ORGANISER"
    corrected = applied["decideRecordCorrection"]
    assert corrected["hours"] == "4.0"
    assert corrected["versions"] == [
        {"number": 1, "hours": "3.0", "reason": None},
        {"number": 2, "hours": "4.0", "reason": "签退时忘记扫码，实际服务至12:00"},
    ]
    assert corrected["corrections"] == [{"status": "APPLIED"}]


async def test_a_certificate_totals_the_period_prints_as_a_pdf_and_verifies_masked(
    volunteers: GraphQLClient,
    volunteers_db: AsyncEngine,
    jetstream: JetStreamContext,
    volunteers_settings: VolunteersSettings,
) -> None:
    grid = await known_grid(volunteers_db, jetstream, volunteers_settings, name="香溢紫郡第一网格")
    leader = await known_person(volunteers_db, jetstream, volunteers_settings, name="张队长")
    person = await known_person(
        volunteers_db,
        jetstream,
        volunteers_settings,
        name="王小芳",
        national_id_masked="3701**********1234",
    )
    volunteer = (await resident(volunteers, person).data(REGISTER))["registerVolunteer"]
    await served(volunteers_db, leader, person, grid, day=date(2026, 6, 3), hours=2.5)
    await served(volunteers_db, leader, person, grid, day=date(2026, 6, 18), hours=3)
    await served(volunteers_db, leader, person, grid, day=date(2026, 7, 2), hours=5)  # not June
    staff = officer(volunteers, leader)
    team = (await staff.data(TEAM_OF_GRID, {"id": str(grid)}))["_entities"][0]["volunteerTeam"]
    await staff.data(
        """mutation($t: ID!, $p: ID!) { appointTeamLeader(teamId: $t, personId: $p) { id } }""",
        {"t": team["id"], "p": str(leader)},
    )

    issued = (await staff.data(ISSUE, {"v": volunteer["id"], "t": team["id"]}))[
        "issueServiceCertificate"
    ]

    assert issued["totalHours"] == "5.5"
    assert issued["volunteerName"] == "王小芳"
    assert issued["maskedIdNumber"] == "3701**********1234"
    assert issued["issuingTeam"] == "香溢紫郡第一网格志愿服务队"
    assert issued["personInCharge"] == "张队长"
    assert [line["date"] for line in issued["lines"]] == ["2026-06-03", "2026-06-18"]
    assert issued["verificationUrl"].endswith(issued["number"])
    holder = {"Authorization": f"Bearer {_token(volunteers_settings, person)}"}
    pdf = await volunteers.http.get(issued["pdfPath"], headers=holder)
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    text = extract_text(io.BytesIO(pdf.content))
    assert "王小芳" in text
    assert "5.5" in text
    assert issued["number"] in text

    verified = await volunteers.http.get(f"/certificates/{issued['number']}")
    assert verified.status_code == 200
    assert verified.json() == {
        "number": issued["number"],
        "issuedOn": verified.json()["issuedOn"],
        "volunteerName": "王*芳",
        "idNumber": "3701**********1234",
        "volunteerNumber": volunteer["number"],
        "periodStart": "2026-06-01",
        "periodEnd": "2026-06-30",
        "totalHours": "5.5",
        "issuingTeam": "香溢紫郡第一网格志愿服务队",
    }
    stranger = await known_person(volunteers_db, jetstream, volunteers_settings, name="路人")
    refused = await volunteers.http.get(
        issued["pdfPath"],
        headers={"Authorization": f"Bearer {_token(volunteers_settings, stranger)}"},
    )
    assert refused.status_code == 403
    unknown = await volunteers.http.get("/certificates/ZYFW-2026-999999")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "CERTIFICATE_NOT_FOUND"
    malformed = await volunteers.http.get("/certificates/not-a-number")
    assert malformed.status_code == 400
    assert malformed.json()["error"]["code"] == "CERTIFICATE_NUMBER_INVALID"

    hours = await resident(volunteers, person).data(HOURS, {"id": str(person)})
    assert hours["_entities"][0]["serviceHours"] == "5.5"
    assert len(hours["_entities"][0]["volunteerProfile"]["serviceRecords"]) == 3
    assert await count(volunteers_db, "SELECT count(*) FROM certificates") == 1

    keyed = ISSUE.replace('end: "2026-06-30")', 'end: "2026-06-30", clientMutationId: "cert-1")')
    first = await staff.data(keyed, {"v": volunteer["id"], "t": team["id"]})
    retried = await staff.data(keyed, {"v": volunteer["id"], "t": team["id"]})
    assert retried == first  # a retry answers the certificate the first request issued
    assert first["issueServiceCertificate"]["number"] != issued["number"]
    assert await count(volunteers_db, "SELECT count(*) FROM certificates") == 2


def _token(settings: VolunteersSettings, person: UUID) -> str:
    return issue_dev_token(
        settings, subject=f"person-{person}", name="x", roles=["RESIDENT"], person=str(person)
    )

"""No full ID or mobile number in any service's tables, any stream's events, or any process's log.

The numbers go in through the gateway, are read back in full by a caller with
the PII scope, and flow between the services as events; afterwards every table
of every service database, every message of every stream and every line the
processes wrote is scanned.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
from e2e_gateway import national_id
from nats.js import JetStreamContext
from sqlalchemy.ext.asyncio import create_async_engine

from gridkit.auth import issue_dev_token
from gridkit.settings import ServiceSettings
from gridkit.testing.events import stream_messages
from gridkit.testing.plaintext import plain_numbers_in, plain_numbers_in_database
from gridkit.testing.processes import ServiceProcess
from gridkit.testing.waiting import eventually

PHONE = "13587654321"


async def ask(
    gateway: httpx.AsyncClient, query: str, variables: dict[str, Any], headers: dict[str, str]
) -> Any:
    response = await gateway.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


async def test_personal_numbers_stay_encrypted_masked_and_out_of_events_and_logs(
    gateway: httpx.AsyncClient,
    admin_headers: dict[str, str],
    gateway_settings: ServiceSettings,
    org_settings: ServiceSettings,
    personnel_settings: ServiceSettings,
    org_service: ServiceProcess,
    personnel_service: ServiceProcess,
    gateway_service: ServiceProcess,
    jetstream: JetStreamContext,
) -> None:
    number = national_id(date(1969, 10, 1), 21)
    district = await ask(
        gateway,
        "mutation($i: CreateDivisionInput!) { createDivision(input: $i) { id } }",
        {"i": {"name": "测试区", "level": "DISTRICT", "code": "370196"}},
        admin_headers,
    )
    branch = await ask(
        gateway,
        "mutation($i: CreatePartyOrganizationInput!) { createPartyOrganization(input: $i) { id } }",
        {
            "i": {
                "name": "机关党委",
                "kind": "COMMITTEE",
                "divisionId": district["createDivision"]["id"],
            }
        },
        admin_headers,
    )
    person = await ask(
        gateway,
        "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id phone } }",
        {"i": {"name": "陈党员", "nationalId": number, "phone": PHONE}},
        admin_headers,
    )
    person_id = person["registerPerson"]["id"]
    assert person["registerPerson"]["phone"] == "135****4321"

    async def member() -> bool:
        # personnel learns of the branch from org's event; until then it refuses the membership.
        response = await gateway.post(
            "/graphql",
            json={
                "query": """mutation($p: ID!, $o: ID!) { openMembership(personId: $p,
                    partyOrganizationId: $o, status: FULL, since: "2000-07-01") { status } }""",
                "variables": {"p": person_id, "o": branch["createPartyOrganization"]["id"]},
            },
            headers=admin_headers,
        )
        return "errors" not in response.json()

    await eventually(member, within=20, what="personnel to hear of the branch")
    token = issue_dev_token(
        gateway_settings, subject="auditor", name="审计", roles=["ADMIN"], pii=True
    )
    revealed = await ask(
        gateway,
        "query($id: ID!) { person(id: $id) { nationalId phone } }",
        {"id": person_id},
        {"authorization": f"Bearer {token}"},
    )
    assert revealed == {"person": {"nationalId": number, "phone": PHONE}}

    for settings in (org_settings, personnel_settings):
        engine = create_async_engine(settings.database_url)
        try:
            assert await plain_numbers_in_database(engine) == {}, settings.service_name
        finally:
            await engine.dispose()
    for settings in (org_settings, personnel_settings):

        async def published(stream: str = settings.stream_name) -> bool:
            return bool(await stream_messages(jetstream, stream))

        await eventually(published, within=20, what=f"events on {settings.stream_name}")
        messages = await stream_messages(jetstream, settings.stream_name)
        assert plain_numbers_in(message.data.decode() for message in messages) == []
    for process in (org_service, personnel_service, gateway_service):
        output = process.output()
        assert output, process.name
        assert plain_numbers_in([output]) == [], process.name

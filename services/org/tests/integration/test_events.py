"""Every change reaches the ORG stream once, through the outbox and the relay."""

from __future__ import annotations

from typing import Any

from nats.js import JetStreamContext
from org_testing import GridMaker
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.events import CloudEvent
from gridkit.messaging.tables import outbox
from gridkit.testing.events import stream_messages, wait_for_event
from gridkit.testing.graphql import GraphQLClient
from gridkit.testing.waiting import eventually
from org.config import OrgSettings

Tree = dict[str, dict[str, Any]]


async def events_of(
    js: JetStreamContext, settings: OrgSettings, aggregate_id: str
) -> list[tuple[str, CloudEvent]]:
    """(Nats-Msg-Id, event) of every message about one aggregate, in stream order."""
    messages = await stream_messages(js, settings.stream_name, settings.subject_for("org.>"))
    found = []
    for message in messages:
        event = CloudEvent.from_json(message.data)
        if event.subject == aggregate_id:
            found.append(((message.headers or {}).get("Nats-Msg-Id", ""), event))
    return found


async def all_published(engine: AsyncEngine) -> bool:
    async with engine.connect() as connection:
        pending = await connection.scalar(
            select(outbox.c.position).where(outbox.c.published_at.is_(None)).limit(1)
        )
    return pending is None


async def test_create_grid_puts_exactly_one_grid_created_event_on_the_stream(
    make_grid: GridMaker,
    jetstream: JetStreamContext,
    org_settings: OrgSettings,
    org_db: AsyncEngine,
) -> None:
    grid = await make_grid(name="第一网格", households=12, residents=30)
    created = await wait_for_event(
        jetstream,
        org_settings.subject_for("org.grid.created"),
        where=lambda e: e.subject == grid["id"],
    )
    await eventually(lambda: all_published(org_db), what="outbox drained")
    published = await events_of(jetstream, org_settings, grid["id"])
    assert [(msg_id, event.type) for msg_id, event in published] == [
        (created.id, "org.grid.created")
    ]
    assert created.source == "/pioneer-grid/org"
    assert created.sequence == "1"
    assert created.data == {
        "grid_id": grid["id"],
        "code": "370112001001001",
        "name": "第一网格",
        "kind": "RESIDENTIAL",
        "dedicated_to": None,
        "division_id": grid["division"]["id"],
        "households": 12,
        "residents": 30,
        "status": "ACTIVE",
        "boundary": None,
    }


async def test_each_change_to_a_grid_publishes_its_event_in_order(
    admin: GraphQLClient,
    make_grid: GridMaker,
    jetstream: JetStreamContext,
    org_settings: OrgSettings,
    org_db: AsyncEngine,
) -> None:
    grid = await make_grid()
    update = "mutation($input: UpdateGridInput!) { updateGrid(input: $input) { id } }"
    await admin.data(update, {"input": {"gridId": grid["id"], "households": 50}})
    await admin.data(update, {"input": {"gridId": grid["id"], "households": 50}})  # no change
    await admin.data(
        """mutation($input: ConfirmStandardInput!) { confirmStandard(input: $input) { item } }""",
        {"input": {"gridId": grid["id"], "item": "OPERATING_RULES", "status": "NOT_MET"}},
    )
    await admin.data(
        "mutation($input: AddMicroPositionInput!) { addMicroPosition(input: $input) { id } }",
        {"input": {"gridId": grid["id"], "name": "党群服务站", "address": "一号楼"}},
    )
    await admin.data(
        'mutation($id: ID!) { retireGrid(id: $id, reason: "撤并") { id } }', {"id": grid["id"]}
    )
    await eventually(lambda: all_published(org_db), what="outbox drained")
    published = [event for _, event in await events_of(jetstream, org_settings, grid["id"])]
    assert [(e.type, e.sequence) for e in published] == [
        ("org.grid.created", "1"),
        ("org.grid.updated", "2"),
        ("org.grid.standard_updated", "3"),
        ("org.grid.micro_position_changed", "4"),
        ("org.grid.retired", "5"),
    ]
    assert published[1].data["changed_fields"] == ["households"]
    assert published[4].data["reason"] == "撤并"


async def test_division_party_organisation_and_unit_changes_are_published(
    admin: GraphQLClient,
    licheng: Tree,
    make_grid: GridMaker,
    jetstream: JetStreamContext,
    org_settings: OrgSettings,
    org_db: AsyncEngine,
) -> None:
    community = licheng["community"]["id"]
    await admin.data(
        'mutation($id: ID!) { renameDivision(id: $id, name: "七里河新社区") { id } }',
        {"id": community},
    )
    grid = await make_grid(kind="DEDICATED", dedicatedTo="ENTERPRISE")
    organization = await admin.data(
        """mutation($input: CreatePartyOrganizationInput!) {
             createPartyOrganization(input: $input) { id } }""",
        {
            "input": {
                "name": "园区党委",
                "kind": "COMMITTEE",
                "divisionId": community,
                "gridId": grid["id"],
            }
        },
    )
    unit = await admin.data(
        "mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }",
        {
            "input": {
                "name": "某公司",
                "kind": "ENTERPRISE",
                "creditCode": "91350100M000100Y43",
                "gridId": grid["id"],
            }
        },
    )
    await eventually(lambda: all_published(org_db), what="outbox drained")
    assert [e.type for _, e in await events_of(jetstream, org_settings, community)] == [
        "org.division.created",
        "org.division.renamed",
    ]
    org_id = organization["createPartyOrganization"]["id"]
    party_events = await events_of(jetstream, org_settings, org_id)
    assert [e.type for _, e in party_events] == ["org.party_organization.created"]
    assert party_events[0][1].data["grid_id"] == grid["id"]
    unit_events = await events_of(jetstream, org_settings, unit["registerUnit"]["id"])
    assert [e.data["credit_code"] for _, e in unit_events] == ["91350100M000100Y43"]

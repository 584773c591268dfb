"""Rules a unique constraint holds under concurrency leave in the domain's words.

A handler checks the rule first; two requests at the same moment can both pass that
check, and the database refuses the second write. The repository names the refusal
with the domain's code instead of a generic CONFLICT.
"""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID, uuid4

import pytest
from org_testing import CREATE_DIVISION, GridMaker

from gridkit.db import create_engine, create_session_factory
from gridkit.testing.graphql import GraphQLClient
from org.config import OrgSettings
from org.domain import (
    GridAlreadyHasPartyOrganization,
    PartyOrganization,
    PartyOrganizationKind,
    Unit,
    UnitCreditCodeTaken,
    UnitKind,
)
from org.unit_of_work import OrgUnitOfWork

Tree = dict[str, dict[str, Any]]

CREDIT_CODE = "91350100M000100Y43"


async def _register_unit_skipping_the_check(settings: OrgSettings, grid_id: UUID) -> None:
    """Store a unit as a request that passed the credit-code check a moment ago would."""
    engine = create_engine(settings.database_url)
    try:
        uow = OrgUnitOfWork(create_session_factory(engine))
        async with uow:
            grid = await uow.grids.get(grid_id)
            unit = Unit.register(
                id=uuid4(),
                name="某公司",
                kind=UnitKind.ENTERPRISE,
                credit_code=CREDIT_CODE,
                grid=grid,
            )
            await uow.units.add(unit)
            await uow.commit(created=unit.id)
    finally:
        await engine.dispose()


async def test_a_credit_code_registered_twice_at_once_is_unit_credit_code_taken(
    org_settings: OrgSettings, make_grid: GridMaker
) -> None:
    grid = await make_grid(kind="DEDICATED", dedicatedTo="ENTERPRISE")
    await _register_unit_skipping_the_check(org_settings, UUID(grid["id"]))
    with pytest.raises(UnitCreditCodeTaken):
        await _register_unit_skipping_the_check(org_settings, UUID(grid["id"]))


async def _set_up_organization_skipping_the_check(
    settings: OrgSettings, grid_id: UUID, division_id: UUID
) -> None:
    """Store an organisation serving ``grid_id`` as a request that passed the check would."""
    engine = create_engine(settings.database_url)
    try:
        uow = OrgUnitOfWork(create_session_factory(engine))
        async with uow:
            organization = PartyOrganization.create(
                id=uuid4(),
                name="网格党委",
                kind=PartyOrganizationKind.COMMITTEE,
                division=await uow.divisions.get(division_id),
                parent=None,
                grid=await uow.grids.get(grid_id),
            )
            await uow.party_organizations.add(organization)
            await uow.commit(created=organization.id)
    finally:
        await engine.dispose()


async def test_a_grid_given_two_organisations_at_once_is_grid_party_organization_exists(
    org_settings: OrgSettings, make_grid: GridMaker, licheng: Tree
) -> None:
    grid_id = UUID((await make_grid())["id"])
    division_id = UUID(licheng["community"]["id"])
    await _set_up_organization_skipping_the_check(org_settings, grid_id, division_id)
    with pytest.raises(GridAlreadyHasPartyOrganization) as refused:
        await _set_up_organization_skipping_the_check(org_settings, grid_id, division_id)
    assert refused.value.details == {"grid_id": str(grid_id)}


async def test_two_districts_created_at_once_with_one_code_leave_one(org: GraphQLClient) -> None:
    city_admin = org.as_caller("ORG_ADMIN", name="市委组织部")
    district = {"input": {"name": "章丘区", "level": "DISTRICT", "code": "370114"}}
    answers = await asyncio.gather(
        *(city_admin.execute(CREATE_DIVISION, district) for _ in range(2))
    )
    codes = sorted(
        answer["errors"][0]["extensions"]["code"] if "errors" in answer else "CREATED"
        for answer in answers
    )
    assert codes == ["CREATED", "DIVISION_CODE_TAKEN"]

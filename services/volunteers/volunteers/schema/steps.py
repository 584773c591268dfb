"""Running a mutation's step once per idempotency key, and what a retry is answered with.

A retry with the same key never runs the step again: it is answered with what the first run
created, read back by id (:func:`once`). The ``*_of`` functions are those answers, shared by
every mutation module.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from uuid import UUID

from gridkit.idempotency import apply_once
from volunteers.domain.errors import ActivityNotFound
from volunteers.handlers import access
from volunteers.schema.context import VolunteersContext
from volunteers.schema.types import Activity, Membership, ServiceRecord, Volunteer, VolunteerTeam

M = TypeVar("M")


async def once(
    context: VolunteersContext,
    operation: str,
    arguments: object,
    client_mutation_id: str | None,
    run: Callable[[Any], Awaitable[M]],
    replay: Callable[[UUID], Awaitable[M]],
) -> M:
    """Run a step once per idempotency key; a retry answers what the first run made."""
    key = context.idempotency_key(operation, arguments, client_mutation_id)
    return await apply_once(lambda: run(context.unit_of_work().once(key)), replay=replay)


async def activity_of(context: VolunteersContext, activity_id: UUID) -> Activity:
    """The activity as it stands."""
    found = await context.activity.load(activity_id)
    if found is None:
        raise ActivityNotFound.for_id(activity_id)
    return Activity.from_domain(found)


async def volunteer_of(context: VolunteersContext, volunteer_id: UUID) -> Volunteer:
    """The volunteer a first run registered or changed."""
    found = await context.volunteer.load(volunteer_id)
    assert found is not None  # committed with the key
    return Volunteer.from_domain(found)


async def team_of(context: VolunteersContext, team_id: UUID) -> VolunteerTeam:
    """The team a first run formed or changed."""
    found = await context.team.load(team_id)
    assert found is not None  # committed with the key
    return VolunteerTeam.from_domain(found)


async def record_of(context: VolunteersContext, record_id: UUID) -> ServiceRecord:
    """The service record a first run made or changed."""
    found = await context.record.load(record_id)
    assert found is not None  # committed with the key
    return ServiceRecord.from_domain(found)


async def membership_of(
    context: VolunteersContext, team_id: UUID, volunteer_id: UUID
) -> Membership:
    """A volunteer's membership of a team, as a first run left it."""
    found = await context.team.load(team_id)
    assert found is not None  # committed with the key
    membership = found.membership_of(volunteer_id)
    assert membership is not None
    return Membership.from_domain(membership, found)


async def own_membership_of(context: VolunteersContext, team_id: UUID) -> Membership:
    """The caller's own membership of a team, as a first run left it."""
    person = access.person_of(context.caller, "read your membership")
    volunteer = await context.volunteer_of_person.load(person)
    assert volunteer is not None  # the first run found them
    return await membership_of(context, team_id, volunteer.id)

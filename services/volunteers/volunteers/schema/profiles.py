"""Mutations on a volunteer's own record: their profile, the entries staff make (trainings,
awards, evaluations) and their standing (suspended, reinstated)."""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from gridkit.domain import UNCHANGED
from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id
from volunteers.domain.kinds import EntryKind
from volunteers.handlers import volunteering
from volunteers.schema.context import Info
from volunteers.schema.steps import once, volunteer_of
from volunteers.schema.types import Volunteer


@strawberry.type
class ProfileMutation:
    @strawberry.mutation(
        description="Change your own skills or availability (a field left out stays as it is)."
    )
    async def update_my_volunteer_profile(
        self,
        info: Info,
        skills: list[str] | None = strawberry.UNSET,
        availability: str | None = strawberry.UNSET,
        client_mutation_id: ClientMutationId = None,
    ) -> Volunteer:
        context = info.context

        async def run(uow: Any) -> Volunteer:
            done = await volunteering.update_profile(
                uow,
                context.caller,
                at=context.now,
                skills=UNCHANGED if skills is strawberry.UNSET else (skills or ()),
                availability=UNCHANGED if availability is strawberry.UNSET else availability,
            )
            return Volunteer.from_domain(done)

        arguments = {"skills": str(skills), "availability": str(availability)}
        return await once(
            context,
            "updateMyVolunteerProfile",
            arguments,
            client_mutation_id,
            run,
            lambda found: volunteer_of(context, found),
        )

    @strawberry.mutation(
        description="Enter a training, award or evaluation (培训、表彰、评价) in a volunteer's "
        "record (staff)."
    )
    async def add_volunteer_profile_entry(
        self,
        info: Info,
        volunteer_id: strawberry.ID,
        kind: EntryKind,
        on: date,
        title: str,
        given_by: str,
        content: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Volunteer:
        context = info.context
        volunteer = parse_id(volunteer_id, what="volunteerId")

        async def run(uow: Any) -> Volunteer:
            done = await volunteering.add_profile_entry(
                uow,
                context.caller,
                volunteer_id=volunteer,
                kind=kind,
                on=on,
                title=title,
                given_by=given_by,
                at=context.now,
                content=content,
            )
            return Volunteer.from_domain(done)

        arguments = {
            "volunteer": volunteer_id,
            "kind": kind.value,
            "on": on,
            "title": title,
            "given_by": given_by,
            "content": content,
        }
        return await once(
            context,
            "addVolunteerProfileEntry",
            arguments,
            client_mutation_id,
            run,
            lambda found: volunteer_of(context, found),
        )

    @strawberry.mutation(
        description="Suspend a volunteer, saying why (they sign up for nothing meanwhile), or "
        "reinstate a suspended one (staff)."
    )
    async def set_volunteer_standing(
        self,
        info: Info,
        volunteer_id: strawberry.ID,
        suspend: bool,
        reason: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Volunteer:
        context = info.context
        volunteer = parse_id(volunteer_id, what="volunteerId")

        async def run(uow: Any) -> Volunteer:
            done = await volunteering.set_volunteer_standing(
                uow,
                context.caller,
                volunteer_id=volunteer,
                suspend=suspend,
                at=context.now,
                reason=reason,
            )
            return Volunteer.from_domain(done)

        arguments = {"volunteer": volunteer_id, "suspend": suspend, "reason": reason}
        return await once(
            context,
            "setVolunteerStanding",
            arguments,
            client_mutation_id,
            run,
            lambda found: volunteer_of(context, found),
        )

"""Mutations on a draft activity before it is published: its details and its shifts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id
from volunteers.domain.kinds import ActivityCategory
from volunteers.handlers import activities
from volunteers.schema.context import Info
from volunteers.schema.steps import activity_of, once
from volunteers.schema.types import Activity


@strawberry.input(description="What to change of a draft; a field left out stays as it is.")
class ReviseActivityInput:
    title: str | None = strawberry.UNSET
    description: str | None = strawberry.UNSET
    category: ActivityCategory | None = strawberry.UNSET
    starts_at: datetime | None = strawberry.UNSET
    ends_at: datetime | None = strawberry.UNSET
    required_skills: list[str] | None = strawberry.UNSET

    def changes(self) -> dict[str, object]:
        """The fields given, by the domain's names (a null is refused by the domain's checks)."""
        given = {
            "title": self.title,
            "description": self.description,
            "category": self.category,
            "starts_at": self.starts_at,
            "ends_at": self.ends_at,
            "required_skills": self.required_skills,
        }
        return {name: value for name, value in given.items() if value is not strawberry.UNSET}


@strawberry.type
class DraftMutation:
    @strawberry.mutation(description="Change a draft's details (its organiser).")
    async def revise_activity(
        self,
        info: Info,
        activity_id: strawberry.ID,
        input: ReviseActivityInput,
        client_mutation_id: ClientMutationId = None,
    ) -> Activity:
        context = info.context
        activity = parse_id(activity_id, what="activityId")
        changes = input.changes()

        async def run(uow: Any) -> Activity:
            done = await activities.revise_activity(
                uow, context.caller, activity_id=activity, at=context.now, changes=changes
            )
            return Activity.from_domain(done)

        arguments = {"activity": activity_id, **{k: str(v) for k, v in changes.items()}}
        return await once(
            context,
            "reviseActivity",
            arguments,
            client_mutation_id,
            run,
            lambda found: activity_of(context, found),
        )

    @strawberry.mutation(description="Take a shift out of a draft (its organiser).")
    async def remove_activity_shift(
        self,
        info: Info,
        activity_id: strawberry.ID,
        shift_id: strawberry.ID,
        client_mutation_id: ClientMutationId = None,
    ) -> Activity:
        context = info.context
        activity = parse_id(activity_id, what="activityId")
        shift = parse_id(shift_id, what="shiftId")

        async def run(uow: Any) -> Activity:
            done = await activities.remove_shift(
                uow, context.caller, activity_id=activity, shift_id=shift, at=context.now
            )
            return Activity.from_domain(done)

        return await once(
            context,
            "removeActivityShift",
            {"activity": activity_id, "shift": shift_id},
            client_mutation_id,
            run,
            lambda found: activity_of(context, found),
        )

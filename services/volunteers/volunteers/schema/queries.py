"""The volunteers subgraph's root queries."""

from __future__ import annotations

import strawberry

from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection
from volunteers.domain.kinds import ActivityStatus
from volunteers.handlers import access
from volunteers.handlers.certificates import certificates_of
from volunteers.repository.reads import ActivityFilter
from volunteers.schema.context import Info
from volunteers.schema.types import (
    Activity,
    Certificate,
    ServiceRecord,
    Volunteer,
    VolunteerTeam,
    activity_connection,
)


@strawberry.type
class VolunteersQuery:
    @strawberry.field(description="A volunteer team by id.")
    async def volunteer_team(self, info: Info, id: strawberry.ID) -> VolunteerTeam | None:
        found = await info.context.team.load(parse_id(id))
        return VolunteerTeam.from_domain(found) if found else None

    @strawberry.field(description="Every team, or those serving one grid, by name.")
    async def volunteer_teams(
        self, info: Info, grid_id: strawberry.ID | None = None
    ) -> list[VolunteerTeam]:
        grid = parse_id(grid_id, what="gridId") if grid_id else None
        return [
            VolunteerTeam.from_domain(t) for t in await info.context.reads.all_teams(grid_id=grid)
        ]

    @strawberry.field(description="A volunteer by id.")
    async def volunteer(self, info: Info, id: strawberry.ID) -> Volunteer | None:
        found = await info.context.volunteer.load(parse_id(id))
        if found is None or not access.may_read_volunteer(info.context.caller, found.person_id):
            return None  # another's record: as if there were none
        return Volunteer.from_domain(found)

    @strawberry.field(description="The caller's own volunteer registration, if they registered.")
    async def my_volunteer_profile(self, info: Info) -> Volunteer | None:
        person = access.person_of(info.context.caller, "read your volunteer profile")
        found = await info.context.volunteer_of_person.load(person)
        return Volunteer.from_domain(found) if found else None

    @strawberry.field(description="An activity by id.")
    async def activity(self, info: Info, id: strawberry.ID) -> Activity | None:
        found = await info.context.activity.load(parse_id(id))
        return Activity.from_domain(found) if found else None

    @strawberry.field(description="Activities, filtered, by start time (Relay connection).")
    async def activities(
        self,
        info: Info,
        grid_id: strawberry.ID | None = None,
        case_id: strawberry.ID | None = None,
        status: list[ActivityStatus] | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Activity]:
        where = ActivityFilter(
            grid_ids=[parse_id(grid_id, what="gridId")] if grid_id else (),
            case_ids=[parse_id(case_id, what="caseId")] if case_id else (),
            statuses=status or (),
        )
        return await activity_connection(info, where, first=first, after=after)

    @strawberry.field(description="A service record by id.")
    async def service_record(self, info: Info, id: strawberry.ID) -> ServiceRecord | None:
        found = await info.context.record.load(parse_id(id))
        return ServiceRecord.from_domain(found) if found else None

    @strawberry.field(
        description="A volunteer's certificates (志愿服务证明), newest first: theirs, their "
        "issuers' and staff's to read."
    )
    async def certificates(self, info: Info, volunteer_id: strawberry.ID) -> list[Certificate]:
        issued = await certificates_of(
            parse_id(volunteer_id, what="volunteerId"),
            caller=info.context.caller,
            sessions=info.context.sessions,
        )
        return [Certificate.from_domain(certificate) for certificate in issued]

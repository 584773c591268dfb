"""Volunteering figures for staff: hours per volunteer (ranked), team, grid and community over
a period, and each grid's active volunteers; in SQL (:mod:`volunteers.repository.figures`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry

from gridkit.errors import InvalidInput
from gridkit.graphql.ids import parse_id
from volunteers.handlers import access
from volunteers.repository.figures import FigureReads, HoursOf, Scope
from volunteers.schema.context import Info

MAX_RANKING = 100


@strawberry.type(description="Hours served by one volunteer, team, grid or community.")
class HoursLine:
    key: strawberry.ID = strawberry.field(
        description="The volunteer's, team's or grid's id, or the community's code."
    )
    name: str | None = strawberry.field(
        description="The volunteer's number, the team's or grid's name."
    )
    hours: Decimal = strawberry.field(description="Hours of service in the period.")
    records: int = strawberry.field(description="Service records counted.")
    volunteers: int = strawberry.field(description="Volunteers who served (active volunteers).")

    @classmethod
    def from_figure(cls, line: HoursOf) -> HoursLine:
        """The GraphQL view of a figure's line."""
        return cls(
            key=strawberry.ID(line.key),
            name=line.name,
            hours=line.hours,
            records=line.records,
            volunteers=line.volunteers,
        )


@strawberry.type(description="Volunteering in a period, within the caller's scope.")
class VolunteerFigures:
    start: date = strawberry.field(description="The period's first day.")
    end: date = strawberry.field(description="Its last day (counted).")
    total: HoursLine = strawberry.field(description="Every record in scope.")
    ranking: list[HoursLine] = strawberry.field(description="Volunteers by hours, most first.")
    teams: list[HoursLine] = strawberry.field(description="Teams by the hours of their activities.")
    grids: list[HoursLine] = strawberry.field(
        description="Grids by code, each with its hours and its active volunteers."
    )
    communities: list[HoursLine] = strawberry.field(description="Communities by code.")


@strawberry.type
class FiguresQuery:
    @strawberry.field(
        description="Hours per volunteer (ranked), team, grid and community from `from` to `to` "
        "(both days counted), and the active volunteers of each grid: staff, within their "
        "scope (`communityCode` narrows it; `gridId` takes one grid)."
    )
    async def volunteer_figures(
        self,
        info: Info,
        from_: Annotated[date, strawberry.argument(name="from")],
        to: date,
        community_code: str | None = None,
        grid_id: strawberry.ID | None = None,
        top: int = 10,
    ) -> VolunteerFigures:
        caller = info.context.caller
        access.staff(caller, "read volunteering figures")
        if to < from_:
            raise InvalidInput(f"The period ends on {to}, before it starts on {from_}.")
        if not 1 <= top <= MAX_RANKING:
            raise InvalidInput(f"top is from 1 to {MAX_RANKING}, got {top}.")
        scope = Scope(
            start=from_,
            end=to,
            community_code=caller.narrow(community_code),
            grid_id=parse_id(grid_id, what="gridId") if grid_id else None,
        )
        reads = FigureReads(info.context.sessions)
        return VolunteerFigures(
            start=from_,
            end=to,
            total=HoursLine.from_figure(await reads.total(scope)),
            ranking=[
                HoursLine.from_figure(x) for x in await reads.volunteer_ranking(scope, top=top)
            ],
            teams=[HoursLine.from_figure(x) for x in await reads.by_team(scope)],
            grids=[HoursLine.from_figure(x) for x in await reads.by_grid(scope)],
            communities=[HoursLine.from_figure(x) for x in await reads.by_community(scope)],
        )

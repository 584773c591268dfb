"""Duplicate suggestions in GraphQL: open cases a report may repeat (重复上报).

Before reporting, a client asks ``caseDuplicateSuggestions`` with the category and the point;
after, ``Case.possibleDuplicates`` says the same for a case. An officer merges a real
duplicate with ``mergeCase``; its reporter is told through ``cases.case.merged``.
"""

from __future__ import annotations

import strawberry

from cases.domain.duplicates import CaseSummary, NewReport, distance_m
from cases.domain.kinds import CaseStatus
from cases.domain.location import Location
from cases.schema.context import Info
from gridkit.graphql.ids import parse_id


@strawberry.type(description="An open case a report may repeat.")
class DuplicateSuggestion:
    case_id: strawberry.ID = strawberry.field(description="The case.")
    number: str = strawberry.field(description="Its number.")
    status: CaseStatus = strawberry.field(description="Where it stands.")
    distance_m: float | None = strawberry.field(
        description="Metres from the point asked about (null without coordinates)."
    )

    @classmethod
    def of(cls, summary: CaseSummary, location: Location) -> DuplicateSuggestion:
        """A suggestion for ``summary``, measured from ``location``."""
        distance = (
            distance_m(summary.location, location)
            if summary.location.has_coordinates and location.has_coordinates
            else None
        )
        return cls(
            case_id=strawberry.ID(str(summary.case_id)),
            number=summary.number,
            status=summary.status,
            distance_m=None if distance is None else round(distance, 1),
        )


async def suggestions(
    info: Info, report: NewReport, *, excluding: strawberry.ID | None = None
) -> list[DuplicateSuggestion]:
    """The suggestions for ``report`` the caller may see, nearest first."""
    found = await info.context.duplicate_reads.suggestions(
        report,
        visible=info.context.visibility(),
        excluding=parse_id(excluding) if excluding else None,
    )
    return [DuplicateSuggestion.of(summary, report.location) for summary in found]


@strawberry.type
class DuplicateQuery:
    @strawberry.field(
        description="Open cases of the category near the point and recent enough (the "
        "service's radius and window) that a new report may repeat, nearest first."
    )
    async def case_duplicate_suggestions(
        self,
        info: Info,
        category: str,
        address: str,
        longitude: float | None = None,
        latitude: float | None = None,
    ) -> list[DuplicateSuggestion]:
        location = Location(address=address, longitude=longitude, latitude=latitude)
        report = NewReport(
            category_code=category, location=location, reported_at=info.context.now.at
        )
        return await suggestions(info, report)

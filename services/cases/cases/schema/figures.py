"""Performance figures (考核指标) of case handling in GraphQL, computed in SQL.

Per grid, community, subdistrict or district and per period (``2026``, ``2026-Q2``,
``2026-06``): received, closed, 结案率, 按期结案率, 返工率, 延期率, 满意率 and the average
handling time. The caller reads the figures of places inside their scope.
"""

from __future__ import annotations

from typing import Self

import strawberry

from cases.domain.periods import DivisionPlace, Period
from cases.domain.stats import CaseFigures as FiguresModel
from cases.handlers.access import figures_reader
from cases.schema.context import Info


@strawberry.type(
    description="Performance figures of the cases reported in a place and period. Every rate "
    "is null when nothing counts toward its denominator."
)
class CaseFigures:
    period: str = strawberry.field(description="The period: 2026, 2026-Q2, 2026-06 or a range.")
    received: int = strawberry.field(
        description="Cases reported, except rejected ones and duplicates merged into others."
    )
    closed: int = strawberry.field(description="Of those, the ones closed (已结案) now.")
    closed_on_time: int = strawberry.field(
        description="Of the closed, those closed on or before their due date (extensions count)."
    )
    reworked: int = strawberry.field(description="Received cases sent back to work at least once.")
    extended: int = strawberry.field(description="Received cases with an approved extension.")
    visits: int = strawberry.field(description="Return visits (回访) answered, every answer.")
    satisfied_visits: int = strawberry.field(
        description="Return visits answered satisfied or basically satisfied."
    )
    closure_rate: float | None = strawberry.field(description="结案率: closed ÷ received.")
    on_time_rate: float | None = strawberry.field(
        description="按期结案率: closed on time ÷ closed."
    )
    rework_rate: float | None = strawberry.field(description="返工率: reworked ÷ received.")
    extension_rate: float | None = strawberry.field(description="延期率: extended ÷ received.")
    satisfaction_rate: float | None = strawberry.field(
        description="满意率: satisfied visits ÷ visits."
    )
    average_handling_hours: float | None = strawberry.field(
        description="Average hours from report to closure over the closed cases."
    )

    @classmethod
    def from_domain(cls, figures: FiguresModel, period: Period) -> Self:
        """The GraphQL view of a set of figures."""
        return cls(
            period=str(period),
            received=figures.received,
            closed=figures.closed,
            closed_on_time=figures.closed_on_time,
            reworked=figures.reworked,
            extended=figures.extended,
            visits=figures.visits,
            satisfied_visits=figures.satisfied_visits,
            closure_rate=figures.closure_rate,
            on_time_rate=figures.on_time_rate,
            rework_rate=figures.rework_rate,
            extension_rate=figures.extension_rate,
            satisfaction_rate=figures.satisfaction_rate,
            average_handling_hours=figures.average_handling_hours,
        )


@strawberry.type(description="The figures of one division below the one asked for.")
class DivisionCaseFigures:
    division_code: str = strawberry.field(description="The division's code.")
    figures: CaseFigures = strawberry.field(description="Its figures.")


@strawberry.type
class FiguresQuery:
    @strawberry.field(
        description="The figures of a district (6 digits), subdistrict (9) or community (12) "
        "for a period: 2026, 2026-Q2 or 2026-06."
    )
    async def case_figures(self, info: Info, division_code: str, period: str) -> CaseFigures:
        place = DivisionPlace.parse(division_code)
        figures_reader(info.context.caller, place.code)
        when = Period.parse(period)
        figures = await info.context.figure_reads.figures(place, when)
        return CaseFigures.from_domain(figures, when)

    @strawberry.field(
        description="The figures of each division one level below a district or subdistrict "
        "(a division without cases in the period is left out), in code order."
    )
    async def case_figures_breakdown(
        self, info: Info, division_code: str, period: str
    ) -> list[DivisionCaseFigures]:
        place = DivisionPlace.parse(division_code)
        figures_reader(info.context.caller, place.code)
        when = Period.parse(period)
        rows = await info.context.figure_reads.breakdown(place.code, when)
        return [
            DivisionCaseFigures(division_code=code, figures=CaseFigures.from_domain(f, when))
            for code, f in rows
        ]

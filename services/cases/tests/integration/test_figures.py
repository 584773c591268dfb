"""The performance figures counted in PostgreSQL, over cases written straight into the table.

June 2026 in community 370112001001 (grids A and B), each case with what it tests:

    no grid status      reported (Beijing) closed       due   rework ext visits sat
     1 A    CLOSED      06-02 09:00        06-08 09:00  06-10 0      0   1      1
     2 A    CLOSED      06-03 10:00        06-12 10:00  06-10 1      0   2      1   late
     3 B    CLOSED      06-05 08:00        06-19 20:00  06-20 0      1   1      1
     4 B    CLOSED      06-06 09:00        06-06 15:00  -     0      0   1      1   no due date
     5 B    IN_PROGRESS 06-07 09:00        -            06-15 1      1   1      0
     6 A    REJECTED    06-08 09:00        -            -     1      0   1      0   not received
     7 B    MERGED      06-09 09:00        -            -     0      1   1      1   not received
     8 B    REPORTED    06-10 09:00        -            -     0      0   0      0
     9 A    REPORTED    07-01 00:30 (06-30T16:30Z): July
    10 A    ACCEPTED    06-01 00:00 (05-31T16:00Z): June, its first moment
    11 A    REPORTED    05-31 23:59 (05-31T15:59Z): May

Received: 1 2 3 4 5 8 10 (7); closed 1 2 3 4; on time 1 3 4; reworked 2 5; extended 3 5;
visits 1+2+1+1+1 = 6, satisfied 4; hours 144 + 216 + 348 + 6 = 714.

Around it: case 12 closed on time in the neighbouring community 370112001002 (24 hours,
one satisfied visit), case 13 reported in subdistrict 370112009, case 15 in subdistrict
370112010 (sharing the prefix 37011200/3701120 with the others), case 14 in the next district
370113.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from uuid import UUID, uuid4

import pytest
import pytest_asyncio
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from cases.domain.errors import InvalidDivisionCode
from cases.domain.kinds import CaseStatus
from cases.domain.periods import DivisionPlace, GridPlace, Period
from cases.domain.stats import CaseFigures
from cases.repository.figures import FigureReads
from cases.repository.tables import CaseRow
from gridkit.db import create_session_factory

BEIJING = timezone(timedelta(hours=8))
COMMUNITY = "370112001001"
NEIGHBOUR = "370112001002"
GRID_A = UUID("00000000-0000-0000-0000-00000000000a")
GRID_B = UUID("00000000-0000-0000-0000-00000000000b")
GRID_NEIGHBOUR = UUID("00000000-0000-0000-0000-00000000000c")
GRID_ELSEWHERE = UUID("00000000-0000-0000-0000-00000000000d")
JUNE = Period.month(2026, 6)
JULY = Period.month(2026, 7)

_S = CaseStatus

NOTHING = CaseFigures(
    received=0,
    closed=0,
    closed_on_time=0,
    reworked=0,
    extended=0,
    satisfied_visits=0,
    visits=0,
    total_handling_hours=0.0,
)
ONLY_REPORTED = CaseFigures(
    received=1,
    closed=0,
    closed_on_time=0,
    reworked=0,
    extended=0,
    satisfied_visits=0,
    visits=0,
    total_handling_hours=0.0,
)
COMMUNITY_IN_JUNE = CaseFigures(
    received=7,
    closed=4,
    closed_on_time=3,
    reworked=2,
    extended=2,
    satisfied_visits=4,
    visits=6,
    total_handling_hours=714.0,
)
NEIGHBOUR_IN_JUNE = CaseFigures(
    received=1,
    closed=1,
    closed_on_time=1,
    reworked=0,
    extended=0,
    satisfied_visits=1,
    visits=1,
    total_handling_hours=24.0,
)
SUBDISTRICT_IN_JUNE = CaseFigures(
    received=8,
    closed=5,
    closed_on_time=4,
    reworked=2,
    extended=2,
    satisfied_visits=5,
    visits=7,
    total_handling_hours=738.0,
)


def beijing(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    """A moment of 2026 in Beijing time."""
    return datetime(2026, month, day, hour, minute, tzinfo=BEIJING)


def case(
    number: int,
    status: CaseStatus,
    reported_at: datetime,
    *,
    grid_id: UUID = GRID_A,
    division_code: str = COMMUNITY,
    closed_at: datetime | None = None,
    due_on: date | None = None,
    rework: int = 0,
    extensions: int = 0,
    visits: int = 0,
    satisfied: int = 0,
) -> dict[str, Any]:
    """A ``cases`` row with every column the table requires."""
    return {
        "id": uuid4(),
        "version": 1,
        "number": f"2026-{number:06d}",
        "title": "楼道灯不亮",
        "description": "三单元楼道灯坏了一周",
        "category_code": "PUBLIC_LIGHTING",
        "attributes": {},
        "priority": "NORMAL",
        "source": "RESIDENT",
        "status": status.value,
        "level": "GRID",
        "address": "历城区山大路 1 号",
        "grid_id": grid_id,
        "division_code": division_code,
        "reported_at": reported_at,
        "due_on": due_on,
        "closed_at": closed_at,
        "closed_on": closed_at.astimezone(BEIJING).date() if closed_at else None,
        "rework_count": rework,
        "reopen_count": 0,
        "extension_count": extensions,
        "visit_count": visits,
        "satisfied_visit_count": satisfied,
        "state": {},
    }


CASES = [
    case(1, _S.CLOSED, beijing(6, 2), closed_at=beijing(6, 8), due_on=date(2026, 6, 10),
         visits=1, satisfied=1),
    case(2, _S.CLOSED, beijing(6, 3, 10), closed_at=beijing(6, 12, 10),
         due_on=date(2026, 6, 10), rework=1, visits=2, satisfied=1),
    case(3, _S.CLOSED, beijing(6, 5, 8), grid_id=GRID_B, closed_at=beijing(6, 19, 20),
         due_on=date(2026, 6, 20), extensions=1, visits=1, satisfied=1),
    case(4, _S.CLOSED, beijing(6, 6), grid_id=GRID_B, closed_at=beijing(6, 6, 15),
         visits=1, satisfied=1),
    case(5, _S.IN_PROGRESS, beijing(6, 7), grid_id=GRID_B, due_on=date(2026, 6, 15),
         rework=1, extensions=1, visits=1),
    case(6, _S.REJECTED, beijing(6, 8), rework=1, visits=1),
    case(7, _S.MERGED, beijing(6, 9), grid_id=GRID_B, extensions=1, visits=1, satisfied=1),
    case(8, _S.REPORTED, beijing(6, 10), grid_id=GRID_B),
    case(9, _S.REPORTED, datetime(2026, 6, 30, 16, 30, tzinfo=UTC)),
    case(10, _S.ACCEPTED, datetime(2026, 5, 31, 16, 0, tzinfo=UTC)),
    case(11, _S.REPORTED, datetime(2026, 5, 31, 15, 59, tzinfo=UTC)),
    case(12, _S.CLOSED, beijing(6, 10), grid_id=GRID_NEIGHBOUR, division_code=NEIGHBOUR,
         closed_at=beijing(6, 11), due_on=date(2026, 6, 17), visits=1, satisfied=1),
    case(13, _S.REPORTED, beijing(6, 11), grid_id=GRID_ELSEWHERE, division_code="370112009001"),
    case(14, _S.REPORTED, beijing(6, 12), grid_id=GRID_ELSEWHERE, division_code="370113001001"),
    case(15, _S.REPORTED, beijing(6, 13), grid_id=GRID_ELSEWHERE, division_code="370112010001"),
]  # fmt: skip


@pytest_asyncio.fixture(loop_scope="session")
async def reads(cases_db: AsyncEngine) -> AsyncIterator[FigureReads]:
    """The figure reads over the cases above."""
    async with cases_db.begin() as connection:
        await connection.execute(insert(CaseRow), CASES)
    yield FigureReads(create_session_factory(cases_db))


async def test_a_community_counts_each_figure_as_defined(reads: FigureReads) -> None:
    figures = await reads.figures(DivisionPlace(COMMUNITY), JUNE)
    assert figures == COMMUNITY_IN_JUNE
    assert figures.closure_rate == 4 / 7
    assert figures.on_time_rate == 3 / 4
    assert figures.rework_rate == 2 / 7
    assert figures.extension_rate == 2 / 7
    assert figures.satisfaction_rate == 4 / 6
    assert figures.average_handling_hours == 178.5


async def test_a_grid_counts_its_own_cases(reads: FigureReads) -> None:
    assert await reads.figures(GridPlace(GRID_A), JUNE) == CaseFigures(
        received=3,  # 1, 2, 10
        closed=2,
        closed_on_time=1,
        reworked=1,
        extended=0,
        satisfied_visits=2,
        visits=3,
        total_handling_hours=360.0,
    )


async def test_a_period_starts_and_ends_at_midnight_in_beijing(reads: FigureReads) -> None:
    assert (await reads.figures(DivisionPlace(COMMUNITY), JULY)) == ONLY_REPORTED  # case 9
    assert (await reads.figures(DivisionPlace(COMMUNITY), Period.month(2026, 5))) == (
        ONLY_REPORTED  # case 11, a minute before June in Beijing
    )
    second_quarter = await reads.figures(DivisionPlace(COMMUNITY), Period.quarter(2026, 2))
    assert second_quarter.received == COMMUNITY_IN_JUNE.received + 1
    first_day = await reads.figures(
        GridPlace(GRID_A), Period.between(date(2026, 6, 1), date(2026, 6, 2))
    )
    assert first_day.received == 1  # case 10, reported at 00:00 on 1 June


async def test_a_subdistrict_holds_its_communities_and_no_neighbour(reads: FigureReads) -> None:
    assert await reads.figures(DivisionPlace("370112001"), JUNE) == SUBDISTRICT_IN_JUNE
    assert await reads.figures(DivisionPlace("370112009"), JUNE) == ONLY_REPORTED  # case 13
    assert await reads.figures(DivisionPlace("370112010"), JUNE) == ONLY_REPORTED  # case 15


async def test_the_district_holds_its_subdistricts_and_not_the_next_district(
    reads: FigureReads,
) -> None:
    district = await reads.figures(DivisionPlace("370112"), JUNE)
    assert district.received == SUBDISTRICT_IN_JUNE.received + 2  # cases 13 and 15, not 14
    assert district.closed == SUBDISTRICT_IN_JUNE.closed
    assert (await reads.figures(DivisionPlace("370113"), JUNE)) == ONLY_REPORTED


async def test_nothing_reported_gives_zero_counts_and_no_rates(reads: FigureReads) -> None:
    figures = await reads.figures(DivisionPlace(NEIGHBOUR), JULY)
    assert figures == NOTHING
    rates = (
        figures.closure_rate,
        figures.on_time_rate,
        figures.rework_rate,
        figures.extension_rate,
        figures.satisfaction_rate,
        figures.average_handling_hours,
    )
    assert rates == (None,) * 6
    assert await reads.figures(GridPlace(uuid4()), JUNE) == NOTHING


async def test_a_district_breaks_down_by_subdistrict(reads: FigureReads) -> None:
    assert await reads.breakdown("370112", JUNE) == [
        ("370112001", SUBDISTRICT_IN_JUNE),
        ("370112009", ONLY_REPORTED),
        ("370112010", ONLY_REPORTED),
    ]


async def test_a_subdistrict_breaks_down_by_community(reads: FigureReads) -> None:
    assert await reads.breakdown("370112001", JUNE) == [
        (COMMUNITY, COMMUNITY_IN_JUNE),
        (NEIGHBOUR, NEIGHBOUR_IN_JUNE),
    ]
    assert await reads.breakdown("370112001", JULY) == [(COMMUNITY, ONLY_REPORTED)]
    assert await reads.breakdown("370112009", JULY) == []


async def test_a_community_breaks_down_by_grid(reads: FigureReads) -> None:
    by_grid = dict(await reads.per_grid(COMMUNITY, JUNE))
    assert list(by_grid) == [GRID_A, GRID_B]
    assert by_grid[GRID_B] == CaseFigures(
        received=4,  # 3, 4, 5, 8
        closed=2,
        closed_on_time=2,
        reworked=1,
        extended=2,
        satisfied_visits=2,
        visits=3,
        total_handling_hours=354.0,
    )
    assert by_grid[GRID_A].received == 3
    assert await reads.per_grid(NEIGHBOUR, JULY) == []


async def test_a_community_does_not_break_down_by_division(reads: FigureReads) -> None:
    with pytest.raises(InvalidDivisionCode, match="by grid"):
        await reads.breakdown(COMMUNITY, JUNE)
    with pytest.raises(InvalidDivisionCode, match="12-digit"):
        await reads.per_grid("370112001", JUNE)

"""Performance figures: each rate over its own denominator, none when that is zero."""

from __future__ import annotations

from datetime import date

import pytest
from cases_testing import CALENDAR, COMMUNITY_OFFICER, EVIDENCE, MAINTAINER, WORKER, at, case_at

from cases.domain import CaseFigures, CaseNumber, CaseStatus, Satisfaction, figures_of


def test_the_rates_of_a_set_of_cases() -> None:
    figures = CaseFigures(
        received=40,
        closed=30,
        closed_on_time=27,
        reworked=4,
        extended=2,
        satisfied_visits=33,
        visits=36,
        total_handling_hours=1800.0,
    )
    assert figures.closure_rate == 0.75
    assert figures.on_time_rate == 0.9
    assert figures.rework_rate == 0.1
    assert figures.extension_rate == 0.05
    assert figures.satisfaction_rate == pytest.approx(33 / 36)
    assert figures.average_handling_hours == 60.0


def test_a_rate_over_nothing_is_none() -> None:
    empty = CaseFigures(
        received=0,
        closed=0,
        closed_on_time=0,
        reworked=0,
        extended=0,
        satisfied_visits=0,
        visits=0,
        total_handling_hours=0.0,
    )
    assert (
        empty.closure_rate,
        empty.on_time_rate,
        empty.rework_rate,
        empty.extension_rate,
        empty.satisfaction_rate,
        empty.average_handling_hours,
    ) == (None, None, None, None, None, None)
    received_only = CaseFigures(
        received=3,
        closed=0,
        closed_on_time=0,
        reworked=0,
        extended=0,
        satisfied_visits=0,
        visits=0,
        total_handling_hours=0.0,
    )
    assert (received_only.closure_rate, received_only.on_time_rate) == (0.0, None)


def test_the_figures_of_cases_follow_the_definitions() -> None:
    on_time = case_at(CaseStatus.CLOSED, number=CaseNumber(2026, 1))
    late = case_at(CaseStatus.VERIFIED, number=CaseNumber(2026, 2))
    late.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=Satisfaction.DISSATISFIED,
        note="不满意",
        at=at(date(2026, 10, 12)),
        today=date(2026, 10, 12),
    )
    late.resolve(actor=MAINTAINER, evidence=EVIDENCE, at=at(date(2026, 10, 13)))
    late.verify(actor=WORKER, passed=True, at=at(date(2026, 10, 14)))
    late.close(
        actor=COMMUNITY_OFFICER,
        satisfaction=Satisfaction.BASICALLY_SATISFIED,
        at=at(date(2026, 10, 14), 21),
        today=date(2026, 10, 14),
    )
    extended = case_at(CaseStatus.IN_PROGRESS, number=CaseNumber(2026, 3))
    extended.request_extension(actor=MAINTAINER, days=2, reason="等配件", at=at(date(2026, 10, 9)))
    extended.approve_extension(actor=WORKER, calendar=CALENDAR, at=at(date(2026, 10, 9)))
    rejected = case_at(CaseStatus.REJECTED, number=CaseNumber(2026, 4))
    merged = case_at(CaseStatus.MERGED, number=CaseNumber(2026, 5))
    waiting = case_at(CaseStatus.REPORTED, number=CaseNumber(2026, 6))

    figures = figures_of([on_time, late, extended, rejected, merged, waiting])

    assert figures == CaseFigures(
        received=4,
        closed=2,
        closed_on_time=1,
        reworked=1,
        extended=1,
        satisfied_visits=2,
        visits=3,
        # 29 September 09:00 to 10 October 15:00, and to 14 October 21:00.
        total_handling_hours=(11 * 24 + 6) + (15 * 24 + 12),
    )
    assert figures.closure_rate == 0.5
    assert figures.on_time_rate == 0.5

"""Performance figures (考核指标) of case handling, defined once for every report.

The figures are rates over counts for one set of cases: those of a grid,
community, subdistrict or the district (by the grid's division code),
reported within a period. The SQL that fills :class:`CaseFigures` counts
exactly what each field's docstring says; :func:`figures_of` is the same
definition over cases in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cases.domain.case import Case
from cases.domain.kinds import CaseAction, CaseStatus, ReworkOrigin

__all__ = ["CaseFigures", "figures_of", "return_visits"]

_NOT_RECEIVED = frozenset({CaseStatus.REJECTED, CaseStatus.MERGED})


@dataclass(frozen=True, kw_only=True)
class CaseFigures:
    """The counts behind the rates; every rate is ``None`` when its denominator is 0."""

    received: int
    """Cases reported in the period, except those rejected (不予立案) or merged as duplicates
    (their demand is counted in the case they joined). Still reported ones count."""
    closed: int
    """Of the received, those closed (已结案) now."""
    closed_on_time: int
    """Of the closed, those closed on or before their due date (the local date of closing
    ≤ ``due_on``, extensions included)."""
    reworked: int
    """Of the received, those sent back to work (返工) at least once, by verification or by
    a dissatisfied return visit."""
    extended: int
    """Of the received, those with at least one approved extension (延期)."""
    satisfied_visits: int
    """Return visits (回访) to the received cases answered satisfied or basically satisfied."""
    visits: int
    """Return visits to the received cases: every answer, dissatisfied ones included (a case
    visited again after rework counts each visit)."""
    total_handling_hours: float
    """The hours from report to closure, summed over the closed cases."""

    @property
    def closure_rate(self) -> float | None:
        """结案率: ``closed / received``."""
        return _rate(self.closed, self.received)

    @property
    def on_time_rate(self) -> float | None:
        """按期结案率: ``closed_on_time / closed``."""
        return _rate(self.closed_on_time, self.closed)

    @property
    def rework_rate(self) -> float | None:
        """返工率: ``reworked / received``."""
        return _rate(self.reworked, self.received)

    @property
    def extension_rate(self) -> float | None:
        """延期率: ``extended / received``."""
        return _rate(self.extended, self.received)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意率: ``satisfied_visits / visits`` (satisfied and basically satisfied answers)."""
        return _rate(self.satisfied_visits, self.visits)

    @property
    def average_handling_hours(self) -> float | None:
        """Average hours from report to closure: ``total_handling_hours / closed``."""
        return None if self.closed == 0 else self.total_handling_hours / self.closed


def figures_of(cases: Iterable[Case]) -> CaseFigures:
    """The figures of ``cases`` (the set already chosen: place and period), by definition."""
    received = [case for case in cases if case.status not in _NOT_RECEIVED]
    closed = [case for case in received if case.status is CaseStatus.CLOSED]
    answers = [return_visits(case) for case in received]
    return CaseFigures(
        received=len(received),
        closed=len(closed),
        closed_on_time=sum(1 for case in closed if case.on_time),
        reworked=sum(1 for case in received if case.rework_count > 0),
        extended=sum(1 for case in received if case.is_extended),
        satisfied_visits=sum(satisfied for _, satisfied in answers),
        visits=sum(visits for visits, _ in answers),
        total_handling_hours=sum(case.handling_hours or 0.0 for case in closed),
    )


def return_visits(case: Case) -> tuple[int, int]:
    """The return visits (回访) a case had, and how many were answered satisfied.

    Closing records a satisfied (or basically satisfied) visit; a dissatisfied one is the
    rework it ordered. Stored beside the case, so the figures' SQL sums them."""
    visits = satisfied = 0
    for entry in case.timeline:
        if entry.action is CaseAction.CLOSED:
            visits, satisfied = visits + 1, satisfied + 1
        elif (
            entry.action is CaseAction.REWORK_ORDERED
            and entry.details.get("origin") == ReworkOrigin.VISIT.value
        ):
            visits += 1
    return visits, satisfied


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole

"""Cases in storage: the repository commands use, and the reads the API answers from.

A case is one row, its timeline rows (appended, never rewritten) and its current assignees.
The repository remembers how much of each loaded case's timeline is stored, and writes only
the entries a command added. An anonymous reporter's phone is written once, encrypted, with its
masked copy; cases are read back with the masked copy only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, delete, false, insert, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.domain.case import Case
from cases.domain.case_number import CaseNumber
from cases.domain.errors import CaseNotFound
from cases.domain.kinds import (
    AssigneeKind,
    CaseSource,
    CaseStatus,
    Level,
    Priority,
    Satisfaction,
)
from cases.domain.location import Location
from cases.domain.people import AnonymousContact, Reporter
from cases.domain.reading import EVERYTHING, ReadScope
from cases.domain.stats import return_visits
from cases.repository.case_json import (
    actor_json,
    assignment_json,
    assignment_of,
    extension_json,
    extension_of,
    meeting_json,
    meeting_of,
    optional_actor_of,
    supervision_json,
    supervision_of,
    timeline_entry,
    timeline_values,
)
from cases.repository.tables import AssigneeRow, CaseNumberRow, CaseRow, TimelineRow
from gridkit.db import enum_reader
from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.pii import PiiProtector
from gridkit.repository import Repository
from gridkit.uow import UnitOfWork

PHONE_PURPOSE = "case_reporter_phone"
"""The encryption purpose of reporters' phones (a key of its own, apart from personnel's)."""

_status = enum_reader(CaseStatus)
_level = enum_reader(Level)
_priority = enum_reader(Priority)
_source = enum_reader(CaseSource)


def _state(case: Case) -> dict[str, Any]:
    return {
        "assignments": [assignment_json(a) for a in case.assignments],
        "handler": None if case.handler is None else actor_json(case.handler),
        "resolver": None if case.resolver is None else actor_json(case.resolver),
        "extensions": [extension_json(e) for e in case.extensions],
        "supervision_orders": [supervision_json(o) for o in case.supervision_orders],
        "joint_meetings": [meeting_json(m) for m in case.joint_meetings],
        "suspended_from": None if case.suspended_from is None else case.suspended_from.value,
        "suspended_days_left": case.suspended_days_left,
    }


def case_from_row(row: CaseRow, timeline: list[Any]) -> Case:
    """The case stored in ``row`` with its timeline entries (the reporter's phone masked)."""
    state = row.state
    if row.reporter_person_id is not None:
        reporter = Reporter.person(row.reporter_person_id)
    else:
        reporter = Reporter(
            contact=AnonymousContact(name=row.reporter_name, masked=row.reporter_phone_masked or "")
        )
    suspended_from = state.get("suspended_from")
    return Case(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        number=CaseNumber.parse(row.number),
        title=row.title,
        description=row.description,
        category_code=row.category_code,
        attributes=row.attributes,
        priority=_priority(row.priority),
        source=_source(row.source),
        location=Location(address=row.address, longitude=row.longitude, latitude=row.latitude),
        grid_id=row.grid_id,
        division_code=row.division_code,
        reporter=reporter,
        reported_at=row.reported_at,
        status=_status(row.status),
        level=_level(row.level),
        assignments=tuple(assignment_of(a) for a in state.get("assignments", ())),
        handler=optional_actor_of(state.get("handler")),
        resolver=optional_actor_of(state.get("resolver")),
        timeline=timeline,
        dispatched_at=row.dispatched_at,
        dispatched_on=row.dispatched_on,
        time_limit_days=row.time_limit_days,
        due_on=row.due_on,
        warned_on=row.warned_on,
        overdue_on=row.overdue_on,
        extensions=[extension_of(e) for e in state.get("extensions", ())],
        rework_count=row.rework_count,
        reopen_count=row.reopen_count,
        satisfaction=None if row.satisfaction is None else Satisfaction(row.satisfaction),
        duplicate_of=row.duplicate_of,
        closed_at=row.closed_at,
        closed_on=row.closed_on,
        supervision_orders=[supervision_of(o) for o in state.get("supervision_orders", ())],
        joint_meetings=[meeting_of(m) for m in state.get("joint_meetings", ())],
        suspended_from=None if suspended_from is None else CaseStatus(suspended_from),
        suspended_days_left=state.get("suspended_days_left"),
    )


async def _timelines(session: AsyncSession, case_ids: Sequence[UUID]) -> dict[UUID, list[Any]]:
    """Every timeline of ``case_ids``, in order, as domain entries."""
    timelines: dict[UUID, list[Any]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return timelines
    result = await session.execute(
        select(
            TimelineRow.case_id,
            TimelineRow.at,
            TimelineRow.action,
            TimelineRow.status,
            TimelineRow.actor,
            TimelineRow.note,
            TimelineRow.evidence,
            TimelineRow.details,
        )
        .where(TimelineRow.case_id.in_(case_ids))
        .order_by(TimelineRow.case_id, TimelineRow.position)
    )
    for case_id, *columns in result:
        timelines[case_id].append(timeline_entry(*columns))
    return timelines


async def cases_from_rows(session: AsyncSession, rows: Sequence[CaseRow]) -> list[Case]:
    """The cases stored in ``rows``, their timelines read in one query."""
    timelines = await _timelines(session, [row.id for row in rows])
    return [case_from_row(row, timelines[row.id]) for row in rows]


class CaseRepository(Repository[Case, CaseRow]):
    """Cases, for commands."""

    row_type = CaseRow

    def __init__(self, uow: UnitOfWork, protector: PiiProtector) -> None:
        super().__init__(uow)
        self._protector = protector
        self._stored_entries: dict[UUID, int] = {}
        self._stored_assignments: dict[UUID, tuple[tuple[str, str], ...]] = {}

    def to_domain(self, row: CaseRow) -> Case:
        """Not used alone: a case needs its timeline (see :meth:`to_domain_many`)."""
        raise NotImplementedError("cases load with their timelines: use to_domain_many")

    async def to_domain_many(self, rows: Sequence[CaseRow]) -> list[Case]:
        """The cases in ``rows`` with their timelines; remembers what is stored of each."""
        cases = await cases_from_rows(self.session, rows)
        for case in cases:
            self._stored_entries[case.id] = len(case.timeline)
            self._stored_assignments[case.id] = _assignee_keys(case)
        return cases

    def values(self, case: Case) -> dict[str, Any]:
        """The columns of ``case``; the reporter's columns only when the case is new."""
        visits, satisfied = return_visits(case)
        values: dict[str, Any] = {
            "number": str(case.number),
            "title": case.title,
            "description": case.description,
            "category_code": case.category_code,
            "attributes": case.attributes,
            "priority": case.priority.value,
            "source": case.source.value,
            "status": case.status.value,
            "level": case.level.value,
            "address": case.location.address,
            "longitude": case.location.longitude,
            "latitude": case.location.latitude,
            "grid_id": case.grid_id,
            "division_code": case.division_code,
            "reported_at": case.reported_at,
            "dispatched_at": case.dispatched_at,
            "dispatched_on": case.dispatched_on,
            "time_limit_days": case.time_limit_days,
            "due_on": case.due_on,
            "warned_on": case.warned_on,
            "overdue_on": case.overdue_on,
            "closed_at": case.closed_at,
            "closed_on": case.closed_on,
            "rework_count": case.rework_count,
            "reopen_count": case.reopen_count,
            "extension_count": sum(1 for e in case.extensions if e.is_approved),
            "visit_count": visits,
            "satisfied_visit_count": satisfied,
            "satisfaction": None if case.satisfaction is None else case.satisfaction.value,
            "duplicate_of": case.duplicate_of,
            "state": _state(case),
        }
        if case.persisted_version == 0:
            values.update(self._reporter_values(case.reporter))
        return values

    def _reporter_values(self, reporter: Reporter) -> dict[str, Any]:
        contact = reporter.contact
        if contact is None or contact.phone is None:
            return {"reporter_person_id": reporter.person_id}
        return {
            "reporter_person_id": None,
            "reporter_name": contact.name,
            "reporter_phone_encrypted": self._protector.encrypt(
                contact.phone, purpose=PHONE_PURPOSE
            ),
            "reporter_phone_masked": contact.masked_phone,
        }

    def not_found(self, aggregate_id: UUID) -> CaseNotFound:
        """CASE_NOT_FOUND."""
        return CaseNotFound.for_id(aggregate_id)

    async def write_parts(self, case: Case) -> None:
        """Append the timeline entries the command added; rewrite the assignees if changed."""
        stored = self._stored_entries.get(case.id, 0)
        added = case.timeline[stored:]
        if added:
            await self.session.execute(
                insert(TimelineRow),
                [
                    {"case_id": case.id, "position": stored + offset, **timeline_values(entry)}
                    for offset, entry in enumerate(added)
                ],
            )
            self._stored_entries[case.id] = len(case.timeline)
        keys = _assignee_keys(case)
        if keys != self._stored_assignments.get(case.id, ()):
            await self.session.execute(delete(AssigneeRow).where(AssigneeRow.case_id == case.id))
            if keys:
                await self.session.execute(
                    insert(AssigneeRow),
                    [{"case_id": case.id, "kind": kind, "ref": ref} for kind, ref in keys],
                )
            self._stored_assignments[case.id] = keys

    async def next_number(self, year: int) -> CaseNumber:
        """The next case number of ``year``; the year's counter row stays locked until commit."""
        last = await self.session.scalar(
            pg_insert(CaseNumberRow)
            .values(year=year, last=1)
            .on_conflict_do_update(
                index_elements=[CaseNumberRow.year], set_={"last": CaseNumberRow.last + 1}
            )
            .returning(CaseNumberRow.last)
        )
        return CaseNumber(year, int(last or 1))

    async def due_for_deadline_check(
        self, today: date, next_working_day: date, limit: int
    ) -> list[UUID]:
        """Cases on the clock whose yellow warning or red flag is due, earliest due first.

        The warning is due once no working day is left before the due date, which is when
        the due date is at most ``next_working_day`` (the first working day after today); the
        red flag once the due date has passed.
        """
        rows = await self.session.scalars(
            select(CaseRow.id)
            .where(
                CaseRow.status.in_((CaseStatus.DISPATCHED.value, CaseStatus.IN_PROGRESS.value)),
                or_(
                    and_(
                        CaseRow.warned_on.is_(None),
                        CaseRow.due_on >= today,
                        CaseRow.due_on <= next_working_day,
                    ),
                    and_(CaseRow.overdue_on.is_(None), CaseRow.due_on < today),
                ),
            )
            .order_by(CaseRow.due_on, CaseRow.id)
            .limit(limit)
        )
        return list(rows)

    async def reporter_phone(self, case_id: UUID) -> str | None:
        """The anonymous reporter's phone, decrypted (the caller audits the read)."""
        token = await self.session.scalar(
            select(CaseRow.reporter_phone_encrypted).where(CaseRow.id == case_id)
        )
        return None if token is None else self._protector.decrypt(token, purpose=PHONE_PURPOSE)


def _assignee_keys(case: Case) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((a.kind.value, a.ref) for a in case.assignments))


@dataclass(frozen=True, kw_only=True)
class CaseFilter:
    """What a list of cases is narrowed to; every field left out matches everything."""

    division_prefix: str | None = None
    """Cases whose community code starts with this (a district, subdistrict or community)."""
    grid_ids: Sequence[UUID] | None = None
    statuses: Sequence[CaseStatus] | None = None
    category_code: str | None = None
    priority: Priority | None = None
    reporter_person_id: UUID | None = None
    assignee: tuple[AssigneeKind, str] | None = None
    """Cases currently dispatched to this (kind, ref)."""
    overdue_on: date | None = None
    """Cases on the clock and past their due date on this day."""
    reported_from: datetime | None = None
    reported_before: datetime | None = None
    visible: ReadScope = EVERYTHING
    """What the caller may read; the list never goes beyond it."""


def case_key(case: Case) -> list[str]:
    """The cursor key of the case lists: when it was reported, then id."""
    return [case.reported_at.isoformat(), str(case.id)]


class CaseReads:
    """Cases for the API, each read in a session of its own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def cases(self, case_ids: Sequence[UUID]) -> list[Case | None]:
        """Cases by id, in the order asked (``None`` for an unknown id)."""
        async with self._sessions() as session:
            rows = list(await session.scalars(select(CaseRow).where(CaseRow.id.in_(case_ids))))
            found = {case.id: case for case in await cases_from_rows(session, rows)}
        return [found.get(case_id) for case_id in case_ids]

    async def case(self, case_id: UUID) -> Case:
        """One case, or CASE_NOT_FOUND (what a replayed creating request answers)."""
        [found] = await self.cases([case_id])
        if found is None:
            raise CaseNotFound.for_id(case_id)
        return found

    async def by_number(self, number: str) -> Case | None:
        """The case numbered ``number`` (``2026-000123``), if any."""
        async with self._sessions() as session:
            rows = list(await session.scalars(select(CaseRow).where(CaseRow.number == number)))
            cases = await cases_from_rows(session, rows)
        return cases[0] if cases else None

    async def list_cases(self, where: CaseFilter, request: PageRequest) -> Page[Case]:
        """One page of cases in the order they were reported (``last`` pages from the newest)."""
        statement = _filtered(select(CaseRow), where)
        async with self._sessions() as session:
            found = await fetch_page(
                session, statement, key=[CaseRow.reported_at, CaseRow.id], request=request
            )
            cases = await cases_from_rows(session, found.items)
        return Page(items=cases, has_more=found.has_more, total=found.total)


def readable_by(scope: ReadScope) -> ColumnElement[bool]:
    """The cases ``scope`` admits, in SQL (a department by its current assignments only)."""
    admitted: list[ColumnElement[bool]] = []
    if scope.division_prefix is not None:
        admitted.append(CaseRow.division_code.startswith(scope.division_prefix))
    if scope.person is not None:
        admitted.append(CaseRow.reporter_person_id == scope.person)
    if scope.department is not None:
        admitted.append(_assigned(AssigneeKind.DEPARTMENT, scope.department))
    return or_(*admitted) if admitted else false()


def _assigned(kind: AssigneeKind, ref: str) -> ColumnElement[bool]:
    return CaseRow.id.in_(
        select(AssigneeRow.case_id).where(AssigneeRow.kind == kind.value, AssigneeRow.ref == ref)
    )


def _filtered(statement: Select[Any], where: CaseFilter) -> Select[Any]:
    statement = statement.where(readable_by(where.visible))
    if where.division_prefix:
        statement = statement.where(CaseRow.division_code.startswith(where.division_prefix))
    if where.grid_ids is not None:
        statement = statement.where(CaseRow.grid_id.in_(where.grid_ids))
    if where.statuses:
        statement = statement.where(CaseRow.status.in_([s.value for s in where.statuses]))
    if where.category_code:
        statement = statement.where(CaseRow.category_code == where.category_code)
    if where.priority:
        statement = statement.where(CaseRow.priority == where.priority.value)
    if where.reporter_person_id:
        statement = statement.where(CaseRow.reporter_person_id == where.reporter_person_id)
    if where.assignee:
        statement = statement.where(_assigned(*where.assignee))
    if where.overdue_on:
        statement = statement.where(
            CaseRow.status.in_((CaseStatus.DISPATCHED.value, CaseStatus.IN_PROGRESS.value)),
            CaseRow.due_on < where.overdue_on,
        )
    if where.reported_from:
        statement = statement.where(CaseRow.reported_at >= where.reported_from)
    if where.reported_before:
        statement = statement.where(CaseRow.reported_at < where.reported_before)
    return statement

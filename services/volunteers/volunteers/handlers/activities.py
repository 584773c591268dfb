"""Commands on activities: drafting, publishing, running; sign-ups, check-in and check-out.

A sign-up locks the volunteer's registration and then the activity's row: two sign-ups for
the last place, or one volunteer's two sign-ups at the same time in different activities, are
taken one after the other, and the version compared on every write refuses a change made on a
stale read. So never more volunteers are confirmed than a shift has places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID, uuid4

from gridkit.auth import Caller
from volunteers.domain.activity import Activity
from volunteers.domain.errors import AttendanceClosed, GridNotFound
from volunteers.domain.kinds import ActivityCategory
from volunteers.domain.place import Place
from volunteers.domain.shift import Signup
from volunteers.handlers import access
from volunteers.handlers.volunteering import own_volunteer
from volunteers.unit_of_work import VolunteersUnitOfWork


@dataclass(frozen=True, kw_only=True)
class ShiftPlan:
    """A shift to add to a draft."""

    starts_at: datetime
    ends_at: datetime
    needed: int
    waitlist_limit: int = 0
    required_skills: tuple[str, ...] = ()
    label: str | None = None


@dataclass(frozen=True, kw_only=True)
class ActivityPlan:
    """What drafting an activity needs."""

    title: str
    description: str
    category: ActivityCategory
    grid_id: UUID
    place: Place
    starts_at: datetime
    ends_at: datetime
    required_skills: tuple[str, ...] = ()
    team_id: UUID | None = None
    case_id: UUID | None = None
    shifts: tuple[ShiftPlan, ...] = field(default_factory=tuple)


async def draft_activity(
    uow: VolunteersUnitOfWork, caller: Caller, plan: ActivityPlan, *, at: datetime
) -> Activity:
    """Draft an activity in a grid the caller covers; the caller organises it."""
    async with uow:
        grid = await uow.places.grid(plan.grid_id)
        division = grid.community_code if grid else None
        access.staff(caller, "organise a volunteer activity", division_code=division)
        organiser = access.person_of(caller, "organise a volunteer activity")
        if grid is None:
            raise GridNotFound.for_id(plan.grid_id)
        grid.ensure_takes_activities()
        activity = Activity.draft(
            id=uuid4(),
            title=plan.title,
            description=plan.description,
            category=plan.category,
            grid_id=plan.grid_id,
            place=plan.place,
            starts_at=plan.starts_at,
            ends_at=plan.ends_at,
            organiser_id=organiser,
            at=at,
            required_skills=plan.required_skills,
            team_id=plan.team_id,
            case_id=plan.case_id,
        )
        for shift in plan.shifts:
            _add(activity, shift, at=at, by=organiser)
        await uow.activities.add(activity)
        await uow.commit(created=activity.id)
        return activity


def _add(activity: Activity, shift: ShiftPlan, *, at: datetime, by: UUID) -> None:
    activity.add_shift(
        shift_id=uuid4(),
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        needed=shift.needed,
        at=at,
        waitlist_limit=shift.waitlist_limit,
        required_skills=shift.required_skills,
        label=shift.label,
        by=by,
    )


async def add_shifts(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    activity_id: UUID,
    shifts: Iterable[ShiftPlan],
    at: datetime,
) -> Activity:
    """Add shifts to a draft; its organiser only."""
    plans = list(shifts)

    def add(activity: Activity, by: UUID) -> None:
        for shift in plans:
            _add(activity, shift, at=at, by=by)

    return await _organise(uow, caller, activity_id, "add shifts", add)


async def publish_activity(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, at: datetime
) -> Activity:
    """Publish a draft with its shifts (发布): sign-ups open."""
    return await _organise(
        uow, caller, activity_id, "publish it", lambda activity, by: activity.publish(by=by, at=at)
    )


async def start_activity(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, at: datetime
) -> Activity:
    """Mark a published activity as under way (进行中)."""
    return await _organise(
        uow, caller, activity_id, "start it", lambda activity, by: activity.start(at=at, by=by)
    )


async def finish_activity(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, at: datetime
) -> Activity:
    """Close an activity that took place (已结束)."""
    return await _organise(
        uow, caller, activity_id, "finish it", lambda activity, by: activity.finish(at=at, by=by)
    )


async def cancel_activity(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, reason: str, at: datetime
) -> Activity:
    """Cancel an activity (取消), with the reason its volunteers are told."""
    return await _organise(
        uow,
        caller,
        activity_id,
        "cancel it",
        lambda activity, by: activity.cancel(by=by, reason=reason, at=at),
    )


async def _organise(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    activity_id: UUID,
    doing: str,
    step: Callable[[Activity, UUID], object],
) -> Activity:
    organiser = access.person_of(caller, f"organise an activity: {doing}")
    async with uow:
        activity = await uow.activities.get(activity_id, lock=True)
        activity.require_organiser(organiser, doing)
        step(activity, organiser)
        await uow.activities.save(activity)
        await uow.commit(created=activity.id)
        return activity


# Sign-ups (报名)


async def sign_up(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, shift_id: UUID, at: datetime
) -> tuple[Activity, Signup]:
    """The caller signs up for a shift: confirmed while places remain, else waitlisted."""
    person = access.person_of(caller, "sign up for a shift")
    async with uow:
        # The volunteer first, then the activity: a volunteer's sign-ups queue on their row.
        volunteer = await own_volunteer(uow, person, lock=True)
        activity = await uow.activities.get(activity_id, lock=True)
        shift = activity.shift(shift_id)
        elsewhere = await uow.activities.commitments(
            volunteer.id, starts_at=shift.starts_at, ends_at=shift.ends_at, besides=activity.id
        )
        signup = activity.sign_up(
            signup_id=uuid4(), shift_id=shift_id, volunteer=volunteer, at=at, elsewhere=elsewhere
        )
        await uow.activities.save(activity)
        await uow.commit(created=signup.id)
        return activity, signup


async def cancel_signup(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    activity_id: UUID,
    signup_id: UUID,
    cut_off: timedelta,
    at: datetime,
    reason: str | None = None,
) -> tuple[Activity, Signup]:
    """The caller cancels their sign-up until the cut-off; the first waitlisted is promoted."""
    person = access.person_of(caller, "cancel a sign-up")
    async with uow:
        volunteer = await own_volunteer(uow, person)
        activity = await uow.activities.get(activity_id, lock=True)
        signup = activity.cancel_signup(
            signup_id=signup_id,
            volunteer_id=volunteer.id,
            cancel_cut_off=cut_off,
            at=at,
            reason=reason,
        )
        await uow.activities.save(activity)
        await uow.commit(created=signup.id)
        return activity, signup


async def issue_check_in_code(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, signup_id: UUID, at: datetime
) -> str:
    """A one-time code (签到码) for the caller's next check-in or check-out, shown once."""
    person = access.person_of(caller, "get a check-in code")
    async with uow:
        volunteer = await own_volunteer(uow, person)
        activity = await uow.activities.get(activity_id, lock=True)
        code = activity.issue_code(signup_id=signup_id, volunteer_id=volunteer.id, at=at)
        await uow.activities.save(activity)
        await uow.commit(created=signup_id)
        return code


async def check(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    activity_id: UUID,
    signup_id: UUID,
    out: bool,
    at: datetime,
    code: str | None = None,
) -> tuple[Activity, Signup]:
    """Check a volunteer in or out (签到/签退): the organiser, directly or by entering the
    one-time code the volunteer shows them (which proves the volunteer is there: a volunteer
    never checks themselves in from afar)."""
    doing = "check a volunteer out" if out else "check a volunteer in"
    by = access.person_of(caller, doing)
    async with uow:
        activity = await uow.activities.get(activity_id, lock=True)
        if code is not None:
            activity.require_organiser(by, "enters a volunteer's code")
            signup = (
                activity.check_out_with_code(signup_id=signup_id, code=code, at=at)
                if out
                else activity.check_in_with_code(signup_id=signup_id, code=code, at=at)
            )
        else:
            signup = (
                activity.check_out(signup_id=signup_id, by=by, at=at)
                if out
                else activity.check_in(signup_id=signup_id, by=by, at=at)
            )
        await uow.activities.save(activity)
        await uow.commit(created=signup.id)
        return activity, signup


async def record_no_shows(uow: VolunteersUnitOfWork, *, now: datetime, batch: int = 100) -> int:
    """Mark confirmed volunteers of ended shifts who never checked in as no-shows; how many."""
    marked = 0
    async with uow:
        for activity_id in await uow.activities.finished_shifts_with_unattended(now, batch=batch):
            activity = await uow.activities.get(activity_id, lock=True)
            for shift in activity.shifts:
                if shift.ends_at <= now:
                    with suppress(AttendanceClosed):  # closed since the query: next run
                        marked += len(activity.record_no_shows(shift_id=shift.id, at=now))
            await uow.activities.save(activity)
        await uow.commit()
    return marked


async def revise_activity(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    activity_id: UUID,
    at: datetime,
    changes: dict[str, object],
) -> Activity:
    """Change a draft's details (title, description, times, skills ...); its organiser only.

    ``changes`` names the fields to change by the domain's names; the others stay.
    """
    return await _organise(
        uow,
        caller,
        activity_id,
        "revise it",
        lambda activity, by: activity.revise(at=at, by=by, **changes),  # type: ignore[arg-type]
    )


async def remove_shift(
    uow: VolunteersUnitOfWork, caller: Caller, *, activity_id: UUID, shift_id: UUID, at: datetime
) -> Activity:
    """Take a shift out of a draft; its organiser only."""
    return await _organise(
        uow,
        caller,
        activity_id,
        "remove a shift",
        lambda activity, by: activity.remove_shift(shift_id=shift_id, at=at, by=by),
    )

"""The volunteers subgraph's mutations: registering, teams, activities, sign-ups, attendance,
service records and certificates.

Every mutation but ``issueCheckInCode`` (each call issues a new code, by design) takes
``clientMutationId`` (or the ``Idempotency-Key`` header): a retry with the
same key answers the first result instead of running the step again. A refused step answers a
coded error (``SHIFT_FULL``, ``SIGNUP_COLLISION``, ``CHECK_OUT_BEFORE_CHECK_IN``,
``RECORD_NOT_ORGANISER`` ...) and changes nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import strawberry

from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id
from volunteers.domain.errors import SignupNotFound
from volunteers.domain.kinds import ActivityCategory, TeamKind
from volunteers.domain.place import Place
from volunteers.handlers import activities, records, volunteering
from volunteers.handlers.activities import ActivityPlan, ShiftPlan
from volunteers.handlers.certificates import issued_certificate
from volunteers.schema.context import Info, VolunteersContext
from volunteers.schema.steps import (
    activity_of,
    membership_of,
    once,
    own_membership_of,
    record_of,
    team_of,
    volunteer_of,
)
from volunteers.schema.types import (
    Activity,
    Certificate,
    Membership,
    ServiceRecord,
    Signup,
    Volunteer,
    VolunteerTeam,
)


def _ids(values: list[strawberry.ID], what: str) -> list[UUID]:
    return [parse_id(value, what=what) for value in values]


@strawberry.input(description="A shift of an activity.")
class ShiftInput:
    starts_at: datetime = strawberry.field(description="When it starts (with its offset).")
    ends_at: datetime = strawberry.field(description="When it ends.")
    needed: int = strawberry.field(description="Volunteers needed (its places), 1 or more.")
    waitlist_limit: int = strawberry.field(
        default=0, description="How many may wait once it is full; 0: no waitlist."
    )
    required_skills: list[str] = strawberry.field(
        default_factory=list, description="Skills it needs on top of the activity's."
    )
    label: str | None = strawberry.field(default=None, description="A name: 上午班.")

    def to_plan(self) -> ShiftPlan:
        """The shift this input describes."""
        return ShiftPlan(
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            needed=self.needed,
            waitlist_limit=self.waitlist_limit,
            required_skills=tuple(self.required_skills),
            label=self.label,
        )


@strawberry.input(description="An activity to draft; the caller organises it.")
class DraftActivityInput:
    title: str = strawberry.field(description="What it is, in a line.")
    description: str = strawberry.field(description="What volunteers will do.")
    category: ActivityCategory = strawberry.field(description="The field it serves in.")
    grid_id: strawberry.ID = strawberry.field(description="The grid it serves.")
    starts_at: datetime = strawberry.field(description="When it starts.")
    ends_at: datetime = strawberry.field(description="When it ends.")
    address: str | None = strawberry.field(default=None, description="Where, as people say it.")
    micro_position_id: strawberry.ID | None = strawberry.field(
        default=None, description="Or a micro-position (党群活动微阵地) of org."
    )
    required_skills: list[str] = strawberry.field(default_factory=list)
    team_id: strawberry.ID | None = strawberry.field(default=None, description="Its team.")
    case_id: strawberry.ID | None = strawberry.field(
        default=None, description="The case (诉求) it answers."
    )
    shifts: list[ShiftInput] = strawberry.field(default_factory=list)
    client_mutation_id: ClientMutationId = None

    def to_plan(self) -> ActivityPlan:
        """The activity this input describes."""
        return ActivityPlan(
            title=self.title,
            description=self.description,
            category=self.category,
            grid_id=parse_id(self.grid_id, what="gridId"),
            place=Place(
                micro_position_id=parse_id(self.micro_position_id, what="microPositionId")
                if self.micro_position_id
                else None,
                address=self.address,
            ),
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            required_skills=tuple(self.required_skills),
            team_id=parse_id(self.team_id, what="teamId") if self.team_id else None,
            case_id=parse_id(self.case_id, what="caseId") if self.case_id else None,
            shifts=tuple(shift.to_plan() for shift in self.shifts),
        )


@strawberry.type(description="A sign-up as a step left it, with its activity.")
class SignupPayload:
    activity: Activity = strawberry.field(description="The activity, its shifts as they stand.")
    signup: Signup = strawberry.field(description="The sign-up the step was about.")


@strawberry.type(description="A one-time check-in code (签到码), shown once.")
class CheckInCode:
    code: str = strawberry.field(description="Show it to the organiser; it serves one check.")


def _signup_payload(activity: Activity, signup_id: UUID) -> SignupPayload:
    for shift in activity.shifts:
        for signup in shift.signups:
            if signup.id == str(signup_id):
                return SignupPayload(activity=activity, signup=signup)
    raise SignupNotFound.for_id(signup_id)


async def _signup_replay(context: VolunteersContext, activity_id: UUID, signup_id: UUID) -> Any:
    return _signup_payload(await activity_of(context, activity_id), signup_id)


@strawberry.type
class VolunteersMutation:
    @strawberry.mutation(
        description="Register as a volunteer (志愿者注册): yourself, or, as staff, the person "
        "named. VOLUNTEER_ALREADY_REGISTERED for a second registration."
    )
    async def register_volunteer(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        skills: list[str] | None = None,
        availability: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Volunteer:
        context = info.context
        person = parse_id(person_id, what="personId") if person_id else None

        async def run(uow: Any) -> Volunteer:
            registered = await volunteering.register_volunteer(
                uow,
                context.caller,
                district_code=context.settings.district_code,
                at=context.now,
                person_id=person,
                skills=skills or (),
                availability=availability,
            )
            return Volunteer.from_domain(registered)

        arguments = {"person": person_id, "skills": skills, "availability": availability}
        return await once(
            context,
            "registerVolunteer",
            arguments,
            client_mutation_id,
            run,
            lambda found: volunteer_of(context, found),
        )

    @strawberry.mutation(description="Form a skill or unit team (staff).")
    async def form_volunteer_team(
        self,
        info: Info,
        name: str,
        kind: TeamKind,
        skill: str | None = None,
        unit_id: strawberry.ID | None = None,
        grid_id: strawberry.ID | None = None,
        description: str | None = None,
        leader_ids: list[strawberry.ID] | None = None,
        approval_required: bool = True,
        client_mutation_id: ClientMutationId = None,
    ) -> VolunteerTeam:
        context = info.context

        async def run(uow: Any) -> VolunteerTeam:
            team = await volunteering.form_team(
                uow,
                context.caller,
                name=name,
                kind=kind,
                at=context.now,
                skill=skill,
                unit_id=parse_id(unit_id, what="unitId") if unit_id else None,
                grid_id=parse_id(grid_id, what="gridId") if grid_id else None,
                description=description,
                leader_ids=_ids(leader_ids or [], "leaderIds"),
                approval_required=approval_required,
            )
            return VolunteerTeam.from_domain(team)

        arguments = {
            "name": name,
            "kind": kind.value,
            "skill": skill,
            "unit": unit_id,
            "grid": grid_id,
            "description": description,
            "leaders": leader_ids,
            "approval": approval_required,
        }
        return await once(
            context,
            "formVolunteerTeam",
            arguments,
            client_mutation_id,
            run,
            lambda team_id: team_of(context, team_id),
        )

    @strawberry.mutation(description="Make a person a leader (队长) of a team (staff).")
    async def appoint_team_leader(
        self,
        info: Info,
        team_id: strawberry.ID,
        person_id: strawberry.ID,
        client_mutation_id: ClientMutationId = None,
    ) -> VolunteerTeam:
        context = info.context
        team, person = parse_id(team_id, what="teamId"), parse_id(person_id, what="personId")

        async def run(uow: Any) -> VolunteerTeam:
            done = await volunteering.appoint_team_leader(
                uow, context.caller, team_id=team, person_id=person, at=context.now
            )
            return VolunteerTeam.from_domain(done)

        arguments = {"team": team_id, "person": person_id}
        return await once(
            context,
            "appointTeamLeader",
            arguments,
            client_mutation_id,
            run,
            lambda found: team_of(context, found),
        )

    @strawberry.mutation(
        description="Ask to join a team: a member at once, or PENDING until a leader decides."
    )
    async def join_volunteer_team(
        self, info: Info, team_id: strawberry.ID, client_mutation_id: ClientMutationId = None
    ) -> Membership:
        context = info.context
        team = parse_id(team_id, what="teamId")

        async def run(uow: Any) -> Membership:
            joined, membership = await volunteering.join_team(
                uow, context.caller, team_id=team, at=context.now
            )
            return Membership.from_domain(membership, joined)

        return await once(
            context,
            "joinVolunteerTeam",
            {"team": team_id},
            client_mutation_id,
            run,
            lambda _: own_membership_of(context, team),
        )

    @strawberry.mutation(description="A team leader approves or rejects a request to join.")
    async def decide_join_request(
        self,
        info: Info,
        team_id: strawberry.ID,
        volunteer_id: strawberry.ID,
        approve: bool,
        reason: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Membership:
        context = info.context
        team = parse_id(team_id, what="teamId")
        volunteer = parse_id(volunteer_id, what="volunteerId")

        async def run(uow: Any) -> Membership:
            decided, membership = await volunteering.decide_join_request(
                uow,
                context.caller,
                team_id=team,
                volunteer_id=volunteer,
                approve=approve,
                at=context.now,
                reason=reason,
            )
            return Membership.from_domain(membership, decided)

        arguments = {
            "team": team_id,
            "volunteer": volunteer_id,
            "approve": approve,
            "reason": reason,
        }
        return await once(
            context,
            "decideJoinRequest",
            arguments,
            client_mutation_id,
            run,
            lambda _: membership_of(context, team, volunteer),
        )

    @strawberry.mutation(description="Leave a team, or withdraw a pending request.")
    async def leave_volunteer_team(
        self, info: Info, team_id: strawberry.ID, client_mutation_id: ClientMutationId = None
    ) -> Membership:
        context = info.context
        team = parse_id(team_id, what="teamId")

        async def run(uow: Any) -> Membership:
            left, membership = await volunteering.leave_team(
                uow, context.caller, team_id=team, at=context.now
            )
            return Membership.from_domain(membership, left)

        return await once(
            context,
            "leaveVolunteerTeam",
            {"team": team_id},
            client_mutation_id,
            run,
            lambda _: own_membership_of(context, team),
        )

    # Activities

    @strawberry.mutation(description="Draft an activity (草稿) with its shifts; you organise it.")
    async def draft_activity(self, info: Info, input: DraftActivityInput) -> Activity:
        context = info.context
        plan = input.to_plan()

        async def run(uow: Any) -> Activity:
            return Activity.from_domain(
                await activities.draft_activity(uow, context.caller, plan, at=context.now)
            )

        arguments = plan  # the whole draft: a key reused for another is refused
        return await once(
            context,
            "draftActivity",
            arguments,
            input.client_mutation_id,
            run,
            lambda found: activity_of(context, found),
        )

    @strawberry.mutation(description="Add shifts to a draft (its organiser).")
    async def add_activity_shifts(
        self,
        info: Info,
        activity_id: strawberry.ID,
        shifts: list[ShiftInput],
        client_mutation_id: ClientMutationId = None,
    ) -> Activity:
        context = info.context
        activity = parse_id(activity_id, what="activityId")
        plans = [shift.to_plan() for shift in shifts]

        async def run(uow: Any) -> Activity:
            return Activity.from_domain(
                await activities.add_shifts(
                    uow, context.caller, activity_id=activity, shifts=plans, at=context.now
                )
            )

        arguments = {"activity": activity_id, "shifts": plans}
        return await once(
            context,
            "addActivityShifts",
            arguments,
            client_mutation_id,
            run,
            lambda found: activity_of(context, found),
        )

    @strawberry.mutation(description="Publish a draft (发布): sign-ups open. Its organiser.")
    async def publish_activity(
        self, info: Info, activity_id: strawberry.ID, client_mutation_id: ClientMutationId = None
    ) -> Activity:
        return await _activity_step(
            info, "publishActivity", activity_id, client_mutation_id, activities.publish_activity
        )

    @strawberry.mutation(description="Mark a published activity under way: check-in opens.")
    async def start_activity(
        self, info: Info, activity_id: strawberry.ID, client_mutation_id: ClientMutationId = None
    ) -> Activity:
        return await _activity_step(
            info, "startActivity", activity_id, client_mutation_id, activities.start_activity
        )

    @strawberry.mutation(description="Close an activity that took place.")
    async def finish_activity(
        self, info: Info, activity_id: strawberry.ID, client_mutation_id: ClientMutationId = None
    ) -> Activity:
        return await _activity_step(
            info, "finishActivity", activity_id, client_mutation_id, activities.finish_activity
        )

    @strawberry.mutation(
        description="Cancel an activity (取消), saying why; its sign-ups are cancelled with it."
    )
    async def cancel_activity(
        self,
        info: Info,
        activity_id: strawberry.ID,
        reason: str,
        client_mutation_id: ClientMutationId = None,
    ) -> Activity:
        context = info.context
        activity = parse_id(activity_id, what="activityId")

        async def run(uow: Any) -> Activity:
            return Activity.from_domain(
                await activities.cancel_activity(
                    uow, context.caller, activity_id=activity, reason=reason, at=context.now
                )
            )

        return await once(
            context,
            "cancelActivity",
            {"activity": activity_id, "reason": reason},
            client_mutation_id,
            run,
            lambda found: activity_of(context, found),
        )

    # Sign-ups and attendance

    @strawberry.mutation(
        description="Sign up for a shift (报名): CONFIRMED while places remain, else WAITLISTED; "
        "SHIFT_FULL when the waitlist is full too, SIGNUP_COLLISION when you are busy then, "
        "SKILL_MISSING without a required skill."
    )
    async def sign_up(
        self,
        info: Info,
        activity_id: strawberry.ID,
        shift_id: strawberry.ID,
        client_mutation_id: ClientMutationId = None,
    ) -> SignupPayload:
        context = info.context
        activity, shift = (
            parse_id(activity_id, what="activityId"),
            parse_id(shift_id, what="shiftId"),
        )

        async def run(uow: Any) -> SignupPayload:
            done, signup = await activities.sign_up(
                uow, context.caller, activity_id=activity, shift_id=shift, at=context.now
            )
            return _signup_payload(Activity.from_domain(done), signup.id)

        return await once(
            context,
            "signUp",
            {"activity": activity_id, "shift": shift_id},
            client_mutation_id,
            run,
            lambda signup_id: _signup_replay(context, activity, signup_id),
        )

    @strawberry.mutation(
        description="Cancel your sign-up, until the cut-off before the shift "
        "(SIGNUP_CANCEL_TOO_LATE after it); the first waitlisted takes the place."
    )
    async def cancel_signup(
        self,
        info: Info,
        activity_id: strawberry.ID,
        signup_id: strawberry.ID,
        reason: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> SignupPayload:
        context = info.context
        activity, signup = (
            parse_id(activity_id, what="activityId"),
            parse_id(signup_id, what="signupId"),
        )
        cut_off = timedelta(hours=context.settings.cancel_cutoff_hours)

        async def run(uow: Any) -> SignupPayload:
            done, cancelled = await activities.cancel_signup(
                uow,
                context.caller,
                activity_id=activity,
                signup_id=signup,
                cut_off=cut_off,
                at=context.now,
                reason=reason,
            )
            return _signup_payload(Activity.from_domain(done), cancelled.id)

        return await once(
            context,
            "cancelSignup",
            {"activity": activity_id, "signup": signup_id, "reason": reason},
            client_mutation_id,
            run,
            lambda found: _signup_replay(context, activity, found),
        )

    @strawberry.mutation(
        description="A one-time code for your next check-in or check-out (签到码): shown once, "
        "only its hash is kept, and it serves one check."
    )
    async def issue_check_in_code(
        self, info: Info, activity_id: strawberry.ID, signup_id: strawberry.ID
    ) -> CheckInCode:
        context = info.context
        code = await activities.issue_check_in_code(
            context.unit_of_work(),
            context.caller,
            activity_id=parse_id(activity_id, what="activityId"),
            signup_id=parse_id(signup_id, what="signupId"),
            at=context.now,
        )
        return CheckInCode(code=code)

    @strawberry.mutation(
        description="Check a volunteer in (签到): the organiser, directly or by entering the "
        "one-time code the volunteer shows them."
    )
    async def check_in(
        self,
        info: Info,
        activity_id: strawberry.ID,
        signup_id: strawberry.ID,
        code: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> SignupPayload:
        return await _check(info, activity_id, signup_id, code, client_mutation_id, out=False)

    @strawberry.mutation(
        description="Check a volunteer out (签退): CHECK_OUT_BEFORE_CHECK_IN when they never "
        "checked in."
    )
    async def check_out(
        self,
        info: Info,
        activity_id: strawberry.ID,
        signup_id: strawberry.ID,
        code: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> SignupPayload:
        return await _check(info, activity_id, signup_id, code, client_mutation_id, out=True)

    # Service records and certificates

    @strawberry.mutation(
        description="Record a checked-out volunteer's service (谁组织谁记录: the organiser "
        "only): hours from check-in to check-out, and what they did."
    )
    async def record_service(
        self,
        info: Info,
        activity_id: strawberry.ID,
        signup_id: strawberry.ID,
        content: str,
        client_mutation_id: ClientMutationId = None,
    ) -> ServiceRecord:
        context = info.context
        activity, signup = (
            parse_id(activity_id, what="activityId"),
            parse_id(signup_id, what="signupId"),
        )

        async def run(uow: Any) -> ServiceRecord:
            record = await records.record_service(
                uow,
                context.caller,
                activity_id=activity,
                signup_id=signup,
                content=content,
                timezone=context.settings.timezone,
                at=context.now,
            )
            return ServiceRecord.from_domain(record)

        return await once(
            context,
            "recordService",
            {"signup": signup_id, "content": content},
            client_mutation_id,
            run,
            lambda found: record_of(context, found),
        )

    @strawberry.mutation(description="Ask for your record to be corrected (申请更正).")
    async def request_record_correction(
        self,
        info: Info,
        record_id: strawberry.ID,
        reason: str,
        hours: Decimal | None = None,
        content: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> ServiceRecord:
        context = info.context
        record = parse_id(record_id, what="recordId")

        async def run(uow: Any) -> ServiceRecord:
            done = await records.request_correction(
                uow,
                context.caller,
                record_id=record,
                reason=reason,
                at=context.now,
                hours=hours,
                content=content,
            )
            return ServiceRecord.from_domain(done)

        arguments = {"record": record_id, "reason": reason, "hours": hours, "content": content}
        return await once(
            context,
            "requestRecordCorrection",
            arguments,
            client_mutation_id,
            run,
            lambda found: record_of(context, found),
        )

    @strawberry.mutation(
        description="The organiser applies the pending correction (a new version; the "
        "original stays) or rejects it."
    )
    async def decide_record_correction(
        self,
        info: Info,
        record_id: strawberry.ID,
        apply: bool,
        hours: Decimal | None = None,
        content: str | None = None,
        note: str | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> ServiceRecord:
        context = info.context
        record = parse_id(record_id, what="recordId")

        async def run(uow: Any) -> ServiceRecord:
            done = await records.decide_correction(
                uow,
                context.caller,
                record_id=record,
                apply=apply,
                at=context.now,
                hours=hours,
                content=content,
                note=note,
            )
            return ServiceRecord.from_domain(done)

        arguments = {
            "record": record_id,
            "apply": apply,
            "hours": hours,
            "content": content,
            "note": note,
        }
        return await once(
            context,
            "decideRecordCorrection",
            arguments,
            client_mutation_id,
            run,
            lambda found: record_of(context, found),
        )

    @strawberry.mutation(
        description="Issue a service certificate (志愿服务证明) for a volunteer's service in a "
        "period, in a team's name (its leader, or staff)."
    )
    async def issue_service_certificate(
        self,
        info: Info,
        volunteer_id: strawberry.ID,
        team_id: strawberry.ID,
        start: date,
        end: date,
        client_mutation_id: ClientMutationId = None,
    ) -> Certificate:
        context = info.context
        volunteer, team = (
            parse_id(volunteer_id, what="volunteerId"),
            parse_id(team_id, what="teamId"),
        )

        async def run(uow: Any) -> Certificate:
            issued = await records.issue_certificate(
                uow,
                context.caller,
                volunteer_id=volunteer,
                team_id=team,
                start=start,
                end=end,
                verify_url=context.settings.certificate_verify_url,
                timezone=context.settings.timezone,
                at=context.now,
            )
            return Certificate.from_domain(issued)

        async def replay(certificate_id: UUID) -> Certificate:
            issued = await issued_certificate(certificate_id, sessions=context.sessions)
            return Certificate.from_domain(issued)

        arguments = {"volunteer": volunteer_id, "team": team_id, "start": start, "end": end}
        return await once(
            context, "issueServiceCertificate", arguments, client_mutation_id, run, replay
        )


async def _activity_step(
    info: Info,
    operation: str,
    activity_id: strawberry.ID,
    client_mutation_id: str | None,
    step: Callable[..., Awaitable[Any]],
) -> Activity:
    context = info.context
    activity = parse_id(activity_id, what="activityId")

    async def run(uow: Any) -> Activity:
        done = await step(uow, context.caller, activity_id=activity, at=context.now)
        return Activity.from_domain(done)

    return await once(
        context,
        operation,
        {"activity": activity_id},
        client_mutation_id,
        run,
        lambda found: activity_of(context, found),
    )


async def _check(
    info: Info,
    activity_id: strawberry.ID,
    signup_id: strawberry.ID,
    code: str | None,
    client_mutation_id: str | None,
    *,
    out: bool,
) -> SignupPayload:
    context = info.context
    activity, signup = (
        parse_id(activity_id, what="activityId"),
        parse_id(signup_id, what="signupId"),
    )

    async def run(uow: Any) -> SignupPayload:
        done, checked = await activities.check(
            uow,
            context.caller,
            activity_id=activity,
            signup_id=signup,
            out=out,
            at=context.now,
            code=code,
        )
        return _signup_payload(Activity.from_domain(done), checked.id)

    operation = "checkOut" if out else "checkIn"
    return await once(
        context,
        operation,
        {"signup": signup_id, "out": out, "code": code},
        client_mutation_id,
        run,
        lambda found: _signup_replay(context, activity, found),
    )

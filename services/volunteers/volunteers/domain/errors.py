"""Errors of the volunteers domain, each with a stable code the GraphQL layer passes on.

Codes name the thing that was wrong, without a service prefix: ``SHIFT_FULL``,
``SIGNUP_COLLISION``, ``RECORD_NOT_ORGANISER``. Handlers raise the not-found
errors (and the conflicts a database constraint holds under concurrency); the
aggregates and value objects raise the rest. Details are plain strings and
numbers so they can travel in ``extensions.details`` as they are.
"""

from __future__ import annotations

from typing import ClassVar

from gridkit.errors import Conflict, Forbidden, InvalidInput, MissingById, NotFound

# Plain values


class InvalidText(InvalidInput):
    """A title, description, content or reason is missing, not text, or too long."""

    code: ClassVar[str] = "TEXT_INVALID"


class InvalidVolunteerNumber(InvalidInput):
    """A volunteer number (志愿者编号) is ``V``, a 6-digit district code, an 8-digit sequence."""

    code: ClassVar[str] = "VOLUNTEER_NUMBER_INVALID"


class InvalidSkill(InvalidInput):
    """A skill code is 2 to 32 capital letters, digits and underscores: ``FIRST_AID``."""

    code: ClassVar[str] = "SKILL_INVALID"


class InvalidPlace(InvalidInput):
    """A place is a micro-position (党群活动微阵地), an address, or both; not neither."""

    code: ClassVar[str] = "ACTIVITY_PLACE_INVALID"


class InvalidSchedule(InvalidInput):
    """An end comes at or before its start, or a shift lies outside its activity."""

    code: ClassVar[str] = "ACTIVITY_SCHEDULE_INVALID"


class InvalidShift(InvalidInput):
    """A shift needs one volunteer or more, and a waitlist limit of zero or more."""

    code: ClassVar[str] = "SHIFT_INVALID"


class InvalidHours(InvalidInput):
    """Service hours are 0 to 24 for one record, in tenths of an hour."""

    code: ClassVar[str] = "RECORD_HOURS_INVALID"


class InvalidPeriod(InvalidInput):
    """A period's last day comes before its first."""

    code: ClassVar[str] = "RECORD_PERIOD_INVALID"


# Not found


class TeamNotFound(MissingById):
    """No volunteer team with that id."""

    code: ClassVar[str] = "TEAM_NOT_FOUND"
    subject: ClassVar[str] = "Volunteer team"


class VolunteerNotFound(MissingById):
    """No registered volunteer with that id (or for that person)."""

    code: ClassVar[str] = "VOLUNTEER_NOT_FOUND"
    subject: ClassVar[str] = "Volunteer"


class ActivityNotFound(MissingById):
    """No activity with that id."""

    code: ClassVar[str] = "ACTIVITY_NOT_FOUND"
    subject: ClassVar[str] = "Activity"


class ShiftNotFound(MissingById):
    """The activity has no shift with that id."""

    code: ClassVar[str] = "SHIFT_NOT_FOUND"
    subject: ClassVar[str] = "Shift"


class SignupNotFound(MissingById):
    """The activity has no sign-up with that id."""

    code: ClassVar[str] = "SIGNUP_NOT_FOUND"
    subject: ClassVar[str] = "Sign-up"


class GridNotFound(MissingById):
    """The service has not heard of the grid from org (or it was retired)."""

    code: ClassVar[str] = "GRID_NOT_FOUND"
    subject: ClassVar[str] = "Grid"


class GridRetired(Conflict):
    """The grid was retired: it takes no new activities."""

    code: ClassVar[str] = "GRID_RETIRED"


class PersonNotKnown(NotFound):
    """The person is not known from personnel's events yet, so their name cannot be shown."""

    code: ClassVar[str] = "PERSON_NOT_KNOWN"


class ServiceRecordNotFound(MissingById):
    """No service record with that id."""

    code: ClassVar[str] = "RECORD_NOT_FOUND"
    subject: ClassVar[str] = "Service record"


# Teams (志愿服务队)


class InvalidTeam(InvalidInput):
    """A team's kind does not fit what it names: a grid team comes from its grid, a skill
    team names its skill, a unit team its unit."""

    code: ClassVar[str] = "TEAM_INVALID"


class NotATeamLeader(Forbidden):
    """Only a leader of the team decides on requests to join it."""

    code: ClassVar[str] = "TEAM_NOT_LEADER"


class TeamLeaderAlreadyAppointed(Conflict):
    """The person already leads the team."""

    code: ClassVar[str] = "TEAM_ALREADY_LEADER"


class TeamLeaderNotFound(NotFound):
    """The person does not lead the team, so cannot be removed as its leader."""

    code: ClassVar[str] = "TEAM_LEADER_NOT_FOUND"


class AlreadyInTeam(Conflict):
    """The volunteer is a member of the team already, or has a request waiting."""

    code: ClassVar[str] = "TEAM_ALREADY_MEMBER"


class NoJoinRequest(Conflict):
    """The volunteer has no request to join the team waiting for a decision."""

    code: ClassVar[str] = "TEAM_NO_PENDING_REQUEST"


class NotInTeam(Conflict):
    """The volunteer is neither a member of the team nor waiting to become one."""

    code: ClassVar[str] = "TEAM_NOT_MEMBER"


# Volunteers (志愿者)


class VolunteerAlreadyRegistered(Conflict):
    """The person is registered as a volunteer already (one registration per person)."""

    code: ClassVar[str] = "VOLUNTEER_ALREADY_REGISTERED"


class IllegalVolunteerTransition(Conflict):
    """The step does not follow from where the volunteer stands."""

    code: ClassVar[str] = "VOLUNTEER_ILLEGAL_TRANSITION"


class VolunteerNotActive(Conflict):
    """A suspended or departed volunteer joins no team and signs up for nothing."""

    code: ClassVar[str] = "VOLUNTEER_NOT_ACTIVE"


# Activities (志愿服务活动)


class IllegalActivityTransition(Conflict):
    """The step does not follow from where the activity stands."""

    code: ClassVar[str] = "ACTIVITY_ILLEGAL_TRANSITION"


class ActivityNotDraft(Conflict):
    """An activity and its shifts are edited only while it is a draft."""

    code: ClassVar[str] = "ACTIVITY_NOT_DRAFT"


class ActivityHasNoShifts(Conflict):
    """An activity is published with one shift or more to sign up for."""

    code: ClassVar[str] = "ACTIVITY_HAS_NO_SHIFTS"


class ActivityNotOpen(Conflict):
    """Sign-ups are taken and cancelled while the activity is published or ongoing."""

    code: ClassVar[str] = "ACTIVITY_NOT_OPEN"


class AttendanceClosed(Conflict):
    """Check-in happens while the activity is ongoing; check-out and no-shows also after
    it finished, never on a draft, a published or a cancelled activity."""

    code: ClassVar[str] = "ACTIVITY_ATTENDANCE_CLOSED"


class NotTheOrganiser(Forbidden):
    """Only the activity's organiser checks volunteers in and out on their list."""

    code: ClassVar[str] = "ACTIVITY_NOT_ORGANISER"


class RecordOnCancelledActivity(Conflict):
    """A cancelled activity gives nobody service hours."""

    code: ClassVar[str] = "ACTIVITY_CANCELLED"


# Shifts and sign-ups (班次与报名)


class ShiftFull(Conflict):
    """Every place of the shift is taken and its waitlist is full, or it has none."""

    code: ClassVar[str] = "SHIFT_FULL"


class ShiftEnded(Conflict):
    """The shift is over; nobody signs up for it any more."""

    code: ClassVar[str] = "SHIFT_ENDED"


class ShiftNotOver(Conflict):
    """No-shows are recorded once the shift has ended, not before."""

    code: ClassVar[str] = "SHIFT_NOT_OVER"


class AlreadySignedUp(Conflict):
    """The volunteer has signed up for the shift already."""

    code: ClassVar[str] = "SIGNUP_DUPLICATE"


class SignupCollision(Conflict):
    """The shift overlaps another shift the volunteer is signed up for."""

    code: ClassVar[str] = "SIGNUP_COLLISION"


class SkillMissing(Conflict):
    """The shift needs a skill the volunteer has not registered."""

    code: ClassVar[str] = "SKILL_MISSING"


class NotYourSignup(Forbidden):
    """A volunteer cancels their own sign-up, nobody else's."""

    code: ClassVar[str] = "SIGNUP_NOT_YOURS"


class CancelTooLate(Conflict):
    """A confirmed place is cancelled up to the cut-off before the shift starts, not later."""

    code: ClassVar[str] = "SIGNUP_CANCEL_TOO_LATE"


class IllegalSignupTransition(Conflict):
    """The step does not follow from where the sign-up stands."""

    code: ClassVar[str] = "SIGNUP_ILLEGAL_TRANSITION"


class CheckOutBeforeCheckIn(Conflict):
    """A volunteer checks out after checking in: not before, and not without."""

    code: ClassVar[str] = "CHECK_OUT_BEFORE_CHECK_IN"


class InvalidCheckInCode(Forbidden):
    """The code shown is not the one issued for the sign-up, or none was issued."""

    code: ClassVar[str] = "SIGNUP_CODE_INVALID"


class CheckInCodeUsed(Conflict):
    """A one-time code (签到码) serves once; a new one is issued for the next check."""

    code: ClassVar[str] = "SIGNUP_CODE_USED"


# Service records (志愿服务记录)


class RecordNotOrganiser(Forbidden):
    """Whoever organised the activity records its service, and corrects it (谁组织谁记录)."""

    code: ClassVar[str] = "RECORD_NOT_ORGANISER"


class RecordNotVolunteer(Forbidden):
    """Only the volunteer the record is about asks for it to be corrected."""

    code: ClassVar[str] = "RECORD_NOT_VOLUNTEER"


class NoAttendance(Conflict):
    """Service is recorded for a sign-up that checked in and out: the time served is known."""

    code: ClassVar[str] = "RECORD_NO_ATTENDANCE"


class RecordAlreadyExists(Conflict):
    """The sign-up's service is recorded already; a change goes through a correction."""

    code: ClassVar[str] = "RECORD_ALREADY_EXISTS"


class InvalidCorrection(InvalidInput):
    """A correction request says why, and asks for other hours, other content, or both."""

    code: ClassVar[str] = "CORRECTION_INVALID"


class CorrectionAlreadyPending(Conflict):
    """One correction request waits for the organiser at a time."""

    code: ClassVar[str] = "CORRECTION_ALREADY_PENDING"


class NoPendingCorrection(Conflict):
    """There is no correction request to decide on."""

    code: ClassVar[str] = "CORRECTION_NOT_PENDING"

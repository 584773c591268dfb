"""Service records (志愿服务记录): the hours a volunteer served, and what they did.

Under the rules on service records (志愿服务记录与证明出具办法, 民政部令第67号):

* whoever organised the activity records its service (谁组织谁记录): only the
  activity's organiser records, and never on a cancelled activity;
* the hours are the time actually served, from check-in to check-out, without
  travel (:func:`~volunteers.domain.hours.service_hours`);
* a record is corrected on the volunteer's request: the volunteer files a
  correction request (申请更正), the organiser applies or rejects it, and the
  original stays. The record keeps every version, the first one included.

One record is written per attended sign-up, so one per volunteer, activity and
shift; the repository holds that with a unique constraint on ``signup_id``
(:class:`~volunteers.domain.errors.RecordAlreadyExists`). :func:`hours_in_period`
sums a volunteer's records over a period, as a certificate (志愿服务证明) needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from gridkit.domain import Aggregate
from volunteers.domain.activity import Activity
from volunteers.domain.errors import (
    CorrectionAlreadyPending,
    InvalidCorrection,
    InvalidPeriod,
    NoAttendance,
    NoPendingCorrection,
    RecordNotOrganiser,
    RecordNotVolunteer,
    RecordOnCancelledActivity,
)
from volunteers.domain.events import (
    CorrectionRejected,
    CorrectionRequested,
    HoursRecorded,
    RecordCorrected,
    ServiceRecordEvent,
)
from volunteers.domain.hours import hours as parse_hours
from volunteers.domain.hours import service_hours
from volunteers.domain.kinds import ActivityStatus, CorrectionStatus, SignupStatus
from volunteers.domain.moments import aware
from volunteers.domain.text import clean_text, optional_text

__all__ = [
    "Correction",
    "RecordVersion",
    "ServiceRecord",
    "ServiceSummary",
    "ServiceSummaryLine",
    "hours_in_period",
]

CONTENT_MAX_LENGTH = 200
"""As long as a certificate's service line may be (志愿服务证明)."""
REASON_MAX_LENGTH = 500

_E = TypeVar("_E", bound=ServiceRecordEvent)


@dataclass(frozen=True, kw_only=True)
class RecordVersion:
    """One version of a record: the original (number 1), or one made by a correction."""

    number: int
    """1 for the original, 2 for the first correction, and so on."""
    hours: Decimal
    content: str
    """What the volunteer did (服务内容)."""
    made_at: datetime
    made_by: UUID
    """The organiser who recorded or corrected it (a person id)."""
    correction_number: int | None = None
    """The correction this version applied; ``None`` for the original."""
    reason: str | None = None
    """Why the record was corrected, as the volunteer asked; ``None`` for the original."""

    @property
    def is_original(self) -> bool:
        """Whether this is the record as first written."""
        return self.number == 1


@dataclass(frozen=True, kw_only=True)
class Correction:
    """A volunteer's request to correct their record (更正申请), and the organiser's answer."""

    number: int
    """1 for the record's first request."""
    requested_by: UUID
    """The volunteer who asked (a volunteer id)."""
    requested_at: datetime
    reason: str
    """Why, in the volunteer's words: 签退时忘记扫码，实际服务至 12:00."""
    hours: Decimal | None = None
    """The hours asked for, if they should change."""
    content: str | None = None
    """The content asked for, if it should change."""
    status: CorrectionStatus = CorrectionStatus.PENDING
    decided_by: UUID | None = None
    decided_at: datetime | None = None
    decision_note: str | None = None
    """The organiser's words: the reason for a rejection, a note on an applied correction."""

    @property
    def is_pending(self) -> bool:
        """Whether the organiser has not decided yet."""
        return self.status is CorrectionStatus.PENDING


@dataclass(kw_only=True)
class ServiceRecord(Aggregate):
    """A volunteer's service in one shift of an activity, with every version it had.

    Build one with :meth:`record_service`; the repository rebuilds stored ones with the
    constructor. ``versions`` is never empty: its first item is the original.
    """

    aggregate_type: ClassVar[str] = "service_record"

    volunteer_id: UUID
    person_id: UUID
    activity_id: UUID
    activity_title: str
    """The activity's title when the service was recorded (certificates print it)."""
    shift_id: UUID
    signup_id: UUID
    """The attended sign-up; one record per sign-up."""
    organiser_id: UUID
    """The activity's organiser: the only one who records and corrects (谁组织谁记录)."""
    served_on: date
    """The local date (Asia/Shanghai) of the service."""
    checked_in_at: datetime
    checked_out_at: datetime
    versions: list[RecordVersion]
    corrections: list[Correction] = field(default_factory=list)
    """Every correction request, oldest first."""

    @classmethod
    def record_service(
        cls,
        *,
        id: UUID,
        activity: Activity,
        signup_id: UUID,
        content: str,
        served_on: date,
        by: UUID,
        at: datetime,
    ) -> ServiceRecord:
        """The organiser records the service of a checked-out sign-up (记录服务时长).

        The hours are those from check-in to check-out. ``served_on`` is the local
        date of the service, which the handler reads off the check-in.
        """
        aware(at)
        if not activity.is_organiser(by):
            raise RecordNotOrganiser(
                f"Person {by} did not organise activity {activity.title!r}; its organiser "
                "records its service (谁组织谁记录)",
                person_id=str(by),
                activity_id=str(activity.id),
            )
        if activity.status is ActivityStatus.CANCELLED:
            raise RecordOnCancelledActivity(
                f"Activity {activity.title!r} was cancelled; it gives nobody service hours",
                activity_id=str(activity.id),
            )
        signup = activity.signup(signup_id)
        if (
            signup.status is not SignupStatus.CHECKED_OUT
            or signup.checked_in_at is None
            or signup.checked_out_at is None
        ):
            raise NoAttendance(
                f"Sign-up {signup.id} is {signup.status.label}; service is recorded once the "
                "volunteer has checked in and out",
                signup_id=str(signup.id),
                status=signup.status.value,
            )
        original = RecordVersion(
            number=1,
            hours=service_hours(signup.checked_in_at, signup.checked_out_at),
            content=_content(content),
            made_at=at,
            made_by=by,
        )
        record = cls(
            id=id,
            volunteer_id=signup.volunteer_id,
            person_id=signup.person_id,
            activity_id=activity.id,
            activity_title=activity.title,
            shift_id=signup.shift_id,
            signup_id=signup.id,
            organiser_id=activity.organiser_id,
            served_on=served_on,
            checked_in_at=signup.checked_in_at,
            checked_out_at=signup.checked_out_at,
            versions=[original],
        )
        record._step(
            HoursRecorded,
            at=at,
            by=by,
            activity_title=record.activity_title,
            content=original.content,
        )
        return record

    def request_correction(
        self,
        *,
        volunteer_id: UUID,
        reason: str,
        at: datetime,
        hours: Decimal | str | int | None = None,
        content: str | None = None,
    ) -> Correction:
        """The volunteer asks for other hours, other content, or both (申请更正)."""
        aware(at)
        if volunteer_id != self.volunteer_id:
            raise RecordNotVolunteer(
                f"Service record {self.id} is another volunteer's; only they ask for it to be "
                "corrected",
                volunteer_id=str(volunteer_id),
            )
        pending = self.pending_correction
        if pending is not None:
            raise CorrectionAlreadyPending(
                f"Correction {pending.number} of service record {self.id} still waits for the "
                "organiser",
                correction_number=pending.number,
            )
        asked_hours = None if hours is None else parse_hours(hours)
        asked_content = optional_text(content, label="Content", max_length=CONTENT_MAX_LENGTH)
        why = clean_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        if (asked_hours is None or asked_hours == self.hours) and (
            asked_content is None or asked_content == self.content
        ):
            raise InvalidCorrection(
                "A correction asks for other hours, other content or both; this one asks for "
                "the record as it stands",
                record_id=str(self.id),
            )
        correction = Correction(
            number=len(self.corrections) + 1,
            requested_by=volunteer_id,
            requested_at=at,
            reason=why,
            hours=asked_hours,
            content=asked_content,
        )
        self.corrections.append(correction)
        self._step(
            CorrectionRequested,
            at=at,
            by=self.person_id,
            correction_number=correction.number,
            reason=why,
            requested_hours=asked_hours,
            requested_content=asked_content,
        )
        return correction

    def apply_correction(
        self,
        *,
        by: UUID,
        at: datetime,
        hours: Decimal | str | int | None = None,
        content: str | None = None,
        note: str | None = None,
    ) -> RecordVersion:
        """The organiser corrects the record as the volunteer asked (更正); a new version.

        ``hours`` or ``content`` override what was asked, when the organiser settles on
        something else (the volunteer asked for 4 h, the sign-in sheet shows 3.5 h).
        The earlier versions stay.
        """
        correction = self._pending_for(by, at=at)
        new_hours = (
            parse_hours(hours)
            if hours is not None
            else correction.hours
            if correction.hours is not None
            else self.hours
        )
        new_content = (
            _content(content)
            if content is not None
            else correction.content
            if correction.content is not None
            else self.content
        )
        decision = optional_text(note, label="Note", max_length=REASON_MAX_LENGTH)
        previous = self.hours
        version = RecordVersion(
            number=len(self.versions) + 1,
            hours=new_hours,
            content=new_content,
            made_at=at,
            made_by=by,
            correction_number=correction.number,
            reason=correction.reason,
        )
        self.versions.append(version)
        self._decide(correction, CorrectionStatus.APPLIED, by=by, at=at, note=decision)
        self._step(
            RecordCorrected,
            at=at,
            by=by,
            correction_number=correction.number,
            version=version.number,
            previous_hours=previous,
            content=version.content,
            reason=correction.reason,
        )
        return version

    def reject_correction(self, *, by: UUID, reason: str, at: datetime) -> Correction:
        """The organiser keeps the record as it is (不予更正), saying why."""
        correction = self._pending_for(by, at=at)
        why = clean_text(reason, label="Reason", max_length=REASON_MAX_LENGTH)
        decided = self._decide(correction, CorrectionStatus.REJECTED, by=by, at=at, note=why)
        self._step(
            CorrectionRejected, at=at, by=by, correction_number=correction.number, reason=why
        )
        return decided

    # Reading

    @property
    def current(self) -> RecordVersion:
        """The version in force: the latest."""
        return self.versions[-1]

    @property
    def original(self) -> RecordVersion:
        """The record as first written."""
        return self.versions[0]

    @property
    def hours(self) -> Decimal:
        """The hours in force."""
        return self.current.hours

    @property
    def content(self) -> str:
        """The content in force."""
        return self.current.content

    @property
    def is_corrected(self) -> bool:
        """Whether a correction was ever applied."""
        return len(self.versions) > 1

    @property
    def pending_correction(self) -> Correction | None:
        """The correction request waiting for the organiser, if any."""
        return next((c for c in self.corrections if c.is_pending), None)

    # Internals

    def _pending_for(self, by: UUID, *, at: datetime) -> Correction:
        aware(at)
        if by != self.organiser_id:
            raise RecordNotOrganiser(
                f"Person {by} did not organise activity {self.activity_title!r}; its organiser "
                "corrects its service records (谁组织谁记录)",
                person_id=str(by),
                activity_id=str(self.activity_id),
            )
        pending = self.pending_correction
        if pending is None:
            raise NoPendingCorrection(
                f"Service record {self.id} has no correction request waiting",
                record_id=str(self.id),
            )
        return pending

    def _decide(
        self,
        correction: Correction,
        status: CorrectionStatus,
        *,
        by: UUID,
        at: datetime,
        note: str | None,
    ) -> Correction:
        decided = replace(
            correction, status=status, decided_by=by, decided_at=at, decision_note=note
        )
        self.corrections = [decided if c is correction else c for c in self.corrections]
        return decided

    def _step(self, event_type: type[_E], *, at: datetime, by: UUID, **fields: Any) -> _E:
        event = event_type(
            record_id=self.id,
            volunteer_id=self.volunteer_id,
            person_id=self.person_id,
            activity_id=self.activity_id,
            signup_id=self.signup_id,
            organiser_id=self.organiser_id,
            served_on=self.served_on,
            hours=self.hours,
            at=at,
            by=by,
            **fields,
        )
        self.record(event)
        return event


# What a certificate (志愿服务证明) needs


@dataclass(frozen=True, kw_only=True)
class ServiceSummaryLine:
    """One service in a period, as it stands after corrections."""

    record_id: UUID
    activity_id: UUID
    activity_title: str
    served_on: date
    hours: Decimal
    """More than 0, in tenths."""
    content: str
    """What was done (服务内容), at most 200 characters."""

    @property
    def certificate_row(self) -> tuple[date, str, Decimal]:
        """The line as a certificate takes it: the day, what was done, the hours."""
        return (self.served_on, self.content, self.hours)


@dataclass(frozen=True, kw_only=True)
class ServiceSummary:
    """A volunteer's service over a period: the total hours and each service, by date."""

    volunteer_id: UUID
    start: date
    end: date
    """The last day counted (inclusive)."""
    total_hours: Decimal
    lines: tuple[ServiceSummaryLine, ...]
    """Each record served in the period, oldest first."""

    @property
    def activity_count(self) -> int:
        """How many different activities the volunteer served in."""
        return len({line.activity_id for line in self.lines})


def hours_in_period(
    records: Iterable[ServiceRecord], *, volunteer_id: UUID, start: date, end: date
) -> ServiceSummary:
    """The volunteer's service from ``start`` to ``end`` (both days counted), for a
    certificate (志愿服务证明): the total hours and each service by date.

    Records of other volunteers, records served outside the period, and records whose
    hours in force are 0 (nothing served, or corrected to nothing) are left out; each
    record counts with its hours and content in force (after corrections).
    """
    if end < start:
        raise InvalidPeriod(
            f"A period ends on or after its first day; {end.isoformat()} comes before "
            f"{start.isoformat()}",
            start=start.isoformat(),
            end=end.isoformat(),
        )
    chosen = sorted(
        (
            r
            for r in records
            if r.volunteer_id == volunteer_id and start <= r.served_on <= end and r.hours > 0
        ),
        key=lambda r: (r.served_on, r.checked_in_at, r.activity_title),
    )
    lines = tuple(
        ServiceSummaryLine(
            record_id=r.id,
            activity_id=r.activity_id,
            activity_title=r.activity_title,
            served_on=r.served_on,
            hours=r.hours,
            content=r.content,
        )
        for r in chosen
    )
    total = sum((line.hours for line in lines), Decimal("0.0"))
    return ServiceSummary(
        volunteer_id=volunteer_id, start=start, end=end, total_hours=total, lines=lines
    )


def _content(value: str) -> str:
    return clean_text(value, label="Content", max_length=CONTENT_MAX_LENGTH)

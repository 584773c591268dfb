"""Service records: written by the organiser from check-in/out, corrected on request,
summed over a period for a certificate."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest
from volunteers_testing import (
    AFTERNOON,
    DAY,
    MORNING,
    ORGANISER,
    STRANGER,
    activity_at,
    at,
    sign,
    volunteer,
)

from volunteers.domain import (
    Activity,
    ActivityStatus,
    CorrectionAlreadyPending,
    CorrectionRejected,
    CorrectionRequested,
    CorrectionStatus,
    HoursRecorded,
    InvalidCorrection,
    InvalidHours,
    InvalidPeriod,
    InvalidText,
    NoAttendance,
    NoPendingCorrection,
    RecordCorrected,
    RecordNotOrganiser,
    RecordNotVolunteer,
    RecordOnCancelledActivity,
    ServiceRecord,
    Signup,
    Volunteer,
    hours_in_period,
)

RECORD_ID = UUID(int=600)
RECORDED_AT = at(9)
CONTENT = "清理3号楼楼道杂物，分拣可回收物"


def served(
    *, check_in: tuple[int, int] = (1, 2), check_out: tuple[int, int] = (3, 59)
) -> tuple[Activity, Volunteer, Signup]:
    """Volunteer 1 served the morning shift (checked in and out); the activity is ongoing."""
    activity = activity_at(ActivityStatus.PUBLISHED)
    someone = volunteer(1)
    mine = sign(activity, someone)
    activity.start(at=at(0, 50))
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(*check_in))
    activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(*check_out))
    activity.take_events()
    return activity, someone, mine


def written(activity: Activity, signup: Signup, **overrides: object) -> ServiceRecord:
    arguments: dict[str, object] = {
        "id": RECORD_ID,
        "activity": activity,
        "signup_id": signup.id,
        "content": CONTENT,
        "served_on": DAY,
        "by": ORGANISER,
        "at": RECORDED_AT,
    }
    arguments.update(overrides)
    return ServiceRecord.record_service(**arguments)  # type: ignore[arg-type]


def a_record() -> tuple[ServiceRecord, Volunteer]:
    activity, someone, mine = served()
    record = written(activity, mine)
    record.take_events()
    return record, someone


# Recording (谁组织谁记录)


def test_the_organiser_records_the_hours_from_check_in_to_check_out() -> None:
    activity, someone, mine = served(check_in=(1, 2), check_out=(3, 59))
    record = written(activity, mine)
    assert record.hours == Decimal("3.0")
    assert (record.content, record.served_on, record.activity_title) == (
        CONTENT,
        DAY,
        "香溢紫郡小区环境整治",
    )
    assert (record.volunteer_id, record.person_id, record.organiser_id) == (
        someone.id,
        someone.person_id,
        ORGANISER,
    )
    assert (record.checked_in_at, record.checked_out_at) == (at(1, 2), at(3, 59))
    assert record.versions == [record.original]
    assert (record.original.number, record.original.made_by, record.original.reason) == (
        1,
        ORGANISER,
        None,
    )
    [recorded] = record.take_events()
    assert recorded.aggregate_type == "service_record"
    assert isinstance(recorded.event, HoursRecorded)
    assert (recorded.event.hours, recorded.event.by, recorded.event.signup_id) == (
        Decimal("3.0"),
        ORGANISER,
        mine.id,
    )


def test_a_finished_activity_s_service_is_recorded() -> None:
    activity, _, mine = served()
    activity.finish(at=at(8))
    assert written(activity, mine).hours == Decimal("3.0")


def test_nobody_but_the_organiser_records_service() -> None:
    activity, _, mine = served()
    with pytest.raises(RecordNotOrganiser) as refused:
        written(activity, mine, by=STRANGER)
    assert refused.value.code == "RECORD_NOT_ORGANISER"
    assert "谁组织谁记录" in refused.value.message


def test_a_cancelled_activity_gives_no_service_hours() -> None:
    activity, _, mine = served()
    activity.cancel(by=ORGANISER, reason="突发停电，活动中止", at=at(4, 10))
    with pytest.raises(RecordOnCancelledActivity) as refused:
        written(activity, mine)
    assert refused.value.code == "ACTIVITY_CANCELLED"


def test_service_is_recorded_only_for_a_sign_up_that_checked_in_and_out() -> None:
    activity, _, _ = served()
    other = sign(activity, volunteer(2), AFTERNOON, moment=at(1))
    with pytest.raises(NoAttendance) as refused:
        written(activity, other)
    assert refused.value.code == "RECORD_NO_ATTENDANCE"
    activity.check_in(signup_id=other.id, by=ORGANISER, at=at(4))
    with pytest.raises(NoAttendance):
        written(activity, other)


def test_a_record_needs_its_content_as_short_as_a_certificate_line() -> None:
    activity, _, mine = served()
    with pytest.raises(InvalidText, match="Content"):
        written(activity, mine, content=" ")
    with pytest.raises(InvalidText, match="at most 200"):
        written(activity, mine, content="清" * 201)


# Corrections (更正), the original kept


def test_a_correction_the_volunteer_asked_for_keeps_the_original() -> None:
    record, someone = a_record()
    request = record.request_correction(
        volunteer_id=someone.id, hours="3.5", reason="签退时忘记扫码，实际服务至 4:30", at=at(10)
    )
    assert (request.status, request.number, request.hours) == (
        CorrectionStatus.PENDING,
        1,
        Decimal("3.5"),
    )
    assert record.hours == Decimal("3.0")  # nothing changes until the organiser applies it

    version = record.apply_correction(by=ORGANISER, at=at(11))

    assert record.hours == Decimal("3.5")
    assert record.content == CONTENT
    assert record.is_corrected
    assert [(v.number, v.hours) for v in record.versions] == [
        (1, Decimal("3.0")),
        (2, Decimal("3.5")),
    ]
    assert record.original.hours == Decimal("3.0")
    assert (version.made_by, version.made_at, version.reason, version.correction_number) == (
        ORGANISER,
        at(11),
        "签退时忘记扫码，实际服务至 4:30",
        1,
    )
    [decided] = record.corrections
    assert (decided.status, decided.decided_by, decided.requested_by) == (
        CorrectionStatus.APPLIED,
        ORGANISER,
        someone.id,
    )
    requested, corrected = (r.event for r in record.take_events())
    assert isinstance(requested, CorrectionRequested)
    assert requested.by == someone.person_id
    assert isinstance(corrected, RecordCorrected)
    assert (corrected.previous_hours, corrected.hours, corrected.version) == (
        Decimal("3.0"),
        Decimal("3.5"),
        2,
    )


def test_the_organiser_may_settle_on_other_hours_than_asked() -> None:
    record, someone = a_record()
    record.request_correction(
        volunteer_id=someone.id, hours=4, content="清理楼道并搬运", reason="少记了", at=at(10)
    )
    record.apply_correction(by=ORGANISER, hours="3.5", note="以签到表为准", at=at(11))
    assert (record.hours, record.content) == (Decimal("3.5"), "清理楼道并搬运")
    assert record.corrections[0].decision_note == "以签到表为准"


def test_only_the_volunteer_asks_for_their_record_to_be_corrected() -> None:
    record, _ = a_record()
    with pytest.raises(RecordNotVolunteer) as refused:
        record.request_correction(
            volunteer_id=volunteer(2).id, hours="5", reason="多记一点", at=at(10)
        )
    assert refused.value.code == "RECORD_NOT_VOLUNTEER"
    assert record.corrections == []


def test_a_correction_by_someone_other_than_the_organiser_is_refused() -> None:
    record, someone = a_record()
    record.request_correction(volunteer_id=someone.id, hours="3.5", reason="少记了", at=at(10))
    record.take_events()
    with pytest.raises(RecordNotOrganiser) as refused:
        record.apply_correction(by=STRANGER, at=at(11))
    assert refused.value.code == "RECORD_NOT_ORGANISER"
    with pytest.raises(RecordNotOrganiser):
        record.reject_correction(by=STRANGER, reason="不符", at=at(11))
    assert record.hours == Decimal("3.0")
    assert record.pending_correction is not None
    assert record.take_events() == []


def test_the_organiser_rejects_a_correction_and_the_record_stays() -> None:
    record, someone = a_record()
    record.request_correction(
        volunteer_id=someone.id, hours="5", reason="还帮忙搬了桌椅", at=at(10)
    )
    rejected = record.reject_correction(by=ORGANISER, reason="签到表显示 4:00 签退", at=at(11))
    assert (rejected.status, rejected.decision_note) == (
        CorrectionStatus.REJECTED,
        "签到表显示 4:00 签退",
    )
    assert (record.hours, len(record.versions), record.is_corrected) == (Decimal("3.0"), 1, False)
    assert isinstance(record.take_events()[-1].event, CorrectionRejected)


def test_a_rejection_says_why() -> None:
    record, someone = a_record()
    record.request_correction(volunteer_id=someone.id, hours="5", reason="少记了", at=at(10))
    with pytest.raises(InvalidText):
        record.reject_correction(by=ORGANISER, reason="", at=at(11))


def test_one_correction_waits_at_a_time_and_another_follows_the_decision() -> None:
    record, someone = a_record()
    record.request_correction(volunteer_id=someone.id, hours="3.5", reason="少记了", at=at(10))
    with pytest.raises(CorrectionAlreadyPending) as refused:
        record.request_correction(
            volunteer_id=someone.id, content="另写", reason="内容不对", at=at(10, 5)
        )
    assert refused.value.code == "CORRECTION_ALREADY_PENDING"
    record.apply_correction(by=ORGANISER, at=at(11))
    second = record.request_correction(
        volunteer_id=someone.id, content="清理楼道", reason="内容不对", at=at(12)
    )
    assert second.number == 2
    record.apply_correction(by=ORGANISER, at=at(13))
    assert [(v.number, v.hours, v.content) for v in record.versions] == [
        (1, Decimal("3.0"), CONTENT),
        (2, Decimal("3.5"), CONTENT),
        (3, Decimal("3.5"), "清理楼道"),
    ]


def test_there_is_nothing_to_apply_without_a_request() -> None:
    record, _ = a_record()
    with pytest.raises(NoPendingCorrection) as refused:
        record.apply_correction(by=ORGANISER, hours="4", at=at(11))
    assert refused.value.code == "CORRECTION_NOT_PENDING"


def test_a_correction_asks_for_something_other_than_the_record_as_it_stands() -> None:
    record, someone = a_record()
    for asked in ({}, {"hours": "3.0"}, {"content": CONTENT}):
        with pytest.raises(InvalidCorrection) as refused:
            record.request_correction(volunteer_id=someone.id, reason="核对", at=at(10), **asked)
        assert refused.value.code == "CORRECTION_INVALID"


def test_a_correction_asks_for_hours_in_tenths_from_zero_to_twenty_four() -> None:
    record, someone = a_record()
    with pytest.raises(InvalidHours):
        record.request_correction(volunteer_id=someone.id, hours="25", reason="少记了", at=at(10))
    with pytest.raises(InvalidHours):
        record.request_correction(volunteer_id=someone.id, hours="3.25", reason="少记了", at=at(10))


def test_a_correction_says_why() -> None:
    record, someone = a_record()
    with pytest.raises(InvalidText, match="Reason"):
        record.request_correction(volunteer_id=someone.id, hours="3.5", reason=" ", at=at(10))


# A period's service, for a certificate (志愿服务证明)


def _record(
    n: int, *, volunteer_id: UUID, served_on: date, hours: tuple[int, int]
) -> ServiceRecord:
    activity = activity_at(ActivityStatus.PUBLISHED, id=UUID(int=700 + n), title=f"活动{n}")
    someone = volunteer(1, id=volunteer_id)
    mine = sign(activity, someone, MORNING)
    activity.start(at=at(0, 50))
    activity.check_in(signup_id=mine.id, by=ORGANISER, at=at(hours[0]))
    activity.check_out(signup_id=mine.id, by=ORGANISER, at=at(hours[1]))
    return written(activity, mine, id=UUID(int=800 + n), served_on=served_on)


def test_a_period_sums_the_volunteer_s_hours_with_each_service_by_date() -> None:
    mine, theirs = UUID(int=1), UUID(int=2)
    march = _record(1, volunteer_id=mine, served_on=date(2026, 3, 5), hours=(1, 3))
    june = _record(2, volunteer_id=mine, served_on=date(2026, 6, 1), hours=(1, 4))
    january = _record(3, volunteer_id=mine, served_on=date(2026, 1, 1), hours=(1, 2))
    next_year = _record(4, volunteer_id=mine, served_on=date(2027, 1, 1), hours=(1, 2))
    other = _record(5, volunteer_id=theirs, served_on=date(2026, 5, 1), hours=(1, 4))

    period = hours_in_period(
        [june, next_year, other, march, january],
        volunteer_id=mine,
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )

    assert period.total_hours == Decimal("6.0")
    assert [(line.served_on, line.activity_title, line.hours) for line in period.lines] == [
        (date(2026, 1, 1), "活动3", Decimal("1.0")),
        (date(2026, 3, 5), "活动1", Decimal("2.0")),
        (date(2026, 6, 1), "活动2", Decimal("3.0")),
    ]
    assert period.lines[0].content == CONTENT
    assert period.activity_count == 3


def test_a_period_counts_the_hours_in_force_after_corrections() -> None:
    record, someone = a_record()
    record.request_correction(
        volunteer_id=someone.id, hours="3.5", content="清理楼道", reason="少记了", at=at(10)
    )
    record.apply_correction(by=ORGANISER, at=at(11))
    period = hours_in_period([record], volunteer_id=someone.id, start=DAY, end=DAY)
    assert (period.total_hours, period.lines[0].content) == (Decimal("3.5"), "清理楼道")


def test_an_empty_period_has_no_hours() -> None:
    period = hours_in_period([], volunteer_id=UUID(int=1), start=DAY, end=DAY)
    assert (period.total_hours, period.lines, period.activity_count) == (Decimal("0.0"), (), 0)
    assert str(period.total_hours) == "0.0"


def test_a_period_ends_on_or_after_its_first_day() -> None:
    with pytest.raises(InvalidPeriod) as refused:
        hours_in_period([], volunteer_id=UUID(int=1), start=date(2026, 2, 1), end=date(2026, 1, 31))
    assert refused.value.code == "RECORD_PERIOD_INVALID"


def test_a_record_worth_no_hours_shows_no_service_in_a_period() -> None:
    activity, someone, mine = served(check_in=(1, 0), check_out=(1, 2))
    record = written(activity, mine)
    assert record.hours == Decimal("0.0")
    period = hours_in_period([record], volunteer_id=someone.id, start=DAY, end=DAY)
    assert (period.total_hours, period.lines) == (Decimal("0.0"), ())


def test_a_period_s_lines_are_what_a_certificate_takes() -> None:
    record, someone = a_record()
    [line] = hours_in_period([record], volunteer_id=someone.id, start=DAY, end=DAY).lines
    assert line.certificate_row == (DAY, CONTENT, Decimal("3.0"))

"""Party membership (党员发展): from application to full membership, and out again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    InvalidDate,
    InvalidMembershipTransition,
    MembershipChanged,
    MembershipExists,
    MembershipStatus,
    MembershipStep,
    MembershipTooYoung,
    PartyMembership,
    Person,
    ensure_no_membership,
)

S = MembershipStatus
MakePerson = Callable[..., Person]
MakeMembership = Callable[..., PartyMembership]


def _applied(person: Person, branch_id: UUID, on: date = date(2020, 3, 1)) -> PartyMembership:
    membership = PartyMembership.apply(
        id=uuid4(), person=person, party_organization_id=branch_id, on=on
    )
    membership.take_events()
    return membership


def test_an_application_opens_the_record(person: Person, branch_id: UUID) -> None:
    membership_id = uuid4()
    membership = PartyMembership.apply(
        id=membership_id,
        person=person,
        party_organization_id=branch_id,
        on=date(2020, 3, 1),
        note=" 向洪家楼社区党委递交入党申请书 ",
    )
    assert membership.status is S.APPLICANT
    assert membership.steps == [
        MembershipStep(
            status=S.APPLICANT, on=date(2020, 3, 1), note="向洪家楼社区党委递交入党申请书"
        )
    ]
    [recorded] = membership.take_events()
    assert recorded.aggregate_type == "membership"
    assert recorded.event == MembershipChanged(
        membership_id=membership_id,
        person_id=person.id,
        status=S.APPLICANT,
        previous_status=None,
        on=date(2020, 3, 1),
        party_organization_id=branch_id,
    )


def test_one_may_apply_on_the_eighteenth_birthday(make_person: MakePerson, branch_id: UUID) -> None:
    young = make_person(born=date(2008, 7, 1))
    membership = _applied(young, branch_id, on=date(2026, 7, 1))
    assert membership.status is S.APPLICANT


def test_one_may_not_apply_before_eighteen(make_person: MakePerson, branch_id: UUID) -> None:
    young = make_person(name="李小明", born=date(2008, 7, 1))
    with pytest.raises(MembershipTooYoung) as refused:
        _applied(young, branch_id, on=date(2026, 6, 30))
    assert refused.value.code == "MEMBERSHIP_TOO_YOUNG"
    assert refused.value.message == (
        "李小明 was born on 2008-07-01 and turns 18 on 2026-07-01; an application to join the "
        "party (入党申请) can be made from that day, not on 2026-06-30"
    )
    assert refused.value.details == {"earliest": "2026-07-01"}


def test_the_whole_way_in_takes_a_year_as_activist_and_a_year_of_probation(
    person: Person, branch_id: UUID
) -> None:
    membership = _applied(person, branch_id)
    for status, on in [
        (S.ACTIVIST, date(2020, 9, 1)),
        (S.DEVELOPMENT_TARGET, date(2021, 9, 1)),
        (S.PROBATIONARY, date(2021, 12, 1)),
        (S.FULL, date(2022, 12, 1)),
    ]:
        membership.change_status(status, on=on)
    assert membership.status is S.FULL
    assert [(s.status, s.on) for s in membership.steps] == [
        (S.APPLICANT, date(2020, 3, 1)),
        (S.ACTIVIST, date(2020, 9, 1)),
        (S.DEVELOPMENT_TARGET, date(2021, 9, 1)),
        (S.PROBATIONARY, date(2021, 12, 1)),
        (S.FULL, date(2022, 12, 1)),
    ]
    assert membership.probationary_since == date(2021, 12, 1)
    events = [r.event for r in membership.take_events()]
    assert [e.previous_status for e in events if isinstance(e, MembershipChanged)] == [
        S.APPLICANT,
        S.ACTIVIST,
        S.DEVELOPMENT_TARGET,
        S.PROBATIONARY,
    ]


def test_a_step_records_the_change_with_the_previous_status(
    make_membership: MakeMembership, branch_id: UUID
) -> None:
    membership = make_membership(S.APPLICANT, since=date(2025, 1, 10))
    event = membership.change_status(S.ACTIVIST, on=date(2025, 3, 1), note="支部委员会研究确定")
    assert event == MembershipChanged(
        membership_id=membership.id,
        person_id=membership.person_id,
        status=S.ACTIVIST,
        previous_status=S.APPLICANT,
        on=date(2025, 3, 1),
        party_organization_id=branch_id,
    )
    assert [r.event for r in membership.take_events()] == [event]
    assert membership.steps[-1].note == "支部委员会研究确定"


def test_an_activist_must_first_have_applied(make_membership: MakeMembership) -> None:
    membership = make_membership(S.DEVELOPMENT_TARGET, since=date(2024, 1, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.ACTIVIST, on=date(2025, 1, 1))
    assert refused.value.code == "MEMBERSHIP_INVALID_TRANSITION"
    assert refused.value.message == (
        "Cannot go from development target (发展对象) to activist (入党积极分子): "
        "only an applicant (入党申请人) can become an activist"
    )
    assert refused.value.details == {"from": "DEVELOPMENT_TARGET", "to": "ACTIVIST"}


def test_an_applicant_cannot_skip_the_activist_stage(make_membership: MakeMembership) -> None:
    membership = make_membership(S.APPLICANT, since=date(2024, 1, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.DEVELOPMENT_TARGET, on=date(2025, 6, 1))
    assert refused.value.message == (
        "Cannot go from applicant (入党申请人) to development target (发展对象): "
        "only an activist (入党积极分子) can become a development target"
    )


def test_a_development_target_needs_a_full_year_as_activist(
    make_membership: MakeMembership,
) -> None:
    membership = make_membership(S.ACTIVIST, since=date(2025, 3, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.DEVELOPMENT_TARGET, on=date(2026, 2, 28))
    assert refused.value.message == (
        "Cannot go from activist (入党积极分子) to development target (发展对象) on 2026-02-28: "
        "became an activist on 2025-03-01; a development target needs a full year as activist, "
        "so not before 2026-03-01"
    )
    assert refused.value.details == {
        "from": "ACTIVIST",
        "to": "DEVELOPMENT_TARGET",
        "earliest": "2026-03-01",
    }
    membership.change_status(S.DEVELOPMENT_TARGET, on=date(2026, 3, 1))
    assert membership.status is S.DEVELOPMENT_TARGET


def test_a_full_year_from_the_29th_of_february_ends_on_the_first_of_march(
    make_membership: MakeMembership,
) -> None:
    membership = make_membership(S.ACTIVIST, since=date(2024, 2, 29))
    with pytest.raises(InvalidMembershipTransition):
        membership.change_status(S.DEVELOPMENT_TARGET, on=date(2025, 2, 28))
    membership.change_status(S.DEVELOPMENT_TARGET, on=date(2025, 3, 1))


def test_only_a_development_target_becomes_probationary(make_membership: MakeMembership) -> None:
    membership = make_membership(S.ACTIVIST, since=date(2020, 1, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.PROBATIONARY, on=date(2025, 1, 1))
    assert refused.value.message.endswith(
        "only a development target (发展对象) can become a probationary member"
    )


def test_a_full_member_needs_a_full_year_of_probation(make_membership: MakeMembership) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    assert membership.probation_ends_on == date(2026, 7, 1)
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.FULL, on=date(2026, 6, 30))
    assert refused.value.message == (
        "Cannot go from probationary member (预备党员) to full member (正式党员) on 2026-06-30: "
        "became a probationary member on 2025-07-01; a full member needs a full year of "
        "probation, so not before 2026-07-01"
    )
    membership.change_status(S.FULL, on=date(2026, 7, 1))
    assert membership.is_member
    assert membership.probation_ends_on is None


def test_an_extended_probation_lasts_a_further_year_unless_told_otherwise(
    make_membership: MakeMembership,
) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    membership.change_status(S.PROBATION_EXTENDED, on=date(2026, 7, 1))
    assert membership.steps[-1].probation_until == date(2027, 7, 1)
    assert membership.probation_ends_on == date(2027, 7, 1)
    assert membership.is_member


def test_a_member_on_extended_probation_becomes_full_when_the_extension_ends(
    make_membership: MakeMembership,
) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    membership.change_status(
        S.PROBATION_EXTENDED, on=date(2026, 7, 1), probation_until=date(2027, 1, 1)
    )
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.FULL, on=date(2026, 12, 31))
    assert refused.value.message.endswith(
        "on 2026-12-31: the probation was extended until 2027-01-01, so not before then"
    )
    membership.change_status(S.FULL, on=date(2027, 1, 1))
    assert membership.status is S.FULL


@pytest.mark.parametrize("until", [date(2026, 7, 1), date(2027, 7, 2)])
def test_an_extension_ends_within_one_more_year(
    make_membership: MakeMembership, until: date
) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    with pytest.raises(InvalidDate) as refused:
        membership.change_status(S.PROBATION_EXTENDED, on=date(2026, 7, 1), probation_until=until)
    assert refused.value.message == (
        "Became a probationary member on 2025-07-01; an extended probation ends after "
        "2026-07-01 and by 2027-07-01 at the latest (one more year at most), "
        f"not on {until.isoformat()}"
    )
    assert membership.status is S.PROBATIONARY


def test_a_probation_is_extended_only_once(make_membership: MakeMembership) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    membership.change_status(S.PROBATION_EXTENDED, on=date(2026, 7, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.PROBATION_EXTENDED, on=date(2026, 12, 1))
    assert refused.value.message.endswith(": a probation can be extended only once")


def test_only_an_extension_has_an_end_date(make_membership: MakeMembership) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    with pytest.raises(InvalidDate) as refused:
        membership.change_status(S.FULL, on=date(2026, 7, 1), probation_until=date(2027, 1, 1))
    assert (
        refused.value.message == "Only an extension of the probation (延长预备期) has an end date"
    )


@pytest.mark.parametrize("status", [S.PROBATIONARY, S.PROBATION_EXTENDED])
def test_a_probationary_membership_can_be_cancelled(
    make_membership: MakeMembership, status: MembershipStatus
) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    if status is S.PROBATION_EXTENDED:
        membership.change_status(S.PROBATION_EXTENDED, on=date(2026, 7, 1))
    membership.change_status(S.PROBATION_CANCELLED, on=date(2026, 8, 1))
    assert membership.status is S.PROBATION_CANCELLED
    assert not membership.is_member


def test_a_full_membership_cannot_be_cancelled_as_probation(
    full_member: PartyMembership,
) -> None:
    with pytest.raises(InvalidMembershipTransition) as refused:
        full_member.change_status(S.PROBATION_CANCELLED, on=date(2026, 1, 1))
    assert refused.value.message.endswith(
        "only a probationary member (预备党员) can have the status cancelled"
    )


@pytest.mark.parametrize("ending", [S.LEFT, S.EXPELLED])
@pytest.mark.parametrize("status", [S.PROBATIONARY, S.FULL])
def test_a_member_can_leave_or_be_expelled(
    make_membership: MakeMembership, status: MembershipStatus, ending: MembershipStatus
) -> None:
    membership = make_membership(status, since=date(2015, 7, 1))
    membership.change_status(ending, on=date(2026, 1, 1))
    assert membership.status is ending
    assert not membership.is_member


@pytest.mark.parametrize("ending", [S.LEFT, S.EXPELLED])
@pytest.mark.parametrize("status", [S.APPLICANT, S.ACTIVIST, S.DEVELOPMENT_TARGET])
def test_someone_not_yet_a_member_can_neither_leave_nor_be_expelled(
    make_membership: MakeMembership, status: MembershipStatus, ending: MembershipStatus
) -> None:
    membership = make_membership(status, since=date(2015, 7, 1))
    with pytest.raises(InvalidMembershipTransition):
        membership.change_status(ending, on=date(2026, 1, 1))


@pytest.mark.parametrize("ended", [S.LEFT, S.EXPELLED, S.PROBATION_CANCELLED])
@pytest.mark.parametrize("target", list(S))
def test_an_ended_membership_takes_no_more_steps(
    make_membership: MakeMembership, ended: MembershipStatus, target: MembershipStatus
) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2015, 7, 1))
    membership.change_status(ended, on=date(2016, 1, 1))
    with pytest.raises(InvalidMembershipTransition):
        membership.change_status(target, on=date(2026, 1, 1))


def test_an_expelled_member_is_told_the_membership_ended(full_member: PartyMembership) -> None:
    full_member.change_status(S.EXPELLED, on=date(2026, 1, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        full_member.change_status(S.LEFT, on=date(2026, 2, 1))
    assert refused.value.message == (
        "Cannot go from expelled member (开除党籍) to former member (出党/退党): "
        "a membership that ended as expelled member (开除党籍) takes no more steps"
    )


@pytest.mark.parametrize(
    ("status", "target"),
    [
        (S.FULL, S.PROBATIONARY),
        (S.FULL, S.APPLICANT),
        (S.PROBATIONARY, S.DEVELOPMENT_TARGET),
        (S.ACTIVIST, S.APPLICANT),
    ],
)
def test_no_step_goes_back(
    make_membership: MakeMembership, status: MembershipStatus, target: MembershipStatus
) -> None:
    membership = make_membership(status, since=date(2015, 7, 1))
    with pytest.raises(InvalidMembershipTransition):
        membership.change_status(target, on=date(2026, 1, 1))
    assert membership.status is status
    assert len(membership.steps) == 1


def test_the_same_status_again_is_refused(full_member: PartyMembership) -> None:
    with pytest.raises(InvalidMembershipTransition) as refused:
        full_member.change_status(S.FULL, on=date(2026, 1, 1))
    assert refused.value.message == (
        "Cannot go from full member (正式党员) to full member (正式党员): "
        "that is where the membership already stands"
    )


def test_a_step_is_never_dated_before_the_previous_one(make_membership: MakeMembership) -> None:
    membership = make_membership(S.APPLICANT, since=date(2025, 3, 1))
    with pytest.raises(InvalidMembershipTransition) as refused:
        membership.change_status(S.ACTIVIST, on=date(2025, 2, 28))
    assert refused.value.message == (
        "Cannot go from applicant (入党申请人) to activist (入党积极分子) on 2025-02-28: "
        "the membership became applicant (入党申请人) on 2025-03-01, and a step is never "
        "dated before the one before it"
    )
    membership.change_status(S.ACTIVIST, on=date(2025, 3, 1))


@pytest.mark.parametrize(
    ("status", "member"),
    [
        (S.APPLICANT, False),
        (S.ACTIVIST, False),
        (S.DEVELOPMENT_TARGET, False),
        (S.PROBATIONARY, True),
        (S.PROBATION_EXTENDED, True),
        (S.FULL, True),
        (S.PROBATION_CANCELLED, False),
        (S.LEFT, False),
        (S.EXPELLED, False),
    ],
)
def test_probationary_and_full_members_are_members(status: MembershipStatus, member: bool) -> None:
    assert status.is_member is member


@pytest.mark.parametrize("status", [S.PROBATION_EXTENDED, S.PROBATION_CANCELLED, S.LEFT])
def test_an_existing_record_opens_on_the_way_in_or_as_a_member(
    make_membership: MakeMembership, status: MembershipStatus
) -> None:
    with pytest.raises(InvalidMembershipTransition) as refused:
        make_membership(status)
    assert refused.value.message.startswith(f"A membership record cannot open as {status.label}")


def test_an_existing_member_is_recorded_with_the_day_they_got_there(
    make_membership: MakeMembership, branch_id: UUID
) -> None:
    membership = make_membership(S.PROBATIONARY, since=date(2025, 7, 1))
    assert (membership.status, membership.party_organization_id) == (S.PROBATIONARY, branch_id)
    assert membership.probationary_since == date(2025, 7, 1)
    assert membership.reached_on(S.FULL) is None


def test_an_existing_record_also_respects_the_age_of_eighteen(
    make_membership: MakeMembership,
) -> None:
    with pytest.raises(MembershipTooYoung):
        make_membership(S.FULL, since=date(2007, 12, 31))  # the person was born 1990-01-01


def test_a_person_has_one_membership_record(full_member: PartyMembership) -> None:
    with pytest.raises(MembershipExists) as refused:
        ensure_no_membership(full_member)
    assert refused.value.code == "MEMBERSHIP_EXISTS"
    assert refused.value.message == (
        "This person already has a membership record, at full member (正式党员); "
        "its history continues there"
    )
    ensure_no_membership(None)


def test_opening_a_record_as_an_applicant_is_an_application(
    make_person: Callable[..., Person],
) -> None:
    adult = make_person(born=date(1990, 1, 1))
    opened = PartyMembership.open(
        id=uuid4(),
        person=adult,
        party_organization_id=uuid4(),
        status=MembershipStatus.APPLICANT,
        since=date(2024, 3, 1),
    )
    assert opened.status is MembershipStatus.APPLICANT
    member = PartyMembership.open(
        id=uuid4(),
        person=adult,
        party_organization_id=uuid4(),
        status=MembershipStatus.FULL,
        since=date(2020, 7, 1),
    )
    assert member.is_member

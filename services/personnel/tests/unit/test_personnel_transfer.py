"""Organisation transfers (组织关系转接): issue, receipt, expiry after three months."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from uuid import UUID, uuid4

import pytest

from personnel.domain import (
    InvalidDate,
    InvalidMonth,
    MembershipStatus,
    MemberTransferred,
    PartyMembership,
    TransferAlreadyPending,
    TransferDuesUnpaid,
    TransferExpired,
    TransferExpiredError,
    TransferIssued,
    TransferLetter,
    TransferMismatch,
    TransferNotAMember,
    TransferNotPending,
    TransferReceived,
    TransferSameOrganization,
    TransferStatus,
    YearMonth,
    ensure_no_pending_transfer,
    receive_transfer,
)

MakeMembership = Callable[..., PartyMembership]
SENDER = UUID("00000000-0000-0000-0000-00000000000a")
RECEIVER = UUID("00000000-0000-0000-0000-00000000000b")
DECEMBER = YearMonth(2025, 12)

TODAY = date(2026, 12, 31)
"""A day after every receipt in these tests: none of them lies in the future."""


@pytest.fixture
def member(make_membership: MakeMembership) -> PartyMembership:
    return make_membership(MembershipStatus.FULL, party_organization_id=SENDER)


def _issue(
    membership: PartyMembership,
    *,
    issued_on: date = date(2026, 1, 10),
    dues_paid_until: YearMonth | str = DECEMBER,
    to: UUID = RECEIVER,
) -> TransferLetter:
    letter = TransferLetter.issue(
        id=uuid4(),
        membership=membership,
        to_organization_id=to,
        issued_on=issued_on,
        dues_paid_until=dues_paid_until,
    )
    letter.take_events()
    return letter


def test_issuing_a_letter_records_where_the_member_goes(member: PartyMembership) -> None:
    transfer_id = uuid4()
    letter = TransferLetter.issue(
        id=transfer_id,
        membership=member,
        to_organization_id=RECEIVER,
        issued_on=date(2026, 1, 10),
        dues_paid_until="2025-12",
    )
    assert (letter.status, letter.from_organization_id, letter.dues_paid_until) == (
        TransferStatus.PENDING,
        SENDER,
        YearMonth(2025, 12),
    )
    [recorded] = letter.take_events()
    assert recorded.aggregate_type == "transfer"
    assert recorded.event == TransferIssued(
        transfer_id=transfer_id,
        person_id=member.person_id,
        from_organization_id=SENDER,
        to_organization_id=RECEIVER,
        issued_on=date(2026, 1, 10),
        dues_paid_until="2025-12",
        expires_on=date(2026, 4, 10),
    )


@pytest.mark.parametrize("status", [MembershipStatus.PROBATIONARY, MembershipStatus.FULL])
def test_probationary_and_full_members_can_be_transferred(
    make_membership: MakeMembership, status: MembershipStatus
) -> None:
    assert _issue(make_membership(status)).is_pending


@pytest.mark.parametrize(
    "status",
    [MembershipStatus.APPLICANT, MembershipStatus.ACTIVIST, MembershipStatus.DEVELOPMENT_TARGET],
)
def test_only_members_can_be_transferred(
    make_membership: MakeMembership, status: MembershipStatus
) -> None:
    with pytest.raises(TransferNotAMember) as refused:
        _issue(make_membership(status))
    assert refused.value.code == "TRANSFER_NOT_A_MEMBER"
    assert refused.value.message == (
        f"Only party members are transferred; this membership is at {status.label}"
    )


def test_a_member_who_left_cannot_be_transferred(member: PartyMembership) -> None:
    member.change_status(MembershipStatus.LEFT, on=date(2025, 12, 1))
    with pytest.raises(TransferNotAMember):
        _issue(member)


def test_a_letter_goes_to_another_organisation(member: PartyMembership) -> None:
    with pytest.raises(TransferSameOrganization) as refused:
        _issue(member, to=SENDER)
    assert refused.value.code == "TRANSFER_SAME_ORGANIZATION"


def test_dues_must_be_paid_up_to_the_month_before_issue(member: PartyMembership) -> None:
    with pytest.raises(TransferDuesUnpaid) as refused:
        _issue(member, issued_on=date(2026, 4, 10), dues_paid_until=YearMonth(2026, 2))
    assert refused.value.code == "TRANSFER_DUES_UNPAID"
    assert refused.value.message == (
        "Party dues (党费) are paid up to 2026-02; a letter issued on 2026-04-10 needs them "
        "paid up to 2026-03 at least"
    )
    assert refused.value.details == {"paid_until": "2026-02", "needed": "2026-03"}
    assert _issue(member, issued_on=date(2026, 4, 10), dues_paid_until="2026-03").is_pending
    assert _issue(member, issued_on=date(2026, 4, 10), dues_paid_until="2026-06").is_pending


def test_in_january_dues_are_due_up_to_the_previous_december(member: PartyMembership) -> None:
    with pytest.raises(TransferDuesUnpaid):
        _issue(member, issued_on=date(2026, 1, 5), dues_paid_until="2025-11")
    assert _issue(member, issued_on=date(2026, 1, 5), dues_paid_until="2025-12").is_pending


def test_a_malformed_dues_month_is_refused(member: PartyMembership) -> None:
    with pytest.raises(InvalidMonth) as refused:
        _issue(member, dues_paid_until="2025/12")
    assert refused.value.message == "A month is written YYYY-MM, such as 2026-03; got '2025/12'"


def test_a_person_has_one_pending_letter_at_a_time(member: PartyMembership) -> None:
    pending = _issue(member)
    with pytest.raises(TransferAlreadyPending) as refused:
        ensure_no_pending_transfer(pending)
    assert refused.value.code == "TRANSFER_ALREADY_PENDING"
    assert refused.value.message == (
        "A transfer letter issued on 2026-01-10 is still pending (it lapses on 2026-04-10); "
        "it must be received or lapse before another is issued"
    )
    ensure_no_pending_transfer(None)


def test_an_expired_letter_does_not_block_a_new_one(member: PartyMembership) -> None:
    letter = _issue(member)
    letter.expire_if_due(date(2026, 4, 10))
    ensure_no_pending_transfer(letter)


def test_the_member_stays_with_the_sender_until_the_letter_is_received(
    member: PartyMembership,
) -> None:
    _issue(member)
    assert member.party_organization_id == SENDER
    assert member.take_events() == []


def test_receiving_the_letter_moves_the_member(member: PartyMembership) -> None:
    letter = _issue(member)
    received, moved = receive_transfer(
        letter, member, on=date(2026, 2, 1), received_by=" 王舍人街道党工委组织办 ", today=TODAY
    )
    assert received == TransferReceived(
        transfer_id=letter.id,
        person_id=member.person_id,
        from_organization_id=SENDER,
        to_organization_id=RECEIVER,
        received_on=date(2026, 2, 1),
        received_by="王舍人街道党工委组织办",
    )
    assert moved == MemberTransferred(
        membership_id=member.id,
        person_id=member.person_id,
        party_organization_id=RECEIVER,
        previous_party_organization_id=SENDER,
        on=date(2026, 2, 1),
        transfer_id=letter.id,
    )
    assert (letter.status, letter.received_on) == (TransferStatus.RECEIVED, date(2026, 2, 1))
    assert member.party_organization_id == RECEIVER
    assert [r.event for r in letter.take_events()] == [received]
    [recorded] = member.take_events()
    assert (recorded.aggregate_type, recorded.event) == ("membership", moved)


def test_a_letter_can_be_received_up_to_the_day_before_it_lapses(
    member: PartyMembership,
) -> None:
    letter = _issue(member)
    receive_transfer(letter, member, on=date(2026, 4, 9), received_by="组织办", today=TODAY)
    assert member.party_organization_id == RECEIVER


def test_a_lapsed_letter_cannot_be_received_and_nothing_changes(member: PartyMembership) -> None:
    letter = _issue(member)
    with pytest.raises(TransferExpiredError) as refused:
        receive_transfer(letter, member, on=date(2026, 4, 10), received_by="组织办", today=TODAY)
    assert refused.value.code == "TRANSFER_EXPIRED"
    assert refused.value.message == (
        "The letter issued on 2026-01-10 lapsed on 2026-04-10; a new one is needed"
    )
    assert (letter.status, member.party_organization_id) == (TransferStatus.PENDING, SENDER)


def test_a_letter_cannot_be_received_before_it_was_issued(member: PartyMembership) -> None:
    letter = _issue(member)
    with pytest.raises(InvalidDate):
        receive_transfer(letter, member, on=date(2026, 1, 9), received_by="组织办", today=TODAY)


def test_a_letter_is_received_once(member: PartyMembership) -> None:
    letter = _issue(member)
    receive_transfer(letter, member, on=date(2026, 2, 1), received_by="组织办", today=TODAY)
    with pytest.raises(TransferNotPending) as refused:
        letter.receive(on=date(2026, 2, 2), received_by="组织办", today=TODAY)
    assert refused.value.code == "TRANSFER_NOT_PENDING"
    assert refused.value.message == (
        "The letter issued on 2026-01-10 was received already; "
        "only a pending letter can be received"
    )


def test_a_letter_moves_only_its_own_member(
    member: PartyMembership, make_membership: MakeMembership
) -> None:
    letter = _issue(member)
    someone_else = make_membership(MembershipStatus.FULL, party_organization_id=SENDER)
    with pytest.raises(TransferMismatch) as refused:
        receive_transfer(
            letter, someone_else, on=date(2026, 2, 1), received_by="组织办", today=TODAY
        )
    assert refused.value.code == "TRANSFER_MISMATCH"
    assert letter.is_pending


def test_a_member_expelled_meanwhile_is_not_received(member: PartyMembership) -> None:
    letter = _issue(member)
    member.change_status(MembershipStatus.EXPELLED, on=date(2026, 1, 20))
    with pytest.raises(TransferNotAMember):
        receive_transfer(letter, member, on=date(2026, 2, 1), received_by="组织办", today=TODAY)
    assert letter.is_pending


def test_a_transfer_letter_expires_after_three_months(member: PartyMembership) -> None:
    letter = _issue(member)
    assert letter.expire_if_due(date(2026, 4, 9)) is None
    assert letter.is_pending
    expired = letter.expire_if_due(date(2026, 5, 20))
    assert expired == TransferExpired(
        transfer_id=letter.id,
        person_id=member.person_id,
        from_organization_id=SENDER,
        to_organization_id=RECEIVER,
        expired_on=date(2026, 4, 10),
    )
    assert letter.status is TransferStatus.EXPIRED
    assert letter.expire_if_due(date(2026, 6, 1)) is None
    assert member.party_organization_id == SENDER


def test_three_months_from_the_end_of_november_end_in_february(member: PartyMembership) -> None:
    letter = _issue(member, issued_on=date(2025, 11, 30), dues_paid_until="2025-10")
    assert letter.expires_on == date(2026, 2, 28)


def test_a_lapsed_letter_is_not_received(member: PartyMembership) -> None:
    letter = _issue(member)
    letter.expire_if_due(date(2026, 4, 10))
    with pytest.raises(TransferNotPending) as refused:
        receive_transfer(letter, member, on=date(2026, 4, 1), received_by="组织办", today=TODAY)
    assert refused.value.message == (
        "The letter issued on 2026-01-10 lapsed; only a pending letter can be received"
    )
    assert member.party_organization_id == SENDER


def test_a_received_letter_never_expires(member: PartyMembership) -> None:
    letter = _issue(member)
    receive_transfer(letter, member, on=date(2026, 2, 1), received_by="组织办", today=TODAY)
    assert letter.expire_if_due(date(2027, 1, 1)) is None
    assert letter.status is TransferStatus.RECEIVED


def test_a_member_is_not_moved_to_the_organisation_they_are_in(member: PartyMembership) -> None:
    with pytest.raises(TransferSameOrganization):
        member.transfer_to(SENDER, on=date(2026, 2, 1), transfer_id=uuid4())
    assert member.take_events() == []


def test_a_receipt_cannot_be_dated_after_today(member: PartyMembership) -> None:
    letter = _issue(member)
    with pytest.raises(InvalidDate, match="after today"):
        letter.receive(on=date(2026, 2, 2), received_by="组织办", today=date(2026, 2, 1))
    assert letter.is_pending

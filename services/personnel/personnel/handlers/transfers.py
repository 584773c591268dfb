"""Handlers for organisation transfers (组织关系转接): issue, receive, expire."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from gridkit.auth import Caller
from personnel.commands.transfers import ExpireTransfers, IssueTransfer, ReceiveTransfer
from personnel.domain.errors import InvalidDate, MembershipNotFound
from personnel.domain.membership import PartyMembership
from personnel.domain.party_organization_view import known_party_organization
from personnel.domain.person import Person
from personnel.domain.text import optional_division_code
from personnel.domain.transfer import TransferLetter, ensure_no_pending_transfer, receive_transfer
from personnel.handlers.access import require_personnel_admin
from personnel.unit_of_work import PersonnelUnitOfWork


async def issue_transfer(
    command: IssueTransfer, uow: PersonnelUnitOfWork, caller: Caller
) -> TransferLetter:
    """Issue a letter; a pending letter that has lapsed by the issue date is expired first."""
    async with uow:
        person = await uow.people.get(command.person_id)
        require_personnel_admin(caller, person.division_code)
        # The membership is locked first, here and on receipt: one letter at a time per person.
        membership = await _membership(uow, person)
        pending = await uow.transfers.pending_of_person(person.id)
        if pending is not None and pending.expire_if_due(command.issued_on):
            await uow.transfers.save(pending)
        ensure_no_pending_transfer(pending)
        known_party_organization(
            await uow.org_views.party_organization(command.to_organization_id),
            command.to_organization_id,
        )
        letter = TransferLetter.issue(
            id=uuid4(),
            membership=membership,
            to_organization_id=command.to_organization_id,
            issued_on=command.issued_on,
            dues_paid_until=command.dues_paid_until,
        )
        await uow.transfers.add(letter)
        await uow.commit(created=letter.id)
        return letter


async def receive_transfer_letter(
    command: ReceiveTransfer, uow: PersonnelUnitOfWork, caller: Caller, *, today: date
) -> TransferLetter:
    """Record the receipt and move the membership to the receiving organisation, together.

    ``today`` is the local date: a receipt is not dated after it."""
    async with uow:
        person = await uow.people.get(await uow.transfers.person_of(command.transfer_id))
        require_personnel_admin(caller, person.division_code)
        membership = await _membership(uow, person)
        letter = await uow.transfers.get(command.transfer_id, lock=True)
        receive_transfer(
            letter,
            membership,
            on=command.received_on,
            received_by=command.received_by or caller.name or "",
            today=today,
        )
        await uow.transfers.save(letter)
        await uow.memberships.save(membership)
        await uow.commit()
        return letter


async def expire_transfers(
    command: ExpireTransfers, uow: PersonnelUnitOfWork, caller: Caller, *, today: date
) -> list[TransferLetter]:
    """Lapse the letters still pending three months after issue; their members stay put.

    Covers the people under the division given, or under the caller's scope.
    ``as_of`` cannot be later than today: a letter is never lapsed ahead of time.
    """
    division_code = caller.narrow(optional_division_code(command.division_code))
    require_personnel_admin(caller, division_code)
    if command.as_of > today:
        raise InvalidDate(
            f"Letters lapse as time passes; {command.as_of.isoformat()} is after today "
            f"({today.isoformat()})",
            latest=today.isoformat(),
        )
    return await _lapse_due(uow, command.as_of, division_code)


async def _membership(uow: PersonnelUnitOfWork, person: Person) -> PartyMembership:
    membership = await uow.memberships.of_person(person.id)
    if membership is None:
        raise MembershipNotFound(
            f"{person.name} has no party membership record; only a party member is transferred",
            person_id=str(person.id),
        )
    return membership


async def lapse_overdue_letters(uow: PersonnelUnitOfWork, *, today: date) -> list[TransferLetter]:
    """Lapse every letter still pending on its expiry day (the periodic job: no caller).

    ``today`` is the local date; the members of lapsed letters stay where they were.
    """
    return await _lapse_due(uow, today, None)


async def _lapse_due(
    uow: PersonnelUnitOfWork, as_of: date, division_code: str | None
) -> list[TransferLetter]:
    async with uow:
        letters = await uow.transfers.due(as_of, division_code)
        for letter in letters:
            letter.expire_if_due(as_of)
            await uow.transfers.save(letter)
        await uow.commit()
        return letters

"""Organisation transfers (组织关系转接) in GraphQL: the letter type, its queries and mutations.

The member belongs to the sending organisation until the letter is received;
receiving it moves the membership. Nothing lapses by itself: the mutation
``expireTransfers(asOf)`` lapses the letters overdue on a given day (the
service's clock is not consulted for the rule itself).
"""

from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

import strawberry

from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from personnel.commands.transfers import ExpireTransfers, IssueTransfer, ReceiveTransfer
from personnel.domain.kinds import TransferStatus
from personnel.domain.transfer import TransferLetter as LetterModel
from personnel.handlers import transfers
from personnel.repository.transfers import TransferFilter, transfer_key
from personnel.schema.context import Info
from personnel.schema.people import PartyOrganization, Person, load_person

strawberry.enum(
    TransferStatus,
    description="Where a transfer letter stands: PENDING (issued, not yet received), "
    "RECEIVED, EXPIRED (not received within three months).",
)


@strawberry.type(
    description="An organisation transfer letter (组织关系介绍信) moving a party member from one "
    "party organisation to another. The member stays with the sender until it is received."
)
class TransferLetter:
    id: strawberry.ID
    status: TransferStatus = strawberry.field(description="Where the letter stands.")
    issued_on: date = strawberry.field(description="The day the sender issued it.")
    dues_paid_until: str = strawberry.field(
        description="The month party dues (党费) were paid up to at issue, as YYYY-MM."
    )
    expires_on: date = strawberry.field(
        description="The day it lapses, three months after issue; received up to the day before."
    )
    received_on: date | None = strawberry.field(description="The day it was received.")
    received_by: str | None = strawberry.field(description="Who recorded the receipt.")
    person_id: strawberry.Private[UUID]
    from_organization_id: strawberry.Private[UUID]
    to_organization_id: strawberry.Private[UUID]

    @classmethod
    def from_domain(cls, letter: LetterModel) -> Self:
        """The GraphQL view of a letter."""
        return cls(
            id=strawberry.ID(str(letter.id)),
            status=letter.status,
            issued_on=letter.issued_on,
            dues_paid_until=str(letter.dues_paid_until),
            expires_on=letter.expires_on,
            received_on=letter.received_on,
            received_by=letter.received_by,
            person_id=letter.person_id,
            from_organization_id=letter.from_organization_id,
            to_organization_id=letter.to_organization_id,
        )

    @strawberry.field(description="The member being transferred.")
    async def person(self, info: Info) -> Person:
        return await load_person(info, self.person_id)

    @strawberry.field(description="The sending party organisation (resolved by the org subgraph).")
    def from_organization(self) -> PartyOrganization:
        return PartyOrganization(id=strawberry.ID(str(self.from_organization_id)))

    @strawberry.field(
        description="The receiving party organisation (resolved by the org subgraph)."
    )
    def to_organization(self) -> PartyOrganization:
        return PartyOrganization(id=strawberry.ID(str(self.to_organization_id)))


@strawberry.type
class TransferQuery:
    @strawberry.field(description="A transfer letter by id.")
    async def transfer(self, info: Info, id: strawberry.ID) -> TransferLetter | None:
        letter = await info.context.transfer_letters.load(parse_id(id))
        return TransferLetter.from_domain(letter) if letter else None

    @strawberry.field(
        description="Transfer letters, oldest issue first, filtered by member, sending or "
        "receiving organisation and status. Relay pagination."
    )
    async def transfers(
        self,
        info: Info,
        person_id: strawberry.ID | None = None,
        from_organization_id: strawberry.ID | None = None,
        to_organization_id: strawberry.ID | None = None,
        status: TransferStatus | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[TransferLetter]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = TransferFilter(
            person_id=parse_id(person_id, what="personId") if person_id else None,
            from_organization_id=parse_id(from_organization_id, what="fromOrganizationId")
            if from_organization_id
            else None,
            to_organization_id=parse_id(to_organization_id, what="toOrganizationId")
            if to_organization_id
            else None,
            status=status,
        )
        page = await info.context.transfer_reads.list_letters(where, request)
        return Connection.build(page, request, key=transfer_key, node=TransferLetter.from_domain)


def _issue_transfer(
    person_id: strawberry.ID,
    to_organization_id: strawberry.ID,
    issued_on: date,
    dues_paid_until: str,
) -> IssueTransfer:
    """The command issueTransfer's arguments ask for."""
    return IssueTransfer(
        person_id=parse_id(person_id, what="personId"),
        to_organization_id=parse_id(to_organization_id, what="toOrganizationId"),
        issued_on=issued_on,
        dues_paid_until=dues_paid_until,
    )


def _receive_transfer(
    id: strawberry.ID, received_on: date, received_by: str | None
) -> ReceiveTransfer:
    """The command receiveTransfer's arguments ask for."""
    return ReceiveTransfer(
        transfer_id=parse_id(id), received_on=received_on, received_by=received_by
    )


def _expire_transfers(as_of: date, division_code: str | None) -> ExpireTransfers:
    """The command expireTransfers's arguments ask for."""
    return ExpireTransfers(as_of=as_of, division_code=division_code)


@strawberry.type
class TransferMutation:
    @strawberry.mutation(
        description="Issue a transfer letter (组织关系介绍信) for a party member to another party "
        "organisation. Dues must be paid up to the month before issue; a person has one pending "
        "letter at a time (one overdue by the issue date lapses first)."
    )
    async def issue_transfer(
        self,
        info: Info,
        person_id: strawberry.ID,
        to_organization_id: strawberry.ID,
        issued_on: date,
        dues_paid_until: str,
        client_mutation_id: ClientMutationId = None,
    ) -> TransferLetter:
        context = info.context
        command = _issue_transfer(person_id, to_organization_id, issued_on, dues_paid_until)
        key = context.idempotency_key("issueTransfer", command, client_mutation_id)
        letter = await apply_once(
            lambda: transfers.issue_transfer(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=context.transfer_reads.letter,
        )
        return TransferLetter.from_domain(letter)

    @strawberry.mutation(
        description="Record the receipt of a pending letter before it lapses; the member's "
        "membership moves to the receiving organisation. receivedBy defaults to the caller."
    )
    async def receive_transfer(
        self,
        info: Info,
        id: strawberry.ID,
        received_on: date,
        received_by: str | None = None,
    ) -> TransferLetter:
        context = info.context
        letter = await transfers.receive_transfer_letter(
            _receive_transfer(id, received_on, received_by),
            context.unit_of_work(),
            context.caller,
            today=context.today,
        )
        return TransferLetter.from_domain(letter)

    @strawberry.mutation(
        description="Lapse the letters still pending on asOf (today or earlier) three months "
        "after issue; their members stay with the sender. Covers the people under divisionCode, "
        "or under the caller's scope when it is left out. Returns the letters that lapsed."
    )
    async def expire_transfers(
        self, info: Info, as_of: date, division_code: str | None = None
    ) -> list[TransferLetter]:
        context = info.context
        lapsed = await transfers.expire_transfers(
            _expire_transfers(as_of, division_code),
            context.unit_of_work(),
            context.caller,
            today=context.today,
        )
        return [TransferLetter.from_domain(letter) for letter in lapsed]

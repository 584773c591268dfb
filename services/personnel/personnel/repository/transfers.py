"""Organisation transfer letters (组织关系介绍信) in storage: for commands, and read queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.graphql.pagination import Page, PageRequest
from gridkit.paging import fetch_page
from gridkit.repository import Repository
from personnel.domain.dates import YearMonth
from personnel.domain.errors import TransferNotFound
from personnel.domain.kinds import TransferStatus
from personnel.domain.transfer import TransferLetter
from personnel.repository.tables import PersonRow, TransferRow


def transfer_from_row(row: TransferRow) -> TransferLetter:
    """The letter stored in ``row``."""
    return TransferLetter(
        id=row.id,
        version=row.version,
        persisted_version=row.version,
        person_id=row.person_id,
        membership_id=row.membership_id,
        from_organization_id=row.from_organization_id,
        to_organization_id=row.to_organization_id,
        issued_on=row.issued_on,
        dues_paid_until=YearMonth.parse(row.dues_paid_until),
        status=TransferStatus(row.status),
        received_on=row.received_on,
        received_by=row.received_by,
    )


class TransferRepository(Repository[TransferLetter, TransferRow]):
    """Transfer letters, for commands."""

    row_type = TransferRow

    def to_domain(self, row: TransferRow) -> TransferLetter:
        """The letter stored in ``row``."""
        return transfer_from_row(row)

    def values(self, letter: TransferLetter) -> dict[str, Any]:
        """The columns of ``letter``, its expiry kept beside the issue date."""
        return {
            "person_id": letter.person_id,
            "membership_id": letter.membership_id,
            "from_organization_id": letter.from_organization_id,
            "to_organization_id": letter.to_organization_id,
            "issued_on": letter.issued_on,
            "expires_on": letter.expires_on,
            "dues_paid_until": str(letter.dues_paid_until),
            "status": letter.status.value,
            "received_on": letter.received_on,
            "received_by": letter.received_by,
        }

    def not_found(self, aggregate_id: UUID) -> TransferNotFound:
        """TRANSFER_NOT_FOUND."""
        return TransferNotFound.for_id(aggregate_id)

    async def person_of(self, transfer_id: UUID) -> UUID:
        """Whose letter it is (read without a lock), or TRANSFER_NOT_FOUND."""
        person_id = await self.session.scalar(
            select(TransferRow.person_id).where(TransferRow.id == transfer_id)
        )
        if person_id is None:
            raise self.not_found(transfer_id)
        return person_id

    async def pending_of_person(self, person_id: UUID) -> TransferLetter | None:
        """The person's pending letter, if any, locked for the change."""
        found = await self.load_where(
            select(TransferRow).where(
                TransferRow.person_id == person_id,
                TransferRow.status == TransferStatus.PENDING.value,
            ),
            lock=True,
        )
        return found[0] if found else None

    async def due(self, as_of: date, division_prefix: str | None) -> list[TransferLetter]:
        """Pending letters lapsed by ``as_of``, of people under a division (all without one)."""
        statement = select(TransferRow).where(
            TransferRow.status == TransferStatus.PENDING.value,
            TransferRow.expires_on <= as_of,
        )
        if division_prefix:
            statement = statement.where(TransferRow.person_id.in_(_people_under(division_prefix)))
        return await self.load_where(
            statement.order_by(TransferRow.expires_on, TransferRow.id), lock=True
        )


@dataclass(frozen=True)
class TransferFilter:
    """Which letters to list."""

    person_id: UUID | None = None
    from_organization_id: UUID | None = None
    to_organization_id: UUID | None = None
    status: TransferStatus | None = None


class TransferReads:
    """Read-only queries of transfer letters, each in its own short transaction."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def letters(self, ids: Sequence[UUID]) -> list[TransferLetter | None]:
        """Letters by id, in the order asked."""
        async with self._sessions() as session:
            rows = await session.scalars(select(TransferRow).where(TransferRow.id.in_(ids)))
            found = {row.id: transfer_from_row(row) for row in rows}
            return [found.get(i) for i in ids]

    async def letter(self, transfer_id: UUID) -> TransferLetter:
        """One letter, or TRANSFER_NOT_FOUND."""
        [found] = await self.letters([transfer_id])
        if found is None:
            raise TransferNotFound.for_id(transfer_id)
        return found

    async def list_letters(self, where: TransferFilter, page: PageRequest) -> Page[TransferLetter]:
        """A page of letters, oldest issue first."""
        statement = select(TransferRow)
        if where.person_id is not None:
            statement = statement.where(TransferRow.person_id == where.person_id)
        if where.from_organization_id is not None:
            statement = statement.where(
                TransferRow.from_organization_id == where.from_organization_id
            )
        if where.to_organization_id is not None:
            statement = statement.where(TransferRow.to_organization_id == where.to_organization_id)
        if where.status is not None:
            statement = statement.where(TransferRow.status == where.status.value)
        async with self._sessions() as session:
            found = await fetch_page(
                session,
                statement,
                key=[TransferRow.issued_on, TransferRow.id],
                request=page,
            )
        return Page(
            items=[transfer_from_row(row) for row in found.items],
            has_more=found.has_more,
            total=found.total,
        )


def transfer_key(letter: TransferLetter) -> list[str]:
    """The cursor key of a letter in :meth:`TransferReads.list_letters`."""
    return [letter.issued_on.isoformat(), str(letter.id)]


def _people_under(division_prefix: str) -> Select[UUID]:
    return select(PersonRow.id).where(
        PersonRow.division_code.startswith(division_prefix, autoescape=True)
    )

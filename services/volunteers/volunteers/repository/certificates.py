"""The certificates issued (志愿服务证明): kept as printed, found by number, numbered per year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from pydantic import TypeAdapter
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from volunteers.domain.certificate import CertificateNumber, ServiceCertificate
from volunteers.repository.tables import CertificateCounterRow, CertificateRow

_CERTIFICATE = TypeAdapter(ServiceCertificate)


@dataclass(frozen=True, kw_only=True)
class IssuedCertificate:
    """A certificate with whose it is and who issued it."""

    certificate: ServiceCertificate
    volunteer_id: UUID
    holder_person_id: UUID
    issued_by: UUID
    issued_at: datetime


def _issued(row: CertificateRow) -> IssuedCertificate:
    return IssuedCertificate(
        certificate=_CERTIFICATE.validate_python(row.document),
        volunteer_id=row.volunteer_id,
        holder_person_id=row.person_id,
        issued_by=row.issued_by,
        issued_at=row.issued_at,
    )


class CertificateStore:
    """Issue, number and find certificates in the caller's transaction."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def next_number(self, year: int) -> CertificateNumber:
        """The year's next number; the counter row stays locked until the transaction ends,
        so two certificates issued at once never share one."""
        statement = (
            pg_insert(CertificateCounterRow)
            .values(year=year, last=1)
            .on_conflict_do_update(
                index_elements=["year"], set_={"last": CertificateCounterRow.last + 1}
            )
            .returning(CertificateCounterRow.last)
        )
        sequence = (await self._session.execute(statement)).scalar_one()
        return CertificateNumber(year=year, sequence=int(sequence))

    async def add(
        self,
        certificate: ServiceCertificate,
        *,
        id: UUID,
        volunteer_id: UUID,
        person_id: UUID,
        by: UUID,
        at: datetime,
    ) -> None:
        """Keep an issued certificate as it was printed."""
        self._session.add(
            CertificateRow(
                number=str(certificate.number),
                id=id,
                volunteer_id=volunteer_id,
                person_id=person_id,
                issued_on=certificate.issued_on,
                issued_at=at,
                issued_by=by,
                document=_CERTIFICATE.dump_python(certificate, mode="json"),
            )
        )
        await self._session.flush()

    async def find(self, number: CertificateNumber) -> IssuedCertificate | None:
        """The certificate issued under ``number``, if any."""
        row = await self._session.get(CertificateRow, str(number))
        return _issued(row) if row else None

    async def with_id(self, certificate_id: UUID) -> IssuedCertificate | None:
        """The certificate issued under ``certificate_id``, if any."""
        row = await self._session.scalar(
            select(CertificateRow).where(CertificateRow.id == certificate_id)
        )
        return _issued(row) if row else None

    async def of_volunteer(self, volunteer_id: UUID) -> list[IssuedCertificate]:
        """The volunteer's certificates, newest first."""
        rows = await self._session.scalars(
            select(CertificateRow)
            .where(CertificateRow.volunteer_id == volunteer_id)
            .order_by(CertificateRow.issued_at.desc())
        )
        return [_issued(row) for row in rows]

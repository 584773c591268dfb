"""Reading certificates: anyone verifies one by its number; its holder, whoever issued it and
staff download it."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.auth import Caller
from gridkit.errors import Forbidden
from volunteers.domain.certificate import CertificateNumber, PublicCertificate, ServiceCertificate
from volunteers.domain.certificate_errors import CertificateNotFound
from volunteers.handlers import access
from volunteers.repository.certificates import CertificateStore


async def verify_certificate(
    number: str, *, sessions: async_sessionmaker[AsyncSession]
) -> PublicCertificate:
    """What the certificate numbered ``number`` says, masked; CERTIFICATE_NOT_FOUND if none."""
    parsed = CertificateNumber.parse(number)
    async with sessions() as session:
        issued = await CertificateStore(session).find(parsed)
    if issued is None:
        raise CertificateNotFound(
            f"No certificate numbered {parsed} was issued", number=str(parsed)
        )
    return issued.certificate.public_view()


async def certificate_for(
    number: str, *, caller: Caller, sessions: async_sessionmaker[AsyncSession]
) -> ServiceCertificate:
    """The whole certificate, for its holder, its issuer or staff."""
    person = access.person_of(caller, "download a service certificate")
    parsed = CertificateNumber.parse(number)
    async with sessions() as session:
        issued = await CertificateStore(session).find(parsed)
    if issued is None:
        raise CertificateNotFound(
            f"No certificate numbered {parsed} was issued", number=str(parsed)
        )
    if person not in (issued.holder_person_id, issued.issued_by) and not access.is_staff(caller):
        raise Forbidden(
            f"Certificate {parsed} is another volunteer's; it is theirs, its issuer's and staff's "
            "to download"
        )
    return issued.certificate


async def certificates_of(
    volunteer_id: UUID, *, caller: Caller, sessions: async_sessionmaker[AsyncSession]
) -> list[ServiceCertificate]:
    """A volunteer's certificates, newest first, for the volunteer, their issuers and staff."""
    person = access.person_of(caller, "read service certificates")
    async with sessions() as session:
        issued = await CertificateStore(session).of_volunteer(volunteer_id)
    staff = access.is_staff(caller)
    return [
        held.certificate
        for held in issued
        if staff or person in (held.holder_person_id, held.issued_by)
    ]


async def issued_certificate(
    certificate_id: UUID, *, sessions: async_sessionmaker[AsyncSession]
) -> ServiceCertificate:
    """The certificate an issuing request made (for its retries, which the key let through)."""
    async with sessions() as session:
        issued = await CertificateStore(session).with_id(certificate_id)
    if issued is None:
        raise CertificateNotFound(f"No certificate {certificate_id} was issued")
    return issued.certificate

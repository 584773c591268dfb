"""``GET /certificates/{number}`` (anyone: what the certificate says, masked) and
``GET /certificates/{number}.pdf`` (the holder, whoever issued it, and staff).

A certificate's QR code points at the first: whoever holds a paper certificate can see that
the district issued it, to whom (masked name and ID number), for which period and how many
hours, and nothing more. A refused or unknown number answers a coded error
(``CERTIFICATE_NUMBER_INVALID``, ``CERTIFICATE_NOT_FOUND``).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from gridkit.web.dependencies import CallerDep, RuntimeDep
from volunteers.certificates.pdf import render_certificate
from volunteers.domain.certificate import PublicCertificate
from volunteers.handlers.certificates import certificate_for, verify_certificate


def public_json(view: PublicCertificate) -> dict[str, Any]:
    """What anyone verifying a certificate is told."""
    return {
        "number": str(view.number),
        "issuedOn": view.issued_on.isoformat(),
        "volunteerName": view.masked_name,
        "idNumber": view.masked_id_number,
        "volunteerNumber": view.volunteer_number,
        "periodStart": view.period.start.isoformat(),
        "periodEnd": view.period.end.isoformat(),
        "totalHours": str(view.total_hours),
        "issuingTeam": view.issuing_team,
    }


def certificates_router() -> APIRouter:
    """The certificate routes."""
    router = APIRouter(prefix="/certificates", tags=["certificates"])

    @router.get("/{number}.pdf")
    async def pdf(number: str, caller: CallerDep, runtime: RuntimeDep) -> Response:
        """The certificate as printed (PDF, in Chinese, with its QR code)."""
        certificate = await certificate_for(number, caller=caller, sessions=runtime.sessions)
        return Response(
            content=render_certificate(certificate),
            media_type="application/pdf",
            headers={"Content-Disposition": f'inline; filename="{certificate.number}.pdf"'},
        )

    @router.get("/{number}")
    async def verify(number: str, runtime: RuntimeDep) -> dict[str, Any]:
        """Whether the district issued this certificate, and what it says (masked)."""
        return public_json(await verify_certificate(number, sessions=runtime.sessions))

    return router

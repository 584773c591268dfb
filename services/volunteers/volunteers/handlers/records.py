"""Commands on service records and certificates (志愿服务记录与证明).

The organiser records a checked-out volunteer's service; the volunteer asks for a correction
and the organiser applies or rejects it, the original kept. A certificate is issued from the
records themselves, by the leader of the team it is issued in the name of (or staff), and
keeps its number for anyone to verify.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

from gridkit.auth import Caller
from gridkit.clock import local_today
from volunteers.domain.certificate import ServiceCertificate, ServicePeriod
from volunteers.domain.errors import PersonNotKnown, VolunteerNotFound
from volunteers.domain.hours import service_day
from volunteers.domain.service_record import ServiceRecord, hours_in_period
from volunteers.handlers import access
from volunteers.handlers.volunteering import own_volunteer
from volunteers.unit_of_work import VolunteersUnitOfWork


async def record_service(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    activity_id: UUID,
    signup_id: UUID,
    content: str,
    timezone: str,
    at: datetime,
) -> ServiceRecord:
    """The organiser records a sign-up's service: hours from check-in to check-out."""
    organiser = access.person_of(caller, "record volunteer service")
    async with uow:
        activity = await uow.activities.get(activity_id)
        checked_in = activity.signup(signup_id).checked_in_at
        record = ServiceRecord.record_service(
            id=uuid4(),
            activity=activity,
            signup_id=signup_id,
            content=content,
            # Without a check-in the domain refuses the record; the day then does not matter.
            served_on=service_day(checked_in or at, timezone),
            by=organiser,
            at=at,
        )
        await uow.records.add(record)
        await uow.commit(created=record.id)
        return record


async def request_correction(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    record_id: UUID,
    reason: str,
    at: datetime,
    hours: Decimal | None = None,
    content: str | None = None,
) -> ServiceRecord:
    """The volunteer whose record it is asks for other hours or content (申请更正)."""
    person = access.person_of(caller, "ask for a correction")
    async with uow:
        volunteer = await own_volunteer(uow, person)
        record = await uow.records.get(record_id, lock=True)
        record.request_correction(
            volunteer_id=volunteer.id, reason=reason, at=at, hours=hours, content=content
        )
        await uow.records.save(record)
        await uow.commit(created=record.id)
        return record


async def decide_correction(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    record_id: UUID,
    apply: bool,
    at: datetime,
    hours: Decimal | None = None,
    content: str | None = None,
    note: str | None = None,
) -> ServiceRecord:
    """The organiser applies the pending correction (a new version) or rejects it."""
    organiser = access.person_of(caller, "decide a correction")
    async with uow:
        record = await uow.records.get(record_id, lock=True)
        if apply:
            record.apply_correction(by=organiser, at=at, hours=hours, content=content, note=note)
        else:
            record.reject_correction(by=organiser, reason=note or "", at=at)
        await uow.records.save(record)
        await uow.commit(created=record.id)
        return record


async def issue_certificate(
    uow: VolunteersUnitOfWork,
    caller: Caller,
    *,
    volunteer_id: UUID,
    team_id: UUID,
    start: date,
    end: date,
    verify_url: str,
    timezone: str,
    at: datetime,
) -> ServiceCertificate:
    """Issue a service certificate (志愿服务证明) for the volunteer's service in a period.

    In the name of ``team_id``: one of its leaders, for a member (and is its person in charge),
    or staff, naming the team's first leader (:meth:`VolunteerTeam.certifier`).
    """
    person = access.person_of(caller, "issue a service certificate")
    async with uow:
        team = await uow.teams.get(team_id)
        in_charge_id = team.certifier(
            issuer=person, volunteer_id=volunteer_id, by_staff=access.is_staff(caller)
        )
        volunteer = await uow.volunteers.find(volunteer_id)
        if volunteer is None:
            raise VolunteerNotFound.for_id(volunteer_id)
        people = await uow.places.people([volunteer.person_id, in_charge_id])
        holder, in_charge = people.get(volunteer.person_id), people.get(in_charge_id)
        if holder is None or in_charge is None:
            missing = volunteer.person_id if holder is None else in_charge_id
            raise PersonNotKnown(
                f"Person {missing} is not known from personnel yet; a certificate shows their "
                "name as personnel records it",
                person_id=str(missing),
            )
        summary = hours_in_period(
            await uow.records.of_volunteer(volunteer.id, start=start, end=end),
            volunteer_id=volunteer.id,
            start=start,
            end=end,
        )
        issued_on = local_today(timezone, now=at)
        number = await uow.certificates.next_number(issued_on.year)
        certificate = ServiceCertificate.issue(
            number=number,
            issued_on=issued_on,
            volunteer_name=holder.name,
            masked_id_number=holder.national_id_masked,
            volunteer_number=str(volunteer.number),
            period=ServicePeriod(start=start, end=end),
            records=[line.certificate_row for line in summary.lines],
            issuing_team=team.name,
            person_in_charge=in_charge.name,
            verification_url=f"{verify_url}{number}",
        )
        certificate_id = uuid4()
        await uow.certificates.add(
            certificate,
            id=certificate_id,
            volunteer_id=volunteer.id,
            person_id=volunteer.person_id,
            by=person,
            at=at,
        )
        await uow.commit(created=certificate_id)
        return certificate

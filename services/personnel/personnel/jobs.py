"""Personnel's periodic jobs, run in the service's workers on one replica at a time."""

from __future__ import annotations

from datetime import timedelta

from gridkit.clock import local_today
from gridkit.jobs import PeriodicJob
from gridkit.pii import PiiProtector
from gridkit.web.runtime import Runtime
from personnel.config import PersonnelSettings
from personnel.handlers.transfers import lapse_overdue_letters
from personnel.unit_of_work import PersonnelUnitOfWork


async def expire_transfer_letters(runtime: Runtime) -> int:
    """Lapse every letter still pending on its expiry day (the local date); returns how many."""
    settings = runtime.settings
    uow = PersonnelUnitOfWork(runtime.sessions, PiiProtector.from_settings(settings))
    lapsed = await lapse_overdue_letters(uow, today=local_today(settings.timezone))
    return len(lapsed)


def jobs(settings: PersonnelSettings) -> list[PeriodicJob]:
    """The jobs of a personnel process configured by ``settings``."""
    return [
        PeriodicJob(
            "expire-transfer-letters",
            timedelta(seconds=settings.transfer_expiry_seconds),
            expire_transfer_letters,
        )
    ]

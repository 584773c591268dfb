"""Cases' periodic jobs, run in the service's workers on one replica at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from cases.config import CasesSettings
from cases.handlers.cases import Moment, observe_deadlines
from cases.unit_of_work import CasesUnitOfWork
from gridkit.clock import local_today
from gridkit.jobs import PeriodicJob
from gridkit.pii import PiiProtector
from gridkit.web.runtime import Runtime


async def watch_deadlines(runtime: Runtime) -> int:
    """Give due warnings and red flags, and escalate overdue cases; returns how many changed."""
    settings = runtime.settings
    at = datetime.now(UTC)
    uow = CasesUnitOfWork(runtime.sessions, PiiProtector.from_settings(settings))
    return await observe_deadlines(
        uow, now=Moment(at=at, today=local_today(settings.timezone, now=at))
    )


def jobs(settings: CasesSettings) -> list[PeriodicJob]:
    """The jobs of a cases process configured by ``settings``."""
    return [
        PeriodicJob(
            "watch-case-deadlines",
            timedelta(seconds=settings.deadline_check_seconds),
            watch_deadlines,
        )
    ]

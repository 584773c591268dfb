"""Settings of the personnel service (variables prefixed ``PERSONNEL_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings


class PersonnelSettings(ServiceSettings):
    """``PERSONNEL_DATABASE_URL``, ``PERSONNEL_PORT`` ...; shared ``PII_KEY`` etc. as fallback."""

    model_config = SettingsConfigDict(env_prefix="PERSONNEL_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "personnel"
    default_port: ClassVar[int] = 4002

    transfer_expiry_seconds: float = Field(default=3600.0, gt=0)
    """How often the worker lapses transfer letters past their expiry (one replica runs it)."""

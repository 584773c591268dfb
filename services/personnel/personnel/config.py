"""Settings of the personnel service (variables prefixed ``PERSONNEL_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings


class PersonnelSettings(ServiceSettings):
    """``PERSONNEL_DATABASE_URL``, ``PERSONNEL_PORT`` ...; shared ``PII_KEY`` etc. as fallback."""

    model_config = SettingsConfigDict(env_prefix="PERSONNEL_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "personnel"
    default_port: ClassVar[int] = 4002

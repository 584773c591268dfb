"""Settings of the cases service (variables prefixed ``CASES_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings


class CasesSettings(ServiceSettings):
    """``CASES_DATABASE_URL``, ``CASES_PORT`` ...; shared ``PII_KEY`` etc. as fallback."""

    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "cases"
    default_port: ClassVar[int] = 4003
    uses_blobs: ClassVar[bool] = True
    """Evidence files (photos, documents) live in the object store."""

"""Settings of the org service (variables prefixed ``ORG_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings


class OrgSettings(ServiceSettings):
    """``ORG_DATABASE_URL``, ``ORG_PORT`` ...; shared names such as ``NATS_URL`` as fallback."""

    model_config = SettingsConfigDict(env_prefix="ORG_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "org"
    default_port: ClassVar[int] = 4001

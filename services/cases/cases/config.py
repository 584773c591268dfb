"""Settings of the cases service (variables prefixed ``CASES_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, SecretStr
from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings
from gridkit.uploads import EVIDENCE


class CasesSettings(ServiceSettings):
    """``CASES_DATABASE_URL``, ``CASES_PORT`` ...; shared ``PII_KEY`` etc. as fallback."""

    model_config = SettingsConfigDict(env_prefix="CASES_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "cases"
    default_port: ClassVar[int] = 4003
    uses_blobs: ClassVar[bool] = True
    """Evidence files (photos, documents) live in the object store."""

    attachment_max_bytes: int = Field(default=EVIDENCE.max_bytes, ge=1024, le=512 * 1024 * 1024)
    """The largest evidence file accepted (32 MiB unless set)."""
    deadline_check_seconds: float = Field(default=300.0, gt=0)
    """How often the workers look for warnings, red flags and escalations (one replica)."""
    duplicate_radius_m: float = Field(default=100.0, gt=0, le=10_000)
    """How near an open case of the same category must be to be suggested as a duplicate."""
    duplicate_window_days: int = Field(default=30, ge=1, le=365)
    """How recent such a case must be."""
    open311_api_keys: dict[str, SecretStr] = Field(default_factory=dict)
    """Open311 clients allowed to file requests without a bearer token: client name → its
    ``api_key`` (JSON in ``CASES_OPEN311_API_KEYS``, e.g. ``{"12345-app": "..."}``)."""

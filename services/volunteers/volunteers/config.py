"""Settings of the volunteers service (variables prefixed ``VOLUNTEERS_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field, model_validator
from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings


class VolunteersSettings(ServiceSettings):
    """``VOLUNTEERS_DATABASE_URL``, ``VOLUNTEERS_PORT`` ...; shared ``DATABASE_URL`` etc. as
    fallback."""

    model_config = SettingsConfigDict(env_prefix="VOLUNTEERS_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "volunteers"
    default_port: ClassVar[int] = 4004
    uses_pii: ClassVar[bool] = False
    """Volunteers holds only the masked ID numbers personnel's events carry: nothing to decrypt."""

    district_code: str = Field(default="370112", pattern=r"^\d{6}$")
    """The district whose volunteers this service registers: the first part of their numbers
    (历城区, 370112)."""
    cancel_cutoff_hours: float = Field(default=2.0, ge=0, le=24 * 14)
    """How long before a shift starts a volunteer may still cancel their sign-up."""
    certificate_verify_url: str = ""
    """The public page a certificate's QR code points at, the number appended
    (``https://volunteers.example.gov.cn/certificates/``); dev-only default: this service's own
    ``/certificates/`` route on its host and port."""
    no_show_check_seconds: float = Field(default=300.0, gt=0)
    """How often the workers mark confirmed volunteers who never checked in as no-shows."""

    @model_validator(mode="after")
    def _verify_url_in_production(self) -> VolunteersSettings:
        if self.env == "production" and not self.certificate_verify_url.startswith("https://"):
            # A printed certificate outlives any dev host: it points at the public page, safely.
            raise ValueError(
                "VOLUNTEERS_CERTIFICATE_VERIFY_URL must be the public https:// address of the "
                "verification page (the local default is dev-only)"
            )
        if not self.certificate_verify_url:
            url = f"http://{self.host}:{self.port}/certificates/"
            object.__setattr__(self, "certificate_verify_url", url)
        return self

"""Base of the integration events services publish to each other."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class IntegrationEvent(BaseModel):
    """A versioned event payload shared by producer and consumers.

    Payloads only ever gain fields: consumers ignore fields they do not know,
    and a new field always has a default, so old events still validate.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: ClassVar[str]
    """Logical subject and CloudEvents ``type``: ``<service>.<aggregate>.<event>``."""
    schema_version: ClassVar[int] = 1

    @classmethod
    def schema_uri(cls) -> str:
        """The CloudEvents ``dataschema`` of this payload version."""
        return f"urn:pioneer-grid:event:{cls.event_type}:v{cls.schema_version}"

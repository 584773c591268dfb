"""The CloudEvents 1.0 envelope every Pioneer Grid event travels in.

Structured JSON mode: the whole event, attributes and ``data``, is one JSON
document. ``subject`` is the aggregate id and the ``sequence`` extension its
version, so a consumer can apply events of one aggregate in order.
"""

from __future__ import annotations

import builtins
from datetime import UTC, datetime
from typing import Any, Literal, TypeVar
from uuid import UUID, uuid4

import orjson
from pydantic import BaseModel, ConfigDict, Field

from gridkit.contracts.base import IntegrationEvent

E = TypeVar("E", bound=IntegrationEvent)


class CloudEvent(BaseModel):
    """A CloudEvents 1.0 event in structured JSON mode."""

    model_config = ConfigDict(frozen=True, extra="allow")

    specversion: Literal["1.0"] = "1.0"
    id: str = Field(default_factory=lambda: str(uuid4()))
    source: str
    type: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    subject: str | None = None
    datacontenttype: Literal["application/json"] = "application/json"
    dataschema: str | None = None
    sequence: str | None = None
    """CloudEvents ``sequence`` extension: the aggregate version this event produced."""
    data: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def wrap(
        cls,
        payload: IntegrationEvent,
        *,
        source: str,
        aggregate_id: UUID,
        version: int,
        event_id: UUID | None = None,
    ) -> CloudEvent:
        """Put a contract payload in an envelope."""
        return cls(
            id=str(event_id or uuid4()),
            source=source,
            type=payload.event_type,
            subject=str(aggregate_id),
            dataschema=payload.schema_uri(),
            sequence=str(version),
            data=payload.model_dump(mode="json"),
        )

    @property
    def aggregate_type(self) -> str:
        """``grid`` for ``org.grid.created``."""
        return self.type.split(".")[1]

    @property
    def version(self) -> int | None:
        """The aggregate version carried in ``sequence``, if any."""
        return int(self.sequence) if self.sequence is not None else None

    def payload(self, model: builtins.type[E]) -> E:
        """Read ``data`` as the given contract; unknown (newer) fields are ignored."""
        return model.model_validate(self.data)

    def to_json(self) -> bytes:
        """Serialise for the wire."""
        return orjson.dumps(self.model_dump(mode="json", exclude_none=True))

    @classmethod
    def from_json(cls, raw: bytes | str) -> CloudEvent:
        """Parse an event from the wire; raises ``pydantic.ValidationError`` if malformed."""
        return cls.model_validate(orjson.loads(raw))

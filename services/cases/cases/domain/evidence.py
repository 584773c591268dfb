"""Evidence of a result (处置结果): what was done, photos, and what was measured."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from uuid import UUID

from cases.domain.errors import InvalidEvidence
from cases.domain.text import optional_text

__all__ = ["Evidence", "Measurement"]

TEXT_MAX_LENGTH = 4000
MEASUREMENT_NAME_MAX_LENGTH = 50
UNIT_MAX_LENGTH = 20
MAX_ATTACHMENTS = 30


@dataclass(frozen=True, kw_only=True)
class Measurement:
    """A measured value, such as the elevator car noise: 55 dB against a limit of 60."""

    name: str
    """What was measured: 轿厢运行噪声."""
    value: Decimal
    unit: str
    """The unit as written: dB, mg/m³, m."""
    limit: Decimal | None = None
    """The highest value allowed by the standard, when there is one."""

    def __post_init__(self) -> None:
        name = optional_text(
            self.name, label="Measurement name", max_length=MEASUREMENT_NAME_MAX_LENGTH
        )
        unit = optional_text(self.unit, label="Unit", max_length=UNIT_MAX_LENGTH)
        if name is None or unit is None:
            raise InvalidEvidence("A measurement has a name and a unit", field="measurement")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "value", _decimal(self.value, name))
        if self.limit is not None:
            object.__setattr__(self, "limit", _decimal(self.limit, f"limit of {name}"))

    @property
    def within_limit(self) -> bool | None:
        """Whether the value is at most the limit; ``None`` without a limit."""
        return None if self.limit is None else self.value <= self.limit


@dataclass(frozen=True, kw_only=True)
class Evidence:
    """What a handler shows for a result: a text, attachments, measurements."""

    text: str
    """What was done, in words (required)."""
    attachment_ids: tuple[UUID, ...] = ()
    """Photos and documents in the object store, in the order shown."""
    measurements: tuple[Measurement, ...] = ()

    def __post_init__(self) -> None:
        text = optional_text(self.text, label="Evidence", max_length=TEXT_MAX_LENGTH)
        if text is None:
            raise InvalidEvidence(
                "A result needs a text saying what was done, even with photos attached",
                field="text",
            )
        object.__setattr__(self, "text", text)
        attachments = tuple(dict.fromkeys(self.attachment_ids))
        if len(attachments) > MAX_ATTACHMENTS:
            raise InvalidEvidence(
                f"A result carries at most {MAX_ATTACHMENTS} attachments; got {len(attachments)}",
                field="attachment_ids",
            )
        object.__setattr__(self, "attachment_ids", attachments)
        object.__setattr__(self, "measurements", tuple(self.measurements))

    @property
    def within_limits(self) -> bool:
        """Whether no measurement exceeds its limit."""
        return all(m.within_limit is not False for m in self.measurements)


def _decimal(value: object, name: str) -> Decimal:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        number = None
    if isinstance(value, bool) or number is None or not number.is_finite():
        raise InvalidEvidence(f"The {name} is a finite number; got {value!r}", field="value")
    return number

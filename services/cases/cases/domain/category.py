"""The catalogue of case categories (案件类别), like Open311's service definitions.

A category names a kind of demand (an elevator fault, a blocked fire lane),
says which extra facts a report of it carries (its attributes), how many
working days each priority leaves for handling it, and when it is accepted
(立案条件) and closed (结案条件).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType
from typing import TypeAlias

from cases.domain.errors import (
    AttributeInvalid,
    AttributeRequired,
    AttributeUnknown,
    InvalidAttributeDefinition,
    InvalidCategory,
    InvalidTimeLimits,
)
from cases.domain.kinds import AttributeType, Priority
from cases.domain.text import optional_text
from gridkit.errors import InvalidInput

__all__ = [
    "AttributeDefinition",
    "AttributeValue",
    "Category",
    "Choice",
]

CATEGORY_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,39}")
"""A category code: ``ELEVATOR``, ``FIRE_LANE_BLOCKED``."""
ATTRIBUTE_CODE = re.compile(r"[a-z][a-z0-9_]{0,39}")
"""An attribute code: ``floor``, ``noise_db``."""
CHOICE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_]{0,39}")
"""A choice key: ``car_noise``, ``B2``."""

NAME_MAX_LENGTH = 100
DESCRIPTION_MAX_LENGTH = 2000
CONDITIONS_MAX_LENGTH = 2000
STRING_VALUE_MAX_LENGTH = 1000
MIN_TIME_LIMIT = 1
MAX_TIME_LIMIT = 365

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")
_PRIORITY_ORDER = (Priority.URGENT, Priority.HIGH, Priority.NORMAL)

AttributeValue: TypeAlias = str | int | float | list[str]
"""A validated attribute value, ready for JSON: text, a number, an ISO 8601 moment with
its offset, a choice key, or a list of choice keys."""


@dataclass(frozen=True, kw_only=True)
class Choice:
    """One choice of a choice attribute: the key stored, the name shown."""

    key: str
    name: str

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not CHOICE_KEY.fullmatch(self.key):
            raise InvalidAttributeDefinition(
                f"A choice key is 1 to 40 letters, digits or underscores, such as car_noise; "
                f"got {self.key!r}",
                key=str(self.key),
            )
        label = f"Name of choice {self.key}"
        name = _name(self.name, label=label, error=InvalidAttributeDefinition)
        object.__setattr__(self, "name", name)


@dataclass(frozen=True, kw_only=True)
class AttributeDefinition:
    """An extra fact a report of the category carries (like an Open311 attribute)."""

    code: str
    """Key of the value in a case's attributes: ``^[a-z][a-z0-9_]{0,39}$``."""
    name: str
    """What a form shows, such as 电梯位置."""
    description: str | None = None
    """Help text for whoever fills the form in."""
    type: AttributeType
    required: bool = False
    """Whether every report of the category must give a value."""
    order: int = 0
    """Where the attribute comes on a form, smallest first."""
    choices: tuple[Choice, ...] = ()
    """The choices of a choice attribute, in the order shown; empty for the other types."""

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not ATTRIBUTE_CODE.fullmatch(self.code):
            raise InvalidAttributeDefinition(
                "An attribute code starts with a lower-case letter and holds up to 40 "
                f"lower-case letters, digits and underscores, such as noise_db; got {self.code!r}",
                attribute=str(self.code),
            )
        label = f"Attribute {self.code}"
        name = _name(self.name, label=f"Name of {label.lower()}", error=InvalidAttributeDefinition)
        object.__setattr__(self, "name", name)
        object.__setattr__(
            self,
            "description",
            optional_text(
                self.description, label=f"{label} description", max_length=DESCRIPTION_MAX_LENGTH
            ),
        )
        object.__setattr__(self, "choices", tuple(self.choices))
        if self.type.is_choice and not self.choices:
            raise InvalidAttributeDefinition(
                f"{label} is a {self.type.value.lower().replace('_', ' ')}; it needs choices",
                attribute=self.code,
            )
        if not self.type.is_choice and self.choices:
            raise InvalidAttributeDefinition(
                f"{label} is of type {self.type.value}; only choice attributes have choices",
                attribute=self.code,
            )
        keys = [choice.key for choice in self.choices]
        repeated = sorted({key for key in keys if keys.count(key) > 1})
        if repeated:
            raise InvalidAttributeDefinition(
                f"{label} lists the choice {', '.join(repeated)} more than once",
                attribute=self.code,
                keys=", ".join(repeated),
            )

    @property
    def choice_keys(self) -> tuple[str, ...]:
        """The keys of the choices, in order."""
        return tuple(choice.key for choice in self.choices)

    def normalise(self, value: object) -> AttributeValue:
        """The value as stored: checked against the type, trimmed, made JSON-ready.

        Text is trimmed; a number may come as text (``"55.5"``); a moment is an
        aware ``datetime`` or ISO 8601 text with its offset, stored as ISO 8601;
        a single choice is one key; a multiple choice is a list of keys, each at
        most once, stored in the order of the choices.
        """
        match self.type:
            case AttributeType.STRING:
                return self._text(value)
            case AttributeType.NUMBER:
                return self._number(value)
            case AttributeType.DATETIME:
                return self._moment(value)
            case AttributeType.SINGLE_CHOICE:
                return self._single(value)
            case AttributeType.MULTIPLE_CHOICE:
                return self._multiple(value)

    def _text(self, value: object) -> str:
        if not isinstance(value, str):
            raise self._invalid("is text", value)
        text = value.strip()
        if len(text) > STRING_VALUE_MAX_LENGTH:
            raise self._invalid(f"holds at most {STRING_VALUE_MAX_LENGTH} characters", value)
        return text

    def _number(self, value: object) -> int | float:
        if isinstance(value, bool):  # bool is an int in Python, never a measurement
            raise self._invalid("is a number", value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and math.isfinite(value):
            return value
        if isinstance(value, Decimal) and value.is_finite():
            return int(value) if value == value.to_integral_value() else float(value)
        if isinstance(value, str):
            text = value.strip()
            if _INTEGER.fullmatch(text):
                return int(text)
            if _NUMBER.fullmatch(text) and math.isfinite(number := float(text)):
                return number
        raise self._invalid("is a number, such as 55 or 55.5", value)

    def _moment(self, value: object) -> str:
        moment: datetime | None = None
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.strip())
            except ValueError:
                moment = None
        if moment is None or moment.utcoffset() is None:
            raise self._invalid(
                "is a moment in ISO 8601 with its UTC offset, such as 2026-09-30T09:30:00+08:00",
                value,
            )
        return moment.isoformat()

    def _single(self, value: object) -> str:
        if isinstance(value, str) and (key := value.strip()) in self.choice_keys:
            return key
        raise self._invalid(f"is one of {', '.join(self.choice_keys)}", value)

    def _multiple(self, value: object) -> list[str]:
        if not isinstance(value, list | tuple) or not all(isinstance(k, str) for k in value):
            raise self._invalid(f"is a list of keys out of {', '.join(self.choice_keys)}", value)
        keys = [key.strip() for key in value]
        unknown = [key for key in keys if key not in self.choice_keys]
        if unknown:
            raise self._invalid(
                f"takes keys out of {', '.join(self.choice_keys)}, not {', '.join(unknown)}",
                value,
            )
        if len(set(keys)) != len(keys):
            raise self._invalid("names each choice at most once", value)
        return [key for key in self.choice_keys if key in keys]

    def _invalid(self, expectation: str, value: object) -> AttributeInvalid:
        return AttributeInvalid(
            f"{self.name} ({self.code}) {expectation}; got {value!r}",
            attribute=self.code,
            type=self.type.value,
        )


@dataclass(frozen=True, kw_only=True)
class Category:
    """A kind of demand in the catalogue, with its attributes and time limits."""

    code: str
    """Stable key: ``^[A-Z][A-Z0-9_]{1,39}$``, such as ``ELEVATOR``."""
    name: str
    """Name shown, such as 电梯故障."""
    description: str | None = None
    attributes: tuple[AttributeDefinition, ...] = ()
    """Extra facts a report carries, each code once."""
    time_limits: Mapping[Priority, int]
    """Working days (工作日) allowed from dispatch, for every priority:
    1 to 365, urgent ≤ high ≤ normal."""
    acceptance_conditions: str | None = None
    """When a report of the category is accepted as a case (立案条件)."""
    closing_conditions: str | None = None
    """When a case of the category may be closed (结案条件)."""
    active: bool = True
    """Whether new cases may be reported in the category."""

    def __post_init__(self) -> None:
        if not isinstance(self.code, str) or not CATEGORY_CODE.fullmatch(self.code):
            raise InvalidCategory(
                "A category code starts with a capital letter and holds 2 to 40 capital "
                f"letters, digits and underscores, such as ELEVATOR; got {self.code!r}",
                category_code=str(self.code),
            )
        name = _name(self.name, label=f"Name of category {self.code}", error=InvalidCategory)
        object.__setattr__(self, "name", name)
        for attribute, limit in (
            ("description", DESCRIPTION_MAX_LENGTH),
            ("acceptance_conditions", CONDITIONS_MAX_LENGTH),
            ("closing_conditions", CONDITIONS_MAX_LENGTH),
        ):
            text = optional_text(
                getattr(self, attribute),
                label=attribute.replace("_", " ").capitalize(),
                max_length=limit,
            )
            object.__setattr__(self, attribute, text)
        object.__setattr__(self, "attributes", tuple(self.attributes))
        codes = [definition.code for definition in self.attributes]
        repeated = sorted({code for code in codes if codes.count(code) > 1})
        if repeated:
            raise InvalidAttributeDefinition(
                f"Category {self.code} defines the attribute {', '.join(repeated)} more than once",
                attribute=", ".join(repeated),
            )
        object.__setattr__(self, "time_limits", _time_limits(self.code, self.time_limits))

    def time_limit(self, priority: Priority) -> int:
        """Working days allowed for a case of ``priority``, counted from its dispatch."""
        return self.time_limits[priority]

    def attribute(self, code: str) -> AttributeDefinition | None:
        """The definition of attribute ``code``, or ``None`` when the category has none."""
        return next((d for d in self.attributes if d.code == code), None)

    def validate_attributes(self, values: Mapping[str, object]) -> dict[str, AttributeValue]:
        """Check a report's attribute values and return them normalised, ready for JSON.

        Every key must be an attribute of the category and every required
        attribute must have a value; ``None``, blank text and an empty list
        count as no value, and an optional attribute without one is left out.
        Each value is normalised by :meth:`AttributeDefinition.normalise`.
        """
        for key in values:
            if self.attribute(key) is None:
                known = ", ".join(d.code for d in self.attributes) or "none"
                raise AttributeUnknown(
                    f"Category {self.name} ({self.code}) has no attribute {key!r}; "
                    f"its attributes are: {known}",
                    attribute=str(key),
                    category_code=self.code,
                )
        normalised: dict[str, AttributeValue] = {}
        for definition in sorted(self.attributes, key=lambda d: (d.order, d.code)):
            value = values.get(definition.code)
            if _is_blank(value):
                if definition.required:
                    raise AttributeRequired(
                        f"{definition.name} ({definition.code}) is required for a case of "
                        f"{self.name}",
                        attribute=definition.code,
                        category_code=self.code,
                    )
                continue
            normalised[definition.code] = definition.normalise(value)
        return normalised


def _time_limits(code: str, limits: Mapping[Priority, int]) -> Mapping[Priority, int]:
    try:
        days = {Priority(priority): limit for priority, limit in limits.items()}
    except ValueError as unknown:
        raise InvalidTimeLimits(
            f"Time limits of category {code} are keyed by priority (URGENT, HIGH, NORMAL): "
            f"{unknown}",
            category_code=code,
        ) from None
    missing = [priority.value for priority in _PRIORITY_ORDER if priority not in days]
    if missing:
        raise InvalidTimeLimits(
            f"Category {code} needs a time limit for every priority; missing: {', '.join(missing)}",
            category_code=code,
            missing=", ".join(missing),
        )
    for priority in _PRIORITY_ORDER:
        limit = days[priority]
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not (MIN_TIME_LIMIT <= limit <= MAX_TIME_LIMIT)
        ):
            raise InvalidTimeLimits(
                f"A time limit is {MIN_TIME_LIMIT} to {MAX_TIME_LIMIT} working days; "
                f"{priority.value} of category {code} has {limit!r}",
                category_code=code,
                priority=priority.value,
            )
    ordered = [days[priority] for priority in _PRIORITY_ORDER]
    if ordered != sorted(ordered):
        raise InvalidTimeLimits(
            f"An urgent case gets no more time than a high one, and a high one no more than a "
            f"normal one; category {code} has URGENT {ordered[0]}, HIGH {ordered[1]}, "
            f"NORMAL {ordered[2]} working days",
            category_code=code,
        )
    return MappingProxyType({priority: days[priority] for priority in _PRIORITY_ORDER})


def _name(value: object, *, label: str, error: type[InvalidInput]) -> str:
    if not isinstance(value, str) or not value.strip():
        raise error(f"{label} must not be empty", field=label)
    name = value.strip()
    if len(name) > NAME_MAX_LENGTH:
        raise error(
            f"{label} is {len(name)} characters long; at most {NAME_MAX_LENGTH} are allowed",
            field=label,
            max_length=NAME_MAX_LENGTH,
        )
    return name


def _is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 0

"""An aggregate stored as a JSON document comes back as it was, through its own checks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import ClassVar
from uuid import UUID, uuid4

import pytest

from gridkit.documents import AggregateDocuments
from gridkit.domain import Aggregate


class Colour(Enum):
    RED = "RED"
    GREEN = "GREEN"


@dataclass(frozen=True, kw_only=True)
class Part:
    name: str
    on: date
    hours: Decimal

    def __post_init__(self) -> None:
        if self.hours < 0:
            raise ValueError("hours are never negative")


@dataclass(kw_only=True)
class Thing(Aggregate):
    aggregate_type: ClassVar[str] = "thing"

    colour: Colour
    tags: frozenset[str] = frozenset()
    owners: tuple[UUID, ...] = ()
    parts: list[Part] = field(default_factory=list)
    made_at: datetime
    note: str | None = None


def _thing() -> Thing:
    thing = Thing(
        id=uuid4(),
        colour=Colour.GREEN,
        tags=frozenset({"a", "b"}),
        owners=(uuid4(), uuid4()),
        parts=[Part(name="轮", on=date(2026, 6, 18), hours=Decimal("2.5"))],
        made_at=datetime(2026, 6, 18, 1, 30, tzinfo=UTC),
        note="网格",
    )
    thing.record("made")
    return thing


def test_a_document_is_plain_json_without_the_id_version_or_pending_events() -> None:
    documents = AggregateDocuments(Thing)
    thing = _thing()

    document = documents.dump(thing)

    assert json.loads(json.dumps(document)) == document
    assert {"id", "version", "persisted_version", "pending_events"}.isdisjoint(document)
    assert document["colour"] == "GREEN"
    assert document["parts"] == [{"name": "轮", "on": "2026-06-18", "hours": "2.5"}]


def test_a_loaded_document_is_the_aggregate_it_was_at_its_stored_version() -> None:
    documents = AggregateDocuments(Thing)
    thing = _thing()

    loaded = documents.load(
        json.loads(json.dumps(documents.dump(thing))), id=thing.id, version=thing.version
    )

    assert loaded == thing
    assert loaded.persisted_version == thing.version == 1
    assert loaded.pending_events == []
    assert loaded.parts[0].hours == Decimal("2.5")
    assert isinstance(loaded.owners, tuple)
    assert loaded.made_at.tzinfo is not None


def test_a_document_the_domain_refuses_does_not_load() -> None:
    documents = AggregateDocuments(Thing)
    thing = _thing()
    document = documents.dump(thing)
    document["parts"][0]["hours"] = "-1"

    with pytest.raises(ValueError, match="never negative"):
        documents.load(document, id=thing.id, version=1)

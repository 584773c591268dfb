"""The CloudEvents envelope and opaque cursors."""

from __future__ import annotations

from typing import ClassVar
from uuid import uuid4

import pytest

from gridkit.contracts.base import IntegrationEvent
from gridkit.events import CloudEvent
from gridkit.graphql.pagination import (
    MAX_PAGE_SIZE,
    InvalidCursor,
    InvalidPageSize,
    PageRequest,
    decode_cursor,
    encode_cursor,
)


class ThingNamed(IntegrationEvent):
    event_type: ClassVar[str] = "test.thing.named"
    thing_id: str
    name: str


def test_an_event_travels_as_cloudevents_json_and_reads_back_as_its_contract() -> None:
    thing = str(uuid4())
    envelope = CloudEvent.wrap(
        ThingNamed(thing_id=thing, name="一号"),
        source="/pioneer-grid/test",
        aggregate_id=uuid4(),
        version=3,
    )
    again = CloudEvent.from_json(envelope.to_json())
    assert again.specversion == "1.0"
    assert again.type == "test.thing.named"
    assert again.sequence == "3"
    assert again.version == 3
    assert again.aggregate_type == "thing"
    assert again.dataschema == "urn:pioneer-grid:event:test.thing.named:v1"
    assert again.payload(ThingNamed) == ThingNamed(thing_id=thing, name="一号")


def test_a_consumer_ignores_fields_a_newer_producer_added() -> None:
    envelope = CloudEvent(
        source="/x", type="test.thing.named", data={"thing_id": "1", "name": "n", "colour": "red"}
    )
    assert envelope.payload(ThingNamed) == ThingNamed(thing_id="1", name="n")


def test_cursors_round_trip_and_forgeries_are_refused() -> None:
    assert decode_cursor(encode_cursor(["370112001001001", 3])) == ["370112001001001", 3]
    for forged in ("!!", "bm90IGpzb24", encode_cursor([]).replace("W", "e")):
        with pytest.raises(InvalidCursor):
            decode_cursor(forged)


def test_page_sizes_are_bounded() -> None:
    assert PageRequest.from_args().size == 20
    assert PageRequest.from_args(last=5).backward is True
    with pytest.raises(InvalidPageSize):
        PageRequest.from_args(first=MAX_PAGE_SIZE + 1)
    with pytest.raises(InvalidPageSize):
        PageRequest.from_args(first=1, last=1)

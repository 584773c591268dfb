"""The ids of the entity representations the gateway sends, bad ones answered in place."""

from __future__ import annotations

from uuid import UUID

from gridkit.graphql.ids import InvalidId, representation_ids


def test_each_representation_gives_its_id_or_its_own_error_in_order() -> None:
    good = "6f1c0e9a-0000-4000-8000-000000000001"
    ids = representation_ids([{"id": good}, {"id": "bad"}, {"__typename": "Case"}])
    assert ids[0] == UUID(good)
    assert isinstance(ids[1], InvalidId)
    assert "'bad'" in str(ids[1])
    assert isinstance(ids[2], InvalidId)

"""``_entities`` resolves a type with ``resolve_references`` in one batch, in the order asked."""

from __future__ import annotations

from typing import Any, Self

import strawberry

from gridkit.graphql.ids import InvalidId
from gridkit.graphql.schema import SubgraphSchema

batches: list[list[str]] = []


@strawberry.federation.type(keys=["id"])
class Shelf:
    id: strawberry.ID
    books: int

    @classmethod
    async def resolve_references(
        cls, info: strawberry.Info, representations: list[dict[str, Any]]
    ) -> list[Self | InvalidId | None]:
        ids = [str(r["id"]) for r in representations]
        batches.append(ids)
        answers: list[Self | InvalidId | None] = []
        for shelf_id in ids:
            if shelf_id == "bad":
                answers.append(InvalidId("shelf 'bad' is not a valid id", argument="id"))
            elif shelf_id == "gone":
                answers.append(None)
            else:
                answers.append(cls(id=strawberry.ID(shelf_id), books=len(shelf_id)))
        return answers


@strawberry.federation.type(keys=["id"])
class Lamp:
    id: strawberry.ID

    @strawberry.field
    def lit(self) -> bool:
        return self.id.endswith("on")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Self:
        return cls(id=id)


@strawberry.federation.type(keys=["id"])
class Crate:
    id: strawberry.ID

    @classmethod
    async def resolve_references(
        cls, info: strawberry.Info, representations: list[dict[str, Any]]
    ) -> list[Self]:
        raise RuntimeError("the crate store is down")


@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "hi"


schema = SubgraphSchema(query=Query, types=[Shelf, Lamp, Crate])

ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  __typename ... on Shelf { id books } ... on Lamp { id lit } ... on Crate { id } } }"""


async def _entities(*representations: dict[str, str]) -> Any:
    batches.clear()
    return await schema.execute(ENTITIES, variable_values={"r": list(representations)})


async def test_one_batch_per_type_answers_in_the_order_asked() -> None:
    result = await _entities(
        {"__typename": "Shelf", "id": "a"},
        {"__typename": "Lamp", "id": "on"},
        {"__typename": "Shelf", "id": "bbb"},
        {"__typename": "Shelf", "id": "gone"},
        {"__typename": "Lamp", "id": "off"},
    )

    assert result.errors is None
    assert result.data["_entities"] == [
        {"__typename": "Shelf", "id": "a", "books": 1},
        {"__typename": "Lamp", "id": "on", "lit": True},
        {"__typename": "Shelf", "id": "bbb", "books": 3},
        None,
        {"__typename": "Lamp", "id": "off", "lit": False},
    ]
    assert batches == [["a", "bbb", "gone"]]


async def test_a_refused_representation_errs_alone_at_its_own_path() -> None:
    result = await _entities(
        {"__typename": "Shelf", "id": "a"},
        {"__typename": "Shelf", "id": "bad"},
    )

    assert result.data["_entities"] == [{"__typename": "Shelf", "id": "a", "books": 1}, None]
    assert [(e.message, e.path, e.extensions["code"]) for e in result.errors] == [
        ("shelf 'bad' is not a valid id", ["_entities", 1], "INVALID_ID")
    ]


async def test_a_failing_batch_errs_on_each_of_its_entities_and_no_other() -> None:
    result = await _entities(
        {"__typename": "Crate", "id": "c1"},
        {"__typename": "Lamp", "id": "on"},
        {"__typename": "Crate", "id": "c2"},
    )

    assert result.data["_entities"] == [None, {"__typename": "Lamp", "id": "on", "lit": True}, None]
    # An unexpected failure: logged, and answered as an internal error at each entity's path.
    assert sorted((e.extensions["code"], tuple(e.path)) for e in result.errors) == [
        ("INTERNAL_SERVER_ERROR", ("_entities", 0)),
        ("INTERNAL_SERVER_ERROR", ("_entities", 2)),
    ]

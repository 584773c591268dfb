"""What a resolver learns of its own selection: ``selects`` and ``selects_only``."""

from __future__ import annotations

import strawberry

from gridkit.graphql.selection import selects, selects_only

seen: dict[str, bool] = {}


@strawberry.type
class Thing:
    id: strawberry.ID
    name: str = "n"


@strawberry.type
class Query:
    @strawberry.field
    def thing(self, info: strawberry.Info) -> Thing:
        seen["name"] = selects(info, "name")
        seen["key only"] = selects_only(info, ("id", "__typename"))
        return Thing(id=strawberry.ID("1"))


schema = strawberry.Schema(Query)


async def _seen(operation: str) -> dict[str, bool]:
    seen.clear()
    result = await schema.execute(operation)
    assert result.errors is None
    return dict(seen)


async def test_a_key_alone_is_told_apart_from_a_wider_selection() -> None:
    assert await _seen("{ thing { id } }") == {"name": False, "key only": True}
    assert await _seen("{ thing { __typename id } }") == {"name": False, "key only": True}
    assert await _seen("{ thing { id name } }") == {"name": True, "key only": False}


async def test_fragments_count_as_selected() -> None:
    inline = "{ thing { id ... on Thing { name } } }"
    spread = "{ thing { ...F } } fragment F on Thing { id name }"
    keyed = "{ thing { ...K } } fragment K on Thing { id }"

    assert await _seen(inline) == {"name": True, "key only": False}
    assert await _seen(spread) == {"name": True, "key only": False}
    assert await _seen(keyed) == {"name": False, "key only": True}

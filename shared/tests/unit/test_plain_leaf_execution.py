"""The fast completion of plain fields answers exactly as graphql-core's own execution does."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from gridkit.graphql.execution import PlainLeafExecution


@strawberry.enum
class Status(Enum):
    MET = "MET"
    NOT_MET = "NOT_MET"


@strawberry.type
class Check:
    item: str
    status: Status
    note: str | None = None


@strawberry.interface
class Named:
    label_text: str


@strawberry.type
class Tag(Named):
    """Implements an interface: graphql-core asks its ``is_type_of`` of every object."""

    ident: strawberry.ID
    pinned: bool
    rank: int | None = None


@strawberry.type
class Place:
    name: str
    checks: list[Check]
    maybe: list[Check | None]
    code: str = "c"
    tags: list[Tag] = strawberry.field(default_factory=list)
    grid: list[list[Status]] = strawberry.field(default_factory=list)

    @strawberry.field
    def shout(self, loud: bool = False) -> str:
        return self.name.upper() if loud else self.name

    @strawberry.field
    def label(self) -> str:
        return self.name.title()

    @strawberry.field
    def best(self) -> Check | None:
        return next((c for c in self.checks if c.status is Status.MET), None)

    @strawberry.field
    def statuses(self) -> list[Status]:
        return [c.status for c in self.checks]

    @strawberry.field
    def broken(self) -> str:
        raise ValueError(f"no label for {self.name}")

    @strawberry.field
    def missing(self) -> str:
        return None  # type: ignore[return-value]  # the schema's promise broken on purpose

    @strawberry.field
    def size(self) -> int:
        return 2**40 if self.name == "three" else len(self.name)

    @strawberry.field
    def seen_as(self, info: strawberry.Info) -> str:
        return info.field_name

    @strawberry.field
    def later(self) -> str:
        # A plain value for most places, an awaitable for one: graphql-core awaits it.
        return _eventually(self.name) if self.name == "two" else self.name  # type: ignore[return-value]


async def _eventually(value: str) -> str:
    return value.upper()


def _places() -> list[Place]:
    good = [Check(item="a", status=Status.MET), Check(item="b", status=Status.NOT_MET, note="n")]
    tags = [
        Tag(label_text="x", ident=strawberry.ID("1"), pinned=True, rank=3),
        Tag(label_text="y", ident=7, pinned=1, rank=None),  # type: ignore[arg-type]  # coerced
    ]
    return [
        Place(
            name="one",
            checks=good,
            maybe=[good[0], None],
            tags=tags,
            grid=[[Status.MET], [Status.NOT_MET, Status.MET]],
        ),
        # A null where the schema promises a string: graphql-core's error and null propagation.
        Place(name="two", checks=[Check(item=None, status=Status.MET)], maybe=[]),  # type: ignore[arg-type]
        Place(name="three", checks=[Check(item="c", status="WRONG")], maybe=[]),  # type: ignore[arg-type]
        # A null inside a list of non-null objects, and a string where an enum member belongs.
        Place(name="four", checks=[good[0], None], maybe=[], grid=[["MET"]]),  # type: ignore[list-item]
    ]


@strawberry.type
class Query:
    @strawberry.field
    def places(self) -> list[Place | None]:
        return list(_places())

    @strawberry.field
    def first(self) -> Place:
        return _places()[0]


def _schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    return (
        strawberry.Schema(Query, execution_context_class=StrawberryGraphQLCoreExecutionContext),
        strawberry.Schema(Query, execution_context_class=PlainLeafExecution),
    )


OPERATIONS = [
    "{ first { name code checks { item status note } } }",
    "{ first { z: code a: name checks { s: status i: item __typename } } }",
    "{ first { ...F checks { ... on Check { note item } } } } fragment F on Place { name }",
    "{ first { maybe { item } shout(loud: true) name } }",
    "{ places { name checks { item status } } }",
    "{ places { checks { status } maybe { note } } }",
    "{ first { checks { item @skip(if: true) status @include(if: false) note } } }",
    "{ places { label best { item status } statuses size } }",
    "{ places { name broken } }",
    "{ first { best { item } missing } }",
    "{ places { label seenAs checks { item } } }",
    "{ first { statuses best { ... on Check { status } } l: label } }",
    "{ places { name later } }",
    "{ first { later } places { later label } }",
    "{ first { tags { ident pinned rank labelText __typename } } }",
    "{ places { tags { ... on Named { labelText } ident } grid } }",
    "{ places { grid checks { status } } }",
]


@pytest.mark.filterwarnings("error::RuntimeWarning")  # no coroutine left unawaited
@pytest.mark.parametrize("operation", OPERATIONS)
async def test_answers_errors_and_order_match_graphql_core(operation: str) -> None:
    reference, fast = _schemas()

    expected = await reference.execute(operation)
    actual = await fast.execute(operation)

    assert _answer(actual) == _answer(expected)
    assert list(_flatten_keys(actual.data)) == list(_flatten_keys(expected.data))


def _answer(result: Any) -> tuple[Any, list[tuple[str, Any]]]:
    errors = sorted((e.message, e.path) for e in result.errors or [])
    return result.data, errors


def _flatten_keys(value: Any, prefix: str = "") -> Any:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield f"{prefix}.{key}"
            yield from _flatten_keys(inner, f"{prefix}.{key}")
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _flatten_keys(inner, f"{prefix}[{index}]")


async def test_plain_leaves_skip_graphql_cores_per_field_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    general = StrawberryGraphQLCoreExecutionContext.execute_field

    def counted(self: Any, parent_type: Any, *args: Any) -> Any:
        calls.append(parent_type.name)
        return general(self, parent_type, *args)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counted)
    reference, fast = _schemas()
    operation = "{ first { name checks { item status note } } }"

    await reference.execute(operation)
    by_graphql_core = len(calls)
    calls.clear()
    await fast.execute(operation)

    assert by_graphql_core == 9  # first, name, checks, and three fields of two checks
    assert calls == []  # a method of self alone, attributes, a list of objects: all plain


async def test_plain_methods_skip_graphql_cores_per_field_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    general = StrawberryGraphQLCoreExecutionContext.execute_field

    def counted(self: Any, parent_type: Any, source: Any, details: Any, *args: Any) -> Any:
        calls.append(f"{parent_type.name}.{details[0].node.name.value}")
        return general(self, parent_type, source, details, *args)

    monkeypatch.setattr(StrawberryGraphQLCoreExecutionContext, "execute_field", counted)
    _, fast = _schemas()

    await fast.execute("{ first { label best { item status } statuses checks { item } } }")
    assert calls == []  # first, label, best and statuses are methods of self alone

    calls.clear()
    await fast.execute("{ first { name seenAs } }")
    # seenAs asks for info: strawberry calls it, and first's object is completed as before
    assert calls == ["Query.first", "Place.seenAs"]

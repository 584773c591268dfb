"""The case catalogue in storage: categories with their attribute definitions as JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cases.domain.category import AttributeDefinition, Category, Choice
from cases.domain.errors import CategoryNotFound
from cases.domain.kinds import AttributeType, Priority
from cases.repository.tables import CategoryRow


def _attribute_json(attribute: AttributeDefinition) -> dict[str, Any]:
    return {
        "code": attribute.code,
        "name": attribute.name,
        "description": attribute.description,
        "type": attribute.type.value,
        "required": attribute.required,
        "order": attribute.order,
        "choices": [{"key": choice.key, "name": choice.name} for choice in attribute.choices],
    }


def _attribute(data: dict[str, Any]) -> AttributeDefinition:
    return AttributeDefinition(
        code=data["code"],
        name=data["name"],
        description=data.get("description"),
        type=AttributeType(data["type"]),
        required=bool(data.get("required", False)),
        order=int(data.get("order", 0)),
        choices=tuple(Choice(key=c["key"], name=c["name"]) for c in data.get("choices", ())),
    )


def category_from_row(row: CategoryRow) -> Category:
    """The category stored in ``row``."""
    return Category(
        code=row.code,
        name=row.name,
        description=row.description,
        attributes=tuple(_attribute(data) for data in row.attributes),
        time_limits={Priority(key): days for key, days in row.time_limits.items()},
        acceptance_conditions=row.acceptance_conditions,
        closing_conditions=row.closing_conditions,
        active=row.active,
    )


def category_values(category: Category) -> dict[str, Any]:
    """The columns of ``category``."""
    return {
        "code": category.code,
        "name": category.name,
        "description": category.description,
        "attributes": [_attribute_json(attribute) for attribute in category.attributes],
        "time_limits": {priority.value: days for priority, days in category.time_limits.items()},
        "acceptance_conditions": category.acceptance_conditions,
        "closing_conditions": category.closing_conditions,
        "active": category.active,
    }


class CategoryStore:
    """Categories in the caller's transaction (a command's)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, code: str) -> Category | None:
        """The category of ``code``, active or not, if there is one."""
        row = await self._session.get(CategoryRow, code)
        return category_from_row(row) if row else None

    async def get(self, code: str) -> Category:
        """The category of ``code``, or CATEGORY_NOT_FOUND."""
        found = await self.find(code)
        if found is None:
            raise CategoryNotFound.for_code(code)
        return found

    async def put(self, category: Category) -> None:
        """Store ``category``, replacing the definition of its code if there is one."""
        values = category_values(category)
        statement = insert(CategoryRow).values(**values)
        await self._session.execute(
            statement.on_conflict_do_update(index_elements=[CategoryRow.code], set_=values)
        )


class CategoryReads:
    """Categories for the API, each read in a session of its own."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def categories(self, *, include_inactive: bool = False) -> list[Category]:
        """The catalogue in code order; only the active categories unless asked."""
        statement = select(CategoryRow).order_by(CategoryRow.code)
        if not include_inactive:
            statement = statement.where(CategoryRow.active)
        async with self._sessions() as session:
            return [category_from_row(row) for row in await session.scalars(statement)]

    async def by_codes(self, codes: Sequence[str]) -> list[Category | None]:
        """Categories by code, in the order asked (``None`` for an unknown code)."""
        async with self._sessions() as session:
            rows = await session.scalars(select(CategoryRow).where(CategoryRow.code.in_(codes)))
            found = {row.code: category_from_row(row) for row in rows}
        return [found.get(code) for code in codes]

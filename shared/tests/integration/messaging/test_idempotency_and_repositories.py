"""A creating command with an idempotency key is applied once; the base repository's rules."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, ClassVar
from uuid import UUID

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped

from gridkit.errors import ConcurrentUpdate, Conflict, DomainError, NotFound
from gridkit.idempotency import (
    IdempotencyKey,
    IdempotencyKeyReused,
    InvalidIdempotencyKey,
    apply_once,
    idempotency_keys,
    purge_expired,
)
from gridkit.repository import Repository
from gridkit.uow import UnitOfWork

from .gridtest_service import Widget, metadata, unit_of_work, widgets

pytestmark = pytest.mark.usefixtures("clean")


class _Base(DeclarativeBase):
    metadata = metadata


class WidgetRow(_Base):
    __table__ = widgets
    id: Mapped[UUID]
    name: Mapped[str]
    version: Mapped[int]


class WidgetNotFound(NotFound):
    code: ClassVar[str] = "WIDGET_NOT_FOUND"


class WidgetNameTaken(DomainError):
    code: ClassVar[str] = "WIDGET_NAME_TAKEN"


class Widgets(Repository[Widget, WidgetRow]):
    row_type = WidgetRow

    def to_domain(self, row: WidgetRow) -> Widget:
        return Widget(id=row.id, name=row.name, version=row.version, persisted_version=row.version)

    def values(self, aggregate: Widget) -> Mapping[str, Any]:
        return {"name": aggregate.name}

    def not_found(self, aggregate_id: UUID) -> NotFound:
        return WidgetNotFound(f"No widget {aggregate_id}")

    def conflict(self, constraint: str | None, aggregate: Widget) -> DomainError | None:
        if constraint == "uq_widgets_name":
            return WidgetNameTaken(f"A widget is already called {aggregate.name}")
        return None


@dataclass(frozen=True)
class CreateWidget:
    name: str


def key(value: str, command: object, *, scope: str = "alice") -> IdempotencyKey:
    made = IdempotencyKey.for_command(value, scope=scope, operation="createWidget", command=command)
    assert made is not None
    return made


async def create_widget(
    sessions: async_sessionmaker[AsyncSession], command: CreateWidget, guard: IdempotencyKey | None
) -> UUID:
    async def run() -> UUID:
        uow = unit_of_work(sessions).once(guard)
        async with uow:
            widget = Widget.create(command.name)
            await Widgets(uow).add(widget)
            await uow.commit(created=widget.id)
            return widget.id

    async def replay(widget_id: UUID) -> UUID:
        return widget_id

    return await apply_once(run, replay=replay)


async def count(engine: AsyncEngine, table: str) -> int:
    async with engine.connect() as connection:
        return int(await connection.scalar(text(f"SELECT count(*) FROM {table}")) or 0)


async def test_a_retry_with_the_same_key_answers_the_first_result_and_writes_nothing(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    command = CreateWidget("gear")
    first = await create_widget(sessions, command, key("k-1", command))
    again = await create_widget(sessions, command, key("k-1", command))

    assert again == first
    assert await count(engine, "widgets") == 1
    assert await count(engine, "outbox") == 1


async def test_concurrent_requests_with_one_key_create_one_widget(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    command = CreateWidget("cog")
    answers = await asyncio.gather(
        *(create_widget(sessions, command, key("k-race", command)) for _ in range(8))
    )

    assert len(set(answers)) == 1
    assert await count(engine, "widgets") == 1


async def test_a_key_reused_for_other_input_is_refused_and_changes_nothing(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    await create_widget(sessions, CreateWidget("gear"), key("k-2", CreateWidget("gear")))

    with pytest.raises(IdempotencyKeyReused):
        await create_widget(sessions, CreateWidget("wheel"), key("k-2", CreateWidget("wheel")))

    assert await count(engine, "widgets") == 1


async def test_keys_belong_to_their_caller(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    command = CreateWidget("gear")
    mine = await create_widget(sessions, command, key("k-3", command, scope="alice"))
    theirs = await create_widget(sessions, command, key("k-3", command, scope="bob"))

    assert mine != theirs
    assert await count(engine, "widgets") == 2


async def test_a_refused_command_leaves_its_key_free(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("CREATE UNIQUE INDEX uq_widgets_name ON widgets (name)"))
    try:
        await create_widget(sessions, CreateWidget("gear"), None)
        with pytest.raises(WidgetNameTaken):
            await create_widget(sessions, CreateWidget("gear"), key("k-4", CreateWidget("gear")))
        assert await count(engine, "idempotency_keys") == 0
    finally:
        async with engine.begin() as connection:
            await connection.execute(text("DROP INDEX uq_widgets_name"))


async def test_an_expired_key_may_be_used_again_and_is_purged(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    command = CreateWidget("gear")
    first = await create_widget(sessions, command, key("k-5", command))
    async with engine.begin() as connection:
        await connection.execute(
            update(idempotency_keys).values(expires_at=func.now() - timedelta(seconds=1))
        )

    second = await create_widget(sessions, command, key("k-5", command))
    assert second != first
    async with engine.begin() as connection:
        await connection.execute(
            update(idempotency_keys).values(expires_at=func.now() - timedelta(seconds=1))
        )
    async with sessions() as session:
        assert await purge_expired(session) == 1
        await session.commit()
    assert await count(engine, "idempotency_keys") == 0


def test_an_empty_or_overlong_key_is_refused() -> None:
    for bad in ("", "   ", "k" * 201):
        with pytest.raises(InvalidIdempotencyKey):
            IdempotencyKey.for_command(bad, scope="a", operation="x", command=CreateWidget("g"))
    assert IdempotencyKey.for_command(None, scope="a", operation="x", command=None) is None


async def test_a_command_run_once_must_say_what_it_created(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    command = CreateWidget("gear")
    uow = unit_of_work(sessions).once(key("k-6", command))
    async with uow:
        await Widgets(uow).add(Widget.create("gear"))
        with pytest.raises(TypeError):
            await uow.commit()


async def test_the_repository_loads_tracks_and_saves_with_version_checks(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    widget_id = await create_widget(sessions, CreateWidget("gear"), None)
    uow: UnitOfWork = unit_of_work(sessions)
    async with uow:
        widget = await Widgets(uow).get(widget_id, lock=True)
        widget.rename("sprocket")
        await Widgets(uow).save(widget)
        await uow.commit()
    async with engine.connect() as connection:
        stored = (await connection.execute(select(widgets))).one()
    assert (stored.name, stored.version) == ("sprocket", 2)
    assert await count(engine, "outbox") == 2

    stale = Widget(id=widget_id, name="sprocket", version=1, persisted_version=1)
    stale.rename("flywheel")
    async with unit_of_work(sessions) as uow:
        with pytest.raises(ConcurrentUpdate):
            await Widgets(uow).save(stale)


async def test_an_unknown_id_is_the_repositorys_not_found(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with unit_of_work(sessions) as uow:
        assert await Widgets(uow).find(UUID(int=7)) is None
        with pytest.raises(WidgetNotFound):
            await Widgets(uow).get(UUID(int=7))


async def test_a_broken_constraint_without_a_domain_name_is_a_conflict(
    sessions: async_sessionmaker[AsyncSession], engine: AsyncEngine
) -> None:
    widget_id = await create_widget(sessions, CreateWidget("gear"), None)
    duplicate = Widget.create("other")
    duplicate.id = widget_id  # the same primary key: the database refuses it
    async with unit_of_work(sessions) as uow:
        with pytest.raises(Conflict):
            await Widgets(uow).add(duplicate)

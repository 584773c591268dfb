"""``gridtest``: a tiny test-only service that exercises the messaging machinery.

Its one aggregate is a widget; its database holds the widgets, the messaging
tables and a record of what the test consumers applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from uuid import UUID, uuid4

from sqlalchemy import BigInteger, Column, Identity, Integer, String, Table, insert, update
from sqlalchemy.dialects.postgresql import UUID as PgUUID
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gridkit.contracts.base import IntegrationEvent
from gridkit.db import new_metadata
from gridkit.domain import Aggregate, Recorded
from gridkit.events import CloudEvent
from gridkit.settings import ServiceSettings
from gridkit.uow import UnitOfWork

SERVICE = "gridtest"


class GridtestSettings(ServiceSettings):
    service_name: ClassVar[str] = SERVICE


class WidgetCreated(IntegrationEvent):
    event_type: ClassVar[str] = "gridtest.widget.created"
    widget_id: UUID
    name: str


class WidgetRenamed(IntegrationEvent):
    event_type: ClassVar[str] = "gridtest.widget.renamed"
    widget_id: UUID
    name: str


@dataclass(kw_only=True)
class Widget(Aggregate):
    aggregate_type: ClassVar[str] = "widget"

    name: str

    @classmethod
    def create(cls, name: str) -> Widget:
        widget = cls(id=uuid4(), name=name)
        widget.record(WidgetCreated(widget_id=widget.id, name=name))
        return widget

    def rename(self, name: str) -> None:
        self.name = name
        self.record(WidgetRenamed(widget_id=self.id, name=name))


metadata = new_metadata()

widgets = Table(
    "widgets",
    metadata,
    Column("id", PgUUID(as_uuid=True), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("version", Integer, nullable=False),
)

applied = Table(
    "applied",
    metadata,
    # What test consumers applied, in the order they applied it.
    Column("seq", BigInteger, Identity(always=True), primary_key=True),
    Column("consumer", String(100), nullable=False),
    Column("event_id", String(100), nullable=False),
    Column("aggregate_id", String(100)),
    Column("version", Integer),
    Column("name", String(100)),
)


def translate(recorded: Recorded) -> IntegrationEvent:
    assert isinstance(recorded.event, IntegrationEvent)
    return recorded.event


def unit_of_work(sessions: async_sessionmaker[AsyncSession]) -> UnitOfWork:
    return UnitOfWork(sessions, service=SERVICE, translate=translate)


async def save_widget(
    sessions: async_sessionmaker[AsyncSession], widget: Widget
) -> list[CloudEvent]:
    """Store the widget and the outbox rows of its events in one transaction."""
    async with unit_of_work(sessions) as uow:
        if widget.persisted_version == 0:
            await uow.session.execute(
                insert(widgets).values(id=widget.id, name=widget.name, version=widget.version)
            )
        else:
            await uow.session.execute(
                update(widgets)
                .where(widgets.c.id == widget.id, widgets.c.version == widget.persisted_version)
                .values(name=widget.name, version=widget.version)
            )
        uow.track(widget)
        return await uow.commit()

"""A service app runs its relay and its subscriptions for as long as it lives."""

from __future__ import annotations

from pathlib import Path
from uuid import uuid4

import pytest
import strawberry
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gridkit.events import CloudEvent
from gridkit.graphql.context import RequestContext
from gridkit.graphql.schema import SubgraphSchema
from gridkit.testing import eventually
from gridkit.testing.graphql import serve
from gridkit.web.app import ServiceDefinition, create_app
from gridkit.web.workers import Subscription

from .gridtest_service import SERVICE, GridtestSettings, Widget, applied, save_widget

pytestmark = pytest.mark.usefixtures("stream")


@strawberry.type
class Query:
    @strawberry.field(description="Always true.")
    def ok(self) -> bool:
        return True


async def record(session: AsyncSession, event: CloudEvent) -> None:
    await session.execute(
        insert(applied).values(
            consumer="app-widgets",
            event_id=event.id,
            aggregate_id=event.subject,
            version=event.version,
            name=event.data.get("name"),
        )
    )


async def test_the_app_publishes_its_outbox_and_applies_its_subscriptions(
    settings: GridtestSettings,
    engine: AsyncEngine,
    sessions: async_sessionmaker[AsyncSession],
    nats_server_url: str,
) -> None:
    app_settings = settings.model_copy(
        update={
            "database_url": engine.url.render_as_string(hide_password=False),
            "nats_url": nats_server_url,
        }
    )
    name = f"app-widgets-{uuid4().hex[:8]}"
    app = create_app(
        ServiceDefinition(
            settings=app_settings,
            schema=SubgraphSchema(query=Query),
            migrations_dir=Path("unused"),
            make_context=lambda caller, runtime: RequestContext(caller=caller),
            subscriptions=[Subscription(name, SERVICE, "gridtest.widget.>", record)],
        )
    )
    widget = Widget.create("first")
    async with serve(app) as http:
        assert (await http.get("/healthz")).status_code == 200
        await save_widget(sessions, widget)
        widget.rename("second")
        await save_widget(sessions, widget)

        async def both_applied() -> bool:
            async with engine.connect() as connection:
                names = list(
                    await connection.scalars(
                        select(applied.c.name)
                        .where(applied.c.aggregate_id == str(widget.id))
                        .order_by(applied.c.seq)
                    )
                )
            return names == ["first", "second"]

        await eventually(both_applied, within=20, what="relay and consumer in the app")
        metrics = (await http.get("/metrics")).text
        assert 'pioneer_outbox_published_total{service="gridtest"}' in metrics
        assert f'consumer="{name}",outcome="applied",service="gridtest"' in metrics

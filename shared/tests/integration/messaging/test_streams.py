"""Provisioning creates a service's stream once and keeps it as configured."""

from __future__ import annotations

import pytest
from nats.js import JetStreamContext
from nats.js.api import StorageType, StreamConfig

from gridkit.messaging.streams import StreamConfigError, provision_stream

from .gridtest_service import GridtestSettings


async def test_provisioning_twice_gives_one_stream_that_keeps_everything(
    jetstream: JetStreamContext, settings: GridtestSettings
) -> None:
    await provision_stream(jetstream, settings, "keeper")
    info = await provision_stream(jetstream, settings, "keeper")

    config = info.config
    assert config.name == f"{settings.events_namespace.upper()}_KEEPER"
    assert config.subjects == [f"{settings.events_namespace}.keeper.>"]
    assert config.storage == "file"
    assert config.retention == "limits"
    assert (config.max_msgs, config.max_bytes, config.max_msgs_per_subject) == (-1, -1, -1)
    assert config.max_age == 0
    assert config.duplicate_window == settings.stream_duplicate_window_seconds


async def test_provisioning_updates_a_stream_whose_duplicate_window_changed(
    jetstream: JetStreamContext, events_namespace: str
) -> None:
    short = GridtestSettings(events_namespace=events_namespace, stream_duplicate_window_seconds=120)
    long = GridtestSettings(events_namespace=events_namespace, stream_duplicate_window_seconds=600)
    await provision_stream(jetstream, short, "window")

    assert (await provision_stream(jetstream, long, "window")).config.duplicate_window == 600
    unchanged = await provision_stream(jetstream, short, "window", update=False)
    assert unchanged.config.duplicate_window == 600


async def test_provisioning_refuses_to_touch_a_stream_stored_differently(
    jetstream: JetStreamContext, settings: GridtestSettings
) -> None:
    await jetstream.add_stream(
        StreamConfig(
            name=settings.stream_name_for("memory"),
            subjects=[settings.subject_for("memory.>")],
            storage=StorageType.MEMORY,
        )
    )

    with pytest.raises(StreamConfigError, match="storage"):
        await provision_stream(jetstream, settings, "memory")

"""Test support for Pioneer Grid: a pytest plugin (:mod:`gridkit.testing.plugin`) and
helpers for tests against real PostgreSQL and NATS."""

from gridkit.testing.database import DatabaseFactory, admin_url, database_url, truncate_all
from gridkit.testing.events import stream_events, stream_messages, wait_for_event
from gridkit.testing.nats_server import NatsServerProcess
from gridkit.testing.streams import delete_namespace_streams
from gridkit.testing.waiting import eventually
from gridkit.testing.workers import running

__all__ = [
    "DatabaseFactory",
    "NatsServerProcess",
    "admin_url",
    "database_url",
    "delete_namespace_streams",
    "eventually",
    "running",
    "stream_events",
    "stream_messages",
    "truncate_all",
    "wait_for_event",
]

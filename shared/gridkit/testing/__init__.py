"""Test support for Pioneer Grid: a pytest plugin (:mod:`gridkit.testing.plugin`) and
helpers for tests against real PostgreSQL and NATS."""

from gridkit.testing.database import DatabaseFactory, admin_url, database_url, truncate_all
from gridkit.testing.events import stream_events, stream_messages, wait_for_event
from gridkit.testing.nats_server import NatsServerProcess
from gridkit.testing.processes import (
    ProcessStartError,
    ServiceProcess,
    start_all,
    started_processes,
    stop_all,
)
from gridkit.testing.services import gateway_process, service_process, settings_environment
from gridkit.testing.streams import delete_namespace_streams
from gridkit.testing.waiting import eventually
from gridkit.testing.workers import running

__all__ = [
    "DatabaseFactory",
    "NatsServerProcess",
    "ProcessStartError",
    "ServiceProcess",
    "admin_url",
    "database_url",
    "delete_namespace_streams",
    "eventually",
    "gateway_process",
    "running",
    "service_process",
    "settings_environment",
    "start_all",
    "started_processes",
    "stop_all",
    "stream_events",
    "stream_messages",
    "truncate_all",
    "wait_for_event",
]

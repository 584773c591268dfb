"""What a running service holds, shared by its API and its background workers."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from gridkit.messaging.link import NatsLink
from gridkit.settings import ServiceSettings


@dataclass
class Runtime:
    """Settings, database and NATS of a running service."""

    settings: ServiceSettings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    nats: NatsLink


Worker = Callable[[Runtime, asyncio.Event], Awaitable[None]]
"""A background loop that runs until the event is set (relay, consumers)."""

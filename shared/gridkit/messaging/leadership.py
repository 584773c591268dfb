"""One active worker per service: a PostgreSQL session-level advisory lock.

The lock lives exactly as long as the connection that took it, so a worker
whose process or connection dies lets a standby take over without anyone
having to clean up. The connection is dedicated (never from a pool, where it
could be handed to other code) and also serves the holder for LISTEN.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from typing import Any

import asyncpg
from sqlalchemy.engine import URL, make_url

log = logging.getLogger(__name__)

# Failures that mean "the database is not reachable right now", not a bug.
DATABASE_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,
    asyncio.TimeoutError,
    asyncpg.PostgresError,
    asyncpg.InterfaceError,
)


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for ``name`` (the same in every process)."""
    digest = hashlib.blake2b(f"gridkit.leadership:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def asyncpg_dsn(url: str | URL) -> str:
    """The plain ``postgresql://`` DSN asyncpg takes, from a SQLAlchemy URL."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def wait_for_any(*events: asyncio.Event, seconds: float) -> None:
    """Return when any of ``events`` is set or after ``seconds``."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


class Leadership:
    """Take, hold and give back the advisory lock called ``name``.

    :meth:`acquire` waits as a standby until the lock is free; :attr:`lost` is
    set as soon as the holding connection goes away, and from then on the
    holder must stop acting as the leader.
    """

    def __init__(
        self,
        database_url: str | URL,
        name: str,
        *,
        retry_seconds: float = 2.0,
        timeout: float = 5.0,
    ) -> None:
        self.name = name
        self.key = lock_key(name)
        self.retry_seconds = retry_seconds
        self.timeout = timeout
        self.lost = asyncio.Event()
        self._dsn = asyncpg_dsn(database_url)
        self._connection: Any = None

    @property
    def connection(self) -> Any:
        """The asyncpg connection holding the lock (use it for LISTEN, nothing long)."""
        if self._connection is None or self._connection.is_closed():
            raise RuntimeError(f"the lock {self.name!r} is not held")
        return self._connection

    @property
    def backend_pid(self) -> int | None:
        """PID of the server process holding the lock for us, if we hold it."""
        conn = self._connection
        return None if conn is None or conn.is_closed() else int(conn.get_server_pid())

    @property
    def held(self) -> bool:
        """Whether we hold the lock, as far as we know."""
        return self._connection is not None and not self.lost.is_set()

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until the lock is ours (True) or ``stop`` is set (False)."""
        while not stop.is_set():
            conn = await self._connect()
            if conn is not None:
                try:
                    while not stop.is_set():
                        if await conn.fetchval(
                            "SELECT pg_try_advisory_lock($1)", self.key, timeout=self.timeout
                        ):
                            self._take(conn)
                            return True
                        await wait_for_any(stop, seconds=self.retry_seconds)
                except DATABASE_UNAVAILABLE as exc:
                    log.warning("standby for %s lost its database connection: %s", self.name, exc)
                await self._close(conn)
            await wait_for_any(stop, seconds=self.retry_seconds)
        return False

    async def check(self) -> bool:
        """Ask the database whether our lock connection still lives; False: leadership is gone."""
        conn = self._connection
        if conn is None or self.lost.is_set():
            return False
        try:
            await conn.fetchval("SELECT 1", timeout=self.timeout)
        except DATABASE_UNAVAILABLE as exc:
            log.warning("leadership of %s lost: %s", self.name, exc)
            self.lost.set()
            return False
        return True

    async def release(self) -> None:
        """Give the lock back (closing the connection releases it in any case)."""
        conn, self._connection = self._connection, None
        if conn is None:
            return
        if not conn.is_closed() and not self.lost.is_set():
            # If this fails, closing the connection releases the lock anyway.
            with contextlib.suppress(*DATABASE_UNAVAILABLE):
                await conn.fetchval("SELECT pg_advisory_unlock($1)", self.key, timeout=self.timeout)
        await self._close(conn)

    def _take(self, conn: Any) -> None:
        self._connection = conn
        self.lost.clear()
        conn.add_termination_listener(self._on_termination)
        log.info("took the %s lock (backend pid %s)", self.name, conn.get_server_pid())

    def _on_termination(self, conn: Any) -> None:
        if conn is self._connection:
            log.warning("the connection holding the %s lock was closed", self.name)
            self.lost.set()

    async def _connect(self) -> Any:
        try:
            return await asyncpg.connect(self._dsn, timeout=self.timeout)
        except DATABASE_UNAVAILABLE as exc:
            log.warning("cannot reach the database for the %s lock: %s", self.name, exc)
            return None

    async def _close(self, conn: Any) -> None:
        try:
            await asyncio.wait_for(conn.close(), timeout=self.timeout)
        except DATABASE_UNAVAILABLE:
            conn.terminate()

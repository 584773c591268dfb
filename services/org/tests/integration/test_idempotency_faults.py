"""A retried createGrid with the same key creates one grid and answers the same id, when the
answer is lost after the commit: dropped on the way back, or never sent by a killed process.

The org service runs here as a real uvicorn process (``gridkit.testing.service_process``)
on this run's database, so what is cut is a real TCP connection and a real process. The
kills are timed by the database: every createGrid commits a NOTIFY for the outbox relay,
and the test, listening too, sends SIGKILL the moment one arrives, while that request's
answer is still on its way.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import asyncpg
import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from gridkit.auth import issue_dev_token
from gridkit.idempotency import idempotency_keys
from gridkit.messaging.tables import outbox
from gridkit.testing import ServiceProcess, service_process
from gridkit.uow import outbox_channel
from org.config import OrgSettings
from org.repository.tables import GridRow

Tree = dict[str, dict[str, Any]]

HOST = "127.0.0.1"

CREATE_GRID = """
mutation($input: CreateGridInput!) { createGrid(input: $input) { id code } }"""

BURST = 200
"""Grids the burst creates, each under a key of its own."""
CLIENTS = 8
"""Callers sending the burst at once, each one request at a time."""
KILLS = 3
"""Times the service is at least killed with SIGKILL while the burst runs, each time right
after a commit; more, up to ``MAX_KILLS``, until one kill is seen to have cut off an answer
after its commit (most do)."""
MAX_KILLS = 6
RETRY_PAUSE_SECONDS = 0.05
BURST_TIMEOUT_SECONDS = 100
"""Below pytest's own timeout, so a stuck burst fails with its own message."""


@pytest.fixture(scope="module")
def org_process(
    org_settings: OrgSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServiceProcess]:
    """The org service as its own uvicorn process, on this run's org database."""
    process = service_process(
        "org.app:app", settings=org_settings, log_dir=Path(tmp_path_factory.mktemp("org-process"))
    )
    process.start()
    try:
        yield process
    finally:
        process.stop()


def bearer(settings: OrgSettings, subject: str) -> dict[str, str]:
    """Headers of a district-wide ORG_ADMIN called ``subject``."""
    token = issue_dev_token(settings, subject=subject, roles=["ORG_ADMIN"], division="370112")
    return {"Authorization": f"Bearer {token}"}


def create_grid(tree: Tree, name: str, key: str) -> dict[str, Any]:
    """The request body of a createGrid in 七里河社区 under ``key``."""
    grid = {"divisionId": tree["community"]["id"], "name": name, "kind": "RESIDENTIAL"}
    return {"query": CREATE_GRID, "variables": {"input": {**grid, "clientMutationId": key}}}


def created_id(response: httpx.Response) -> str:
    """The id in a createGrid answer that must have no errors."""
    body = response.json()
    assert "errors" not in body, body["errors"]
    grid_id: str = body["data"]["createGrid"]["id"]
    return grid_id


async def grids_named(engine: AsyncEngine, prefix: str) -> dict[str, list[str]]:
    """The ids of the stored grids whose name starts with ``prefix``, by name."""
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(GridRow.name, GridRow.id).where(GridRow.name.startswith(prefix))
        )
        found: dict[str, list[str]] = {}
        for name, grid_id in rows:
            found.setdefault(name, []).append(str(grid_id))
        return found


@contextlib.asynccontextmanager
async def commits(settings: OrgSettings) -> AsyncIterator[asyncio.Event]:
    """An event set whenever an org transaction that wrote events commits.

    It listens on the outbox relay's channel, which every such transaction notifies.
    """
    dsn = make_url(settings.database_url).set(drivername="postgresql")
    listener = await asyncpg.connect(dsn.render_as_string(hide_password=False))
    committed = asyncio.Event()
    try:
        await listener.add_listener(outbox_channel("org"), lambda *_: committed.set())
        yield committed
    finally:
        await listener.close()


async def lost_after_commit(engine: AsyncEngine, lost_at: dict[str, datetime]) -> int:
    """How many keys were stored before their request's answer was last lost.

    A key is stored by the transaction that created its grid, so one stored (its
    transaction begun) before the client lost the answer was committed by then.
    """
    async with engine.connect() as connection:
        stored = await connection.execute(
            select(idempotency_keys.c.key, idempotency_keys.c.created_at).where(
                idempotency_keys.c.key.in_(list(lost_at))
            )
        )
        return sum(1 for key, stored_at in stored if stored_at < lost_at[key])


class AnswerDroppingProxy:
    """A TCP proxy in front of a server that can lose the server's answers.

    Each connection is passed through both ways. While ``drops`` is above zero, a
    connection's request reaches the server, and the moment the server starts to
    answer the proxy closes the client's connection instead: the server did the work
    and committed it, the client saw nothing.
    """

    def __init__(self, target_port: int, *, drops: int) -> None:
        self.target_port = target_port
        self.drops = drops
        self.dropped = 0
        self.port = 0
        self._server: asyncio.Server | None = None

    async def __aenter__(self) -> Self:
        self._server = await asyncio.start_server(self._pass, HOST, 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _pass(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        server_in, server_out = await asyncio.open_connection(HOST, self.target_port)
        requests = asyncio.create_task(_copy(client_in, server_out))
        try:
            answer = await server_in.read(65536)
            if answer and self.drops > 0:
                self.drops -= 1
                self.dropped += 1
                client_out.transport.abort()  # closed at once: not one byte of the answer arrives
                return
            while answer:
                client_out.write(answer)
                await client_out.drain()
                answer = await server_in.read(65536)
        except ConnectionError:
            pass
        finally:
            requests.cancel()
            server_out.close()
            client_out.close()


async def _copy(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await source.read(65536):
            sink.write(data)
            await sink.drain()


async def test_a_create_whose_answer_was_lost_after_the_commit_is_answered_on_retry(
    org_process: ServiceProcess, org_settings: OrgSettings, licheng: Tree, org_db: AsyncEngine
) -> None:
    body = create_grid(licheng, "丢失应答网格", key="lost-answer-1")
    async with (
        AnswerDroppingProxy(org_process.port, drops=1) as proxy,
        httpx.AsyncClient(
            base_url=f"http://{HOST}:{proxy.port}",
            headers=bearer(org_settings, "tester"),
            timeout=10,
        ) as http,
    ):
        with pytest.raises(httpx.TransportError):
            await http.post("/graphql", json=body)
        assert proxy.dropped == 1
        stored = await grids_named(org_db, "丢失应答网格")
        assert len(stored["丢失应答网格"]) == 1  # committed, though the client saw nothing

        retried = await http.post("/graphql", json=body)

    assert created_id(retried) == stored["丢失应答网格"][0]
    assert await grids_named(org_db, "丢失应答网格") == stored


async def test_a_burst_of_creates_survives_the_service_being_killed_again_and_again(
    org_process: ServiceProcess, org_settings: OrgSettings, licheng: Tree, org_db: AsyncEngine
) -> None:
    keys = [f"burst-{n:03d}" for n in range(BURST)]
    answers: dict[str, str] = {}
    answered = asyncio.Condition()
    lost_at: dict[str, datetime] = {}  # when a request last got no answer, by key

    async def create_until_answered(http: httpx.AsyncClient, key: str) -> str:
        body = create_grid(licheng, f"演练网格{key}", key=key)
        while True:
            try:
                return created_id(await http.post("/graphql", json=body))
            except httpx.ConnectError:  # down: being restarted
                pass
            except httpx.TransportError:  # cut off by a kill (or sent on a dead connection)
                lost_at[key] = datetime.now(UTC)
            await asyncio.sleep(RETRY_PAUSE_SECONDS)

    async def client(number: int) -> None:
        async with httpx.AsyncClient(
            base_url=org_process.base_url,
            headers=bearer(org_settings, f"burst-client-{number}"),
            timeout=10,
        ) as http:
            for key in keys[number::CLIENTS]:
                answers[key] = await create_until_answered(http, key)
                async with answered:
                    answered.notify_all()

    async def killer(committed: asyncio.Event) -> None:
        for kill in range(1, MAX_KILLS + 1):
            if kill > KILLS and await lost_after_commit(org_db, lost_at):
                return
            threshold = BURST * kill // (MAX_KILLS + 1)  # spread over the burst
            async with answered:
                await answered.wait_for(lambda n=threshold: len(answers) >= n)
            committed.clear()
            await committed.wait()  # a grid has just committed; its answer is on its way
            org_process.kill()
            await org_process.start_async()

    async with commits(org_settings) as committed:
        await asyncio.wait_for(
            asyncio.gather(killer(committed), *(client(n) for n in range(CLIENTS))),
            timeout=BURST_TIMEOUT_SECONDS,
        )

    assert await lost_after_commit(org_db, lost_at) > 0, "no answer was lost after its commit"
    stored = await grids_named(org_db, "演练网格")
    assert len(answers) == BURST
    assert {name: len(ids) for name, ids in stored.items()} == {f"演练网格{k}": 1 for k in keys}
    assert {key: stored[f"演练网格{key}"][0] for key in keys} == answers
    async with org_db.connect() as connection:
        stored_keys = await connection.execute(
            select(idempotency_keys.c.key, idempotency_keys.c.created_id)
        )
        remembered = {key: str(created) for key, created in stored_keys}
        events = await connection.scalar(
            select(func.count()).select_from(outbox).where(outbox.c.aggregate_type == "grid")
        )
    assert remembered == answers
    assert events == BURST  # one GridCreated per grid: nothing was applied twice

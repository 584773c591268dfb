"""The embedded fallback: a URL where nothing answers gets a real server of its own."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import nats
import pytest

from gridkit.devstack import ensure_nats, ensure_postgres, stop_embedded
from gridkit.devstack.probe import free_port, host_and_port, nats_answers, postgres_answers


@dataclass(frozen=True)
class Embedded:
    data_dir: Path
    postgres_url: str
    nats_url: str


@pytest.fixture(scope="module")
def silent_port() -> int:
    """A port where no server answers."""
    return free_port()


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory, silent_port: int) -> Iterator[Embedded]:
    """Embedded servers in a fresh data directory, stopped (and checked stopped) afterwards."""
    data_dir = tmp_path_factory.mktemp("devstack")
    servers = Embedded(
        data_dir=data_dir,
        postgres_url=ensure_postgres(
            f"postgresql+asyncpg://postgres@127.0.0.1:{silent_port}/postgres", data_dir=data_dir
        ),
        nats_url=ensure_nats(f"nats://127.0.0.1:{silent_port}", data_dir=data_dir),
    )
    yield servers
    stop_embedded(data_dir)
    assert not postgres_answers(*host_and_port(servers.postgres_url, default_port=5432))
    assert not nats_answers(*host_and_port(servers.nats_url, default_port=4222))


async def test_postgres_fallback_starts_a_server_that_runs_queries(
    embedded: Embedded, silent_port: int
) -> None:
    assert embedded.postgres_url.startswith("postgresql+asyncpg://postgres@127.0.0.1:")
    assert f":{silent_port}/" not in embedded.postgres_url

    connection = await asyncpg.connect(embedded.postgres_url.replace("+asyncpg", "", 1))
    try:
        await connection.execute("CREATE TABLE grid (code text PRIMARY KEY, name text)")
        await connection.execute("INSERT INTO grid VALUES ('LC-001', '洪家楼社区第一网格')")
        assert await connection.fetchval("SELECT name FROM grid") == "洪家楼社区第一网格"
    finally:
        await connection.close()


async def test_nats_fallback_starts_a_server_with_jetstream(
    embedded: Embedded, silent_port: int
) -> None:
    assert embedded.nats_url.startswith("nats://127.0.0.1:")
    assert not embedded.nats_url.endswith(f":{silent_port}")

    client = await nats.connect(embedded.nats_url)
    try:
        jetstream = client.jetstream()
        await jetstream.add_stream(name="DEVSTACK_TEST", subjects=["devstack.>"])
        ack = await jetstream.publish("devstack.grid.created", b"{}", headers={"Nats-Msg-Id": "1"})
        assert ack.stream == "DEVSTACK_TEST"
        assert ack.seq == 1
    finally:
        await client.close()


def test_a_second_call_reuses_the_running_servers(embedded: Embedded, silent_port: int) -> None:
    started = time.monotonic()
    again = (
        ensure_postgres(
            f"postgresql+asyncpg://postgres@127.0.0.1:{silent_port}/postgres",
            data_dir=embedded.data_dir,
        ),
        ensure_nats(f"nats://127.0.0.1:{silent_port}", data_dir=embedded.data_dir),
    )
    assert again == (embedded.postgres_url, embedded.nats_url)
    assert time.monotonic() - started < 2


def test_a_url_that_answers_is_used_as_given(embedded: Embedded, tmp_path: Path) -> None:
    # The embedded servers stand in for "a server that is already there".
    assert ensure_postgres(embedded.postgres_url, data_dir=tmp_path) == embedded.postgres_url
    assert ensure_nats(embedded.nats_url, data_dir=tmp_path) == embedded.nats_url
    assert not (tmp_path / "postgres").exists()
    assert not (tmp_path / "nats").exists()

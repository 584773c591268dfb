"""Use the configured PostgreSQL and NATS when they answer, else embedded ones.

Embedded servers live under ``data_dir`` (``postgres/``, ``nats/``) and are
**reused, not stopped**: they keep running after the caller exits, so the next
test run or ``make up`` finds them in milliseconds instead of starting anew.
:func:`stop_embedded` (``make clean``) stops them. Callers sharing a data
directory are serialised by a lock file, so they share one server of each kind.
"""

from __future__ import annotations

import logging
from pathlib import Path

from gridkit.devstack import nats_server, postgres_server
from gridkit.devstack.probe import host_and_port, nats_answers, postgres_answers
from gridkit.devstack.processes import exclusive

log = logging.getLogger("gridkit.devstack")


def ensure_postgres(url: str, *, data_dir: Path) -> str:
    """``url`` if a PostgreSQL server answers there, else the URL of an embedded one.

    The embedded server's URL is ``postgresql+asyncpg://postgres@127.0.0.1:PORT/postgres``
    (trust authentication, no password).
    """
    host, port = host_and_port(url, default_port=5432)
    if postgres_answers(host, port):
        return url
    pgdata = data_dir.resolve() / "postgres"
    with exclusive(data_dir):
        embedded_port = postgres_server.running_port(pgdata)
        if embedded_port is None:
            log.info("no PostgreSQL at %s:%s; starting an embedded one in %s", host, port, pgdata)
            embedded_port = postgres_server.start(pgdata)
    return f"postgresql+asyncpg://postgres@{postgres_server.HOST}:{embedded_port}/postgres"


def ensure_nats(url: str, *, data_dir: Path) -> str:
    """``url`` if a NATS server answers there, else the URL of an embedded one with JetStream.

    A comma-separated list of servers counts as answering when any of them does.
    """
    for server in url.split(","):
        host, port = host_and_port(server.strip(), default_port=4222)
        if nats_answers(host, port):
            return url
    nats_dir = data_dir.resolve() / "nats"
    with exclusive(data_dir):
        embedded_port = nats_server.running_port(nats_dir)
        if embedded_port is None:
            log.info("no NATS at %s; starting an embedded one in %s", url, nats_dir)
            embedded_port = nats_server.start(nats_dir)
    return f"nats://{nats_server.HOST}:{embedded_port}"


def stop_embedded(data_dir: Path) -> None:
    """Stop the embedded servers started under ``data_dir``; their data stays."""
    if not data_dir.exists():
        return
    with exclusive(data_dir):
        postgres_server.stop(data_dir.resolve() / "postgres")
        nats_server.stop(data_dir.resolve() / "nats")

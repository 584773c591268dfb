"""The peer: PostGraphile v4 serving org's own database, the bar org's subgraph is measured by.

PostGraphile builds a GraphQL API by reflection over the tables and runs each query as one SQL
statement, which makes it about as fast as GraphQL over PostgreSQL gets. ``make npm-bench``
installs it into ``.npm-bench/``; here it runs on a free port on 127.0.0.1 with production
flags: no watch, no query log, no GraphiQL, no default mutations, one Node process with a pool
of 10 connections (as each org process has).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from gridkit.devstack.probe import free_port
from infra.bench.processes import HOST, Served, running
from infra.dev.components import ROOT

VERSION = "4.14.1"
PREFIX = ROOT / ".npm-bench"
BINARY = PREFIX / "node_modules" / ".bin" / "postgraphile"
POOL_SIZE = 10


@dataclass(frozen=True)
class Missing:
    """Why the peer cannot run on this machine."""

    reason: str


def find() -> Path | Missing:
    """The installed PostGraphile command, or why there is none."""
    if shutil.which("node") is None:
        return Missing("Node.js is not installed (install Node.js 20+ with npm to measure it)")
    if not BINARY.is_file():
        if shutil.which("npm") is None:
            return Missing("npm is not installed (install Node.js 20+ with npm to measure it)")
        return Missing(
            f"PostGraphile is not installed in {PREFIX.relative_to(ROOT)}/ "
            "(`make npm-bench` installs it; `make bench` does so by itself)"
        )
    return BINARY


def libpq_url(database_url: str) -> str:
    """A SQLAlchemy URL (``postgresql+asyncpg://...``) as libpq and node-postgres take it."""
    url = make_url(database_url).set(drivername="postgres")
    return url.render_as_string(hide_password=False)


@contextlib.contextmanager
def postgraphile(binary: Path, database_url: str, *, log: Path) -> Iterator[Served]:
    """Run PostGraphile on the database until the block ends; its output goes to ``log``."""
    port = free_port(HOST)
    command = [
        str(binary),
        "--connection", libpq_url(database_url),
        "--schema", "public",
        "--host", HOST,
        "--port", str(port),
        "--max-pool-size", str(POOL_SIZE),
        "--disable-query-log",
        "--disable-graphiql",
        "--dynamic-json",
        "--no-setof-functions-contain-nulls",
        "--disable-default-mutations",
        "--no-ignore-rbac",
        "--no-ignore-indexes",
        "--simple-collections", "omit",   # Relay connections, `nodes` as org has them
        "--legacy-relations", "omit",     # a unique foreign key is one-to-one only
    ]  # fmt: skip
    url = f"http://{HOST}:{port}/graphql"
    log.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NODE_ENV": "production"}
    with (
        log.open("wb") as output,
        running("PostGraphile", command, env=env, ready=lambda: _answers(url), output=output) as p,
    ):
        yield Served(url=url, pid=p.pid)


def _answers(url: str) -> bool:
    """Whether PostGraphile has built its schema and answers a query."""
    with contextlib.suppress(httpx.HTTPError):
        answer = httpx.post(url, json={"query": "{ __typename }"}, timeout=1)
        return answer.status_code == 200
    return False


def log_tail(log: Path, lines: int = 15) -> str:
    """The last lines PostGraphile wrote, to show why it did not start."""
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])

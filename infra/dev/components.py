"""What the dev stack runs: every subgraph service and the gateway, in one table.

A new service needs one row here; ports and paths follow the contracts in the
design (subgraphs on 4001-4004, the gateway on 4000, ``/graphql`` on each).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Component:
    """One process of the stack: a subgraph service or the gateway."""

    name: str
    port: int
    app: str
    """ASGI application as uvicorn takes it, e.g. ``org.app:app``."""
    directory: Path
    """Its directory, relative to the repository root."""
    database: str | None = None
    """Its own database; ``None`` for the gateway, which has none."""

    @property
    def env_prefix(self) -> str:
        """Prefix of its settings variables, e.g. ``ORG_``."""
        return f"{self.name.upper()}_"

    @property
    def alembic_ini(self) -> Path:
        """Its Alembic configuration."""
        return self.directory / "alembic.ini"

    def on_disk(self) -> bool:
        """Whether its directory exists yet."""
        return (ROOT / self.directory).is_dir()

    def app_on_disk(self) -> bool:
        """Whether the module holding its ASGI app exists yet."""
        module = ROOT / self.directory / self.app.partition(":")[0].replace(".", "/")
        return module.with_suffix(".py").is_file() or (module / "__init__.py").is_file()

    def url(self, path: str) -> str:
        """An address on this component, e.g. ``url("/graphql")``."""
        return f"http://{HOST}:{self.port}{path}"


def _service(name: str, port: int) -> Component:
    """A subgraph service laid out as every service is: ``services/<name>/<name>/main.py``."""
    return Component(name, port, f"{name}.app:app", Path("services", name), f"pioneer_{name}")


SERVICES = (
    _service("org", 4001),
    _service("personnel", 4002),
    _service("cases", 4003),
    _service("volunteers", 4004),
)

# Started after every subgraph answers, since it composes their schemas at start-up.
GATEWAY = Component("gateway", 4000, "gateway.main:app", Path("gateway"))

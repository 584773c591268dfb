"""Settings of the gateway (variables prefixed ``GATEWAY_``)."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from gridkit.settings import ServiceSettings


class GatewaySettings(ServiceSettings):
    """Where the gateway listens, what it federates, and its limits."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore", frozen=True)

    service_name: ClassVar[str] = "gateway"
    default_port: ClassVar[int] = 4000
    uses_database: ClassVar[bool] = False
    uses_pii: ClassVar[bool] = False

    supergraph: str = ""
    """Path of a supergraph SDL file (Apollo's format)."""
    subgraphs: dict[str, str] = Field(default_factory=dict)
    """Subgraph name to ``/graphql`` URL, composed at start when no supergraph file is given."""
    subgraph_timeout_seconds: float = Field(default=30.0, gt=0)
    subgraph_pool_size: int = Field(default=100, ge=1)
    plan_cache_size: int = Field(default=2000, ge=1)
    verify_tokens: bool = True
    """Refuse requests whose bearer token does not verify (JWKS or the dev secret)."""
    expose_query_plan: bool = True
    """Answer the ``X-Query-Plan`` header / ``queryPlan`` extension with the plan."""

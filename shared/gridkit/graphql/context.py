"""Per-request context: the caller and DataLoaders scoped to one request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from datetime import timedelta
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from gridkit.auth import Caller
from gridkit.idempotency import DEFAULT_TTL, IdempotencyKey

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class RequestContext(BaseContext):
    """What every resolver can reach: ``info.context.caller`` and the loaders.

    Services subclass it to add their handlers and query objects.
    """

    idempotency_header: str | None = None
    """The request's ``Idempotency-Key`` header, set by the app factory."""
    idempotency_ttl: timedelta = DEFAULT_TTL
    """How long a key is remembered (``IDEMPOTENCY_TTL_HOURS``)."""

    def __init__(self, *, caller: Caller) -> None:
        super().__init__()
        self.caller = caller
        self._loaders: dict[str, DataLoader[Any, Any]] = {}

    def idempotency_key(
        self, operation: str, command: object, client_mutation_id: str | None = None
    ) -> IdempotencyKey | None:
        """The key guarding a creating ``command``: the input's ``clientMutationId``, else
        the request's ``Idempotency-Key`` header; ``None`` when the client sent neither."""
        key = client_mutation_id if client_mutation_id is not None else self.idempotency_header
        return IdempotencyKey.for_command(
            key,
            scope=self.caller.subject or "anonymous",
            operation=operation,
            command=command,
            ttl=self.idempotency_ttl,
        )

    def loader(
        self, name: str, load: Callable[[Sequence[K]], Awaitable[Sequence[V]]]
    ) -> DataLoader[K, V]:
        """The request's DataLoader called ``name``, created on first use.

        One loader per request batches every lookup made while resolving the
        same level of the query into one call of ``load``.
        """
        existing = self._loaders.get(name)
        if existing is None:
            existing = DataLoader(load_fn=load)
            self._loaders[name] = existing
        return existing

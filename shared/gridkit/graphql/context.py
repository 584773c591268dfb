"""Per-request context: the caller and DataLoaders scoped to one request."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Sequence
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from gridkit.auth import Caller

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class RequestContext(BaseContext):
    """What every resolver can reach: ``info.context.caller`` and the loaders.

    Services subclass it to add their handlers and query objects.
    """

    def __init__(self, *, caller: Caller) -> None:
        super().__init__()
        self.caller = caller
        self._loaders: dict[str, DataLoader[Any, Any]] = {}

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

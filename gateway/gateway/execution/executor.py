"""Running a plan: fetches in dependency order, results merged into one tree.

Every fetch starts as soon as the fetches it depends on have merged. Entity
fetches collect their objects from the tree, send each distinct
representation once, and merge the answers back into every object that asked.
Subgraph errors keep their message and extensions, with paths rewritten to the
client's; a failed fetch leaves its fields null and the rest still answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import orjson

from gateway.execution.fetcher import SubgraphClient, SubgraphError
from gateway.planning.plan import LIST, EntityInput, Fetch, QueryPlan, Rename, ValueSpec

Path = list[str | int]


@dataclass
class Execution:
    """The state of one request's execution."""

    data: dict[str, Any] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)
    requests: int = 0


class Executor:
    """Runs plans against the subgraphs' clients."""

    def __init__(
        self,
        clients: Mapping[str, SubgraphClient],
        service_names: Mapping[str, str],
        abstract_types: frozenset[str] = frozenset(),
    ) -> None:
        self.clients = clients
        self.service_names = service_names
        # An interface object answers with the interface's name as __typename; a later
        # answer naming the concrete type must replace it.
        self.abstract_types = abstract_types

    async def run(
        self,
        plan: QueryPlan,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> Execution:
        """Execute every fetch of ``plan``; returns the merged tree and the errors."""
        state = Execution()
        done: dict[int, asyncio.Future[None]] = {
            fetch.id: asyncio.get_running_loop().create_future() for fetch in plan.fetches
        }

        async def run_one(fetch: Fetch) -> None:
            try:
                for dependency in fetch.depends_on:
                    await done[dependency]
                await self._fetch(fetch, state, variables, headers)
            finally:
                done[fetch.id].set_result(None)

        await asyncio.gather(*(run_one(fetch) for fetch in plan.fetches))
        return state

    async def _fetch(
        self,
        fetch: Fetch,
        state: Execution,
        variables: Mapping[str, Any],
        headers: Mapping[str, str],
    ) -> None:
        sent = {name: variables[name] for name in fetch.variable_usages if name in variables}
        targets: list[list[tuple[dict[str, Any], Path]]] = []
        if fetch.is_entity_fetch:
            representations, targets = _representations(fetch.entities, state.data)
            if not representations:
                return
            sent["representations"] = representations
        client = self.clients[fetch.service]
        state.requests += 1
        try:
            answer = await client.post(fetch.operation, sent, headers)
        except SubgraphError as exc:
            state.errors.append(self._failure(exc, fetch, targets))
            return
        data = answer.get("data")
        if fetch.is_entity_fetch:
            entities = data.get("_entities") if isinstance(data, dict) else None
            if isinstance(entities, list):
                for index, entity in enumerate(entities):
                    if fetch.renames:
                        _renamed(entity, fetch.renames)
                    if isinstance(entity, dict) and index < len(targets):
                        for target, _ in targets[index]:
                            _merge(target, entity, self.abstract_types)
        elif isinstance(data, dict):
            if fetch.renames:
                _renamed(data, fetch.renames)
            _merge(state.data, data, self.abstract_types)
        for error in answer.get("errors") or ():
            state.errors.append(self._rewrite(error, fetch, targets))

    def _rewrite(
        self,
        error: Any,
        fetch: Fetch,
        targets: list[list[tuple[dict[str, Any], Path]]],
    ) -> dict[str, Any]:
        if not isinstance(error, dict):
            return {"message": str(error)}
        rewritten: dict[str, Any] = {"message": error.get("message", "")}
        path = error.get("path")
        if isinstance(path, list):
            if fetch.is_entity_fetch:
                if len(path) >= 2 and path[0] == "_entities" and isinstance(path[1], int):
                    index = path[1]
                    if index < len(targets) and targets[index]:
                        rewritten["path"] = [*targets[index][0][1], *path[2:]]
            else:
                rewritten["path"] = path
        extensions = dict(error.get("extensions") or {})
        extensions["serviceName"] = self.service_names.get(fetch.service, fetch.service)
        # Like Apollo's gateway: an error without a code of its own is a downstream error.
        extensions.setdefault("code", "DOWNSTREAM_SERVICE_ERROR")
        rewritten["extensions"] = extensions
        return rewritten

    def _failure(
        self,
        exc: SubgraphError,
        fetch: Fetch,
        targets: list[list[tuple[dict[str, Any], Path]]],
    ) -> dict[str, Any]:
        name = self.service_names.get(fetch.service, fetch.service)
        return {
            "message": f'Error while fetching subgraph "{name}": {exc.message}',
            "extensions": {"code": "SUBGRAPH_FETCH_FAILED", "serviceName": name},
        }


def _representations(
    inputs: tuple[EntityInput, ...], data: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[list[tuple[dict[str, Any], Path]]]]:
    """Distinct representations, and for each, the objects (and paths) that asked for it."""
    representations: list[dict[str, Any]] = []
    targets: list[list[tuple[dict[str, Any], Path]]] = []
    index: dict[bytes, int] = {}
    for entry in inputs:
        wanted = entry.type_names if entry.filtered else None
        for target, path in _objects_at(data, entry.path, [], wanted):
            type_name = target.get("__typename")
            if type_name is None or type_name not in entry.type_names:
                continue
            representation = _representation(target, entry, type_name)
            if representation is None:
                continue
            signature = orjson.dumps(representation, option=orjson.OPT_SORT_KEYS)
            position = index.get(signature)
            if position is None:
                index[signature] = len(representations)
                representations.append(representation)
                targets.append([(target, path)])
            else:
                targets[position].append((target, path))
    return representations, targets


def _objects_at(
    value: Any, path: tuple[str, ...], where: Path, wanted: frozenset[str] | None
) -> list[tuple[dict[str, Any], Path]]:
    """Objects at ``path`` with their response paths.

    With ``wanted``, the items of the last list are numbered among the items of those
    types only, as Apollo's gateway numbers them in error paths.
    """
    if not path:
        return [(value, where)] if isinstance(value, dict) else []
    head, rest = path[0], path[1:]
    if head == LIST:
        if not isinstance(value, list):
            return []
        found: list[tuple[dict[str, Any], Path]] = []
        counted = 0
        for position, item in enumerate(value):
            if wanted is not None and not rest:
                if not isinstance(item, dict) or item.get("__typename") not in wanted:
                    continue
                position = counted
                counted += 1
            found.extend(_objects_at(item, rest, [*where, position], wanted))
        return found
    if not isinstance(value, dict):
        return []
    return _objects_at(value.get(head), rest, [*where, head], wanted)


def _representation(
    target: dict[str, Any], entry: EntityInput, type_name: str
) -> dict[str, Any] | None:
    representation: dict[str, Any] = {"__typename": entry.typename_as or type_name}
    for spec in entry.requires:
        if spec.key not in target:
            return None
        representation[spec.name] = _extract(target[spec.key], spec)
    return representation


def _extract(value: Any, spec: ValueSpec) -> Any:
    if spec.selections is None or value is None:
        return value
    if isinstance(value, list):
        return [_extract(item, spec) for item in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for inner in spec.selections:
        if inner.key in value:
            out[inner.name] = _extract(value[inner.key], inner)
    return out


def _renamed(value: Any, renames: tuple[Rename, ...]) -> None:
    """Move each aliased field of a fetched answer back to its response key."""
    for rename in renames:
        _rename_at(value, rename.path, rename)


def _rename_at(value: Any, path: tuple[str, ...], rename: Rename) -> None:
    if isinstance(value, list):
        for item in value:
            _rename_at(item, path, rename)
    elif isinstance(value, dict):
        if path:
            _rename_at(value.get(path[0]), path[1:], rename)
        elif rename.alias in value and value.get("__typename") in rename.type_names:
            value[rename.key] = value.pop(rename.alias)


def _merge(target: dict[str, Any], source: dict[str, Any], abstract: frozenset[str]) -> None:
    for key, value in source.items():
        existing = target.get(key)
        if key == "__typename" and existing is not None:
            if existing in abstract and value not in abstract:
                target[key] = value  # the concrete type, learnt from another subgraph
            continue
        if isinstance(existing, dict) and isinstance(value, dict):
            _merge(existing, value, abstract)
        elif isinstance(existing, list) and isinstance(value, list) and len(existing) == len(value):
            for index, (left, right) in enumerate(zip(existing, value, strict=True)):
                if isinstance(left, dict) and isinstance(right, dict):
                    _merge(left, right, abstract)
                else:
                    existing[index] = right
        else:
            target[key] = value

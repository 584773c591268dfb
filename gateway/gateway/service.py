"""The gateway itself: one request in, fetches out, one answer back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    GraphQLSchema,
    OperationDefinitionNode,
    execute_sync,
    type_from_ast,
    value_from_ast,
)

from gateway.execution.complete import Completion
from gateway.execution.executor import Executor
from gateway.execution.fetcher import FORWARDED_HEADERS, SubgraphClient
from gateway.operations import OperationCache, RequestError
from gateway.planning.planner import QueryPlanner
from gateway.request import read_request
from gateway.supergraph.model import Supergraph


class Gateway:
    """Answers GraphQL requests over a supergraph."""

    def __init__(
        self,
        supergraph: Supergraph,
        *,
        timeout_seconds: float = 30.0,
        pool_size: int = 100,
        cache_size: int = 2000,
    ) -> None:
        if supergraph.api_schema is None:
            raise ValueError("the supergraph has no API schema")
        self.supergraph = supergraph
        self.schema = supergraph.api_schema
        self.service_names = {graph: s.name for graph, s in supergraph.subgraphs.items()}
        self.clients = {
            graph: SubgraphClient(
                subgraph.name, subgraph.url, timeout_seconds=timeout_seconds, pool_size=pool_size
            )
            for graph, subgraph in supergraph.subgraphs.items()
        }
        self.operations = OperationCache(self.schema, QueryPlanner(supergraph), size=cache_size)
        abstract = frozenset(name for name, t in supergraph.types.items() if t.is_abstract)
        self.executor = Executor(self.clients, self.service_names, abstract)

    async def handle(
        self,
        body: Any,
        headers: Mapping[str, str],
        *,
        want_plan: bool = False,
    ) -> tuple[int, dict[str, Any]]:
        """Status code and JSON body for one GraphQL request."""
        try:
            query, operation_name, raw_variables, request_extensions = read_request(body)
            prepared = self.operations.get(query, operation_name)
            variables = self.operations.coerce_variables(prepared, raw_variables)
        except RequestError as error:
            return error.status, {"errors": error.errors}
        want_plan = want_plan or bool(
            isinstance(request_extensions, dict) and request_extensions.get("queryPlan")
        )
        forwarded = {name: headers[name] for name in FORWARDED_HEADERS if name in headers}
        execution = await self.executor.run(prepared.plan, variables, forwarded)
        if prepared.introspection is not None:
            introspected = execute_sync(
                self.schema, prepared.introspection, variable_values=variables
            )
            if introspected.data:
                execution.data.update(introspected.data)
        completion = Completion(_with_defaults(self.schema, prepared.operation, variables))
        data = completion.root(prepared.shape, execution.data)
        response: dict[str, Any] = {}
        if execution.errors:
            response["errors"] = execution.errors
        response["data"] = data
        extensions: dict[str, Any] = {}
        if completion.nulled and not execution.errors:
            extensions["valueCompletion"] = completion.nulled
        if want_plan:
            extensions["queryPlan"] = prepared.plan.to_json(self.service_names)
            extensions["subgraphRequests"] = execution.requests
        if extensions:
            response["extensions"] = extensions
        return 200, response

    async def close(self) -> None:
        """Close every subgraph connection pool."""
        for client in self.clients.values():
            await client.close()


def _with_defaults(
    schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Mapping[str, Any]
) -> Mapping[str, Any]:
    """The variables with the operation's defaults for those not given (for @skip/@include)."""
    missing = [
        definition
        for definition in operation.variable_definitions or ()
        if definition.default_value is not None and definition.variable.name.value not in variables
    ]
    if not missing:
        return variables
    merged = dict(variables)
    for definition in missing:
        type_ = type_from_ast(schema, definition.type)
        if type_ is not None:
            merged[definition.variable.name.value] = value_from_ast(
                definition.default_value,
                type_,  # type: ignore[arg-type]
            )
    return merged

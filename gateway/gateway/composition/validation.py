"""A last check that the printed supergraph is a valid GraphQL schema.

Merging can produce what no single subgraph had: an implementation whose merged field type
no longer fits its interface, for one. graphql-core's schema validation catches those.
"""

from __future__ import annotations

from graphql import GraphQLError, build_ast_schema, parse, validate_schema

from gateway.composition.errors import CompositionError, CompositionIssue

__all__ = ["check_supergraph_sdl"]


def check_supergraph_sdl(sdl: str) -> None:
    """Raise ``CompositionError`` if ``sdl`` does not build a valid GraphQL schema."""
    try:
        schema = build_ast_schema(parse(sdl), assume_valid_sdl=False)
    except (GraphQLError, TypeError) as error:
        errors: list[GraphQLError | TypeError] = [error]
    else:
        errors = list(validate_schema(schema))
    if errors:
        raise CompositionError(
            [
                CompositionIssue(
                    code="INVALID_GRAPHQL",
                    message=f"The merged supergraph is not a valid schema: {error}",
                )
                for error in errors
            ]
        )

"""Computed fields of the interface_objects family."""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLError


def _response_window(source: dict[str, Any], args: dict[str, Any]) -> str:
    """Hours to answer a noise complaint, from the urgency the ratings subgraph holds.

    registry stores urgency -1 for complaints (it is @external there): a plan that does not send
    ratings' urgency in the representation answers a visibly wrong window.
    """
    urgency = source.get("urgency")
    if not isinstance(urgency, int):
        raise GraphQLError(f"requirement not met: urgency got {urgency!r}")
    return f"{24 * (6 - urgency)}h"


RESOLVERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "registry.NoiseComplaint.responseWindow": _response_window,
}

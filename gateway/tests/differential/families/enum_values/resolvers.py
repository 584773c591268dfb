"""Computed fields of the enum_values family."""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLError

_REMINDERS = {
    "OPEN": "chase the assigned officer",
    "CLOSED": "send the closing survey",
    "ON_HOLD": "check again next week",
    "ESCALATED": "brief the grid council",
}


def _reminder(source: dict[str, Any], args: dict[str, Any]) -> str:
    """A reminder picked from the status the gateway sent in the representation (@requires)."""
    status = source.get("status")
    if status not in _REMINDERS:
        raise GraphQLError(f"requirement not met: status got {status!r}")
    return f"{status}: {_REMINDERS[status]}"


RESOLVERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "people.Case.reminder": _reminder,
}

"""Computed @requires fields of the override_and_inaccessible family."""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLError

_PLACEHOLDER = "(not held by casework)"


def _follow_up_by(source: dict[str, Any], args: dict[str, Any]) -> str:
    """registry's follow-up deadline, from the severity casework owns since the override.

    registry's placeholder for the @external severity is -1 (a requirement error); intake's stale
    copy 0 would answer a visibly wrong deadline.
    """
    severity = source.get("severity")
    if not isinstance(severity, int) or severity == -1:
        raise GraphQLError(f"requirement not met: severity got {severity!r}")
    if severity >= 4:
        return "within 24 hours"
    if severity >= 1:
        return "within 7 days"
    return f"no deadline (severity {severity})"


def _benefits_eligible(source: dict[str, Any], args: dict[str, Any]) -> bool | None:
    """casework's eligibility check, from registry's inaccessible nationalId sent by the gateway.

    casework's own records hold a placeholder for the @external nationalId.
    """
    national_id = source.get("nationalId", _PLACEHOLDER)
    if national_id == _PLACEHOLDER:
        raise GraphQLError("requirement not met: nationalId")
    if national_id is None:
        return None
    return str(national_id).startswith("NI-4")


RESOLVERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "registry.Complaint.followUpBy": _follow_up_by,
    "casework.Resident.benefitsEligible": _benefits_eligible,
}

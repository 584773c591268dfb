"""Integration event contracts, one module per producing service.

Producer and consumers import the same pydantic models from here, so an
event's shape is defined once. :data:`REGISTRY` maps an event type to its model.
"""

from __future__ import annotations

from gridkit.contracts import cases, org, personnel, volunteers
from gridkit.contracts.base import IntegrationEvent

REGISTRY: dict[str, type[IntegrationEvent]] = {
    model.event_type: model
    for module in (org, personnel, cases, volunteers)
    for model in module.EVENTS
}

__all__ = ["REGISTRY", "IntegrationEvent"]

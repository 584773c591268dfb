"""The events of other services that cases consumes, and the handler of each."""

from __future__ import annotations

from cases.handlers.places import (
    apply_assignment_event,
    apply_department_event,
    apply_grid_event,
)
from gridkit.web.workers import Subscription

GRIDS = Subscription(
    name="cases-org-grids",
    source_service="org",
    filter_subject="org.grid.>",
    handler=apply_grid_event,
)
"""Every event of every grid, in order: names, status and boundaries."""

DEPARTMENTS = Subscription(
    name="cases-org-departments",
    source_service="org",
    filter_subject="org.department.>",
    handler=apply_department_event,
)
"""Every event of every department, in order: who takes which categories where."""

GRID_ASSIGNMENTS = Subscription(
    name="cases-personnel-assignments",
    source_service="personnel",
    filter_subject="personnel.assignment.>",
    handler=apply_assignment_event,
)
"""Every grid assignment started or ended: a grid's full-time worker takes its cases."""

SUBSCRIPTIONS = (GRIDS, DEPARTMENTS, GRID_ASSIGNMENTS)
"""What the cases service listens to."""

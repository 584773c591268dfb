"""Who reads which case: by place, by department, or as its reporter.

A caller's :class:`ReadScope` is built by the service's access module from their token; the
same scope admits a single case here and filters a list in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from cases.domain.case import Case
from cases.domain.kinds import ActorRole, AssigneeKind

__all__ = ["EVERYTHING", "ReadScope", "departments_involved"]


@dataclass(frozen=True, kw_only=True)
class ReadScope:
    """Which cases a caller reads: a list's filter, any one of which admits a case.

    All three empty (an anonymous caller) reads nothing.
    """

    division_prefix: str | None = None
    """Cases whose community code starts with it ('' = every case); ``None``: none by place."""
    department: str | None = None
    """A department's id (canonical UUID text): cases it is assigned now, or was (it acted on
    the case for that department, or joined it at a joint meeting)."""
    person: UUID | None = None
    """A person's id in personnel: the cases they reported."""

    def admits(self, case: Case) -> bool:
        """Whether the scope lets its caller read ``case``."""
        if self.division_prefix is not None and case.division_code.startswith(self.division_prefix):
            return True
        if self.person is not None and case.reporter.person_id == self.person:
            return True
        return self.department is not None and self.department in departments_involved(case)


EVERYTHING = ReadScope(division_prefix="")
"""Every case: what the service itself reads with (timers, replays)."""


def departments_involved(case: Case) -> set[str]:
    """The departments a case is or was assigned to, as far as the case remembers them."""
    departments = {a.ref for a in case.assignments if a.kind is AssigneeKind.DEPARTMENT}
    departments.update(
        entry.actor.acts_for
        for entry in case.timeline
        if entry.actor.role is ActorRole.DEPARTMENT_HANDLER and entry.actor.acts_for
    )
    departments.update(d.ref for meeting in case.joint_meetings for d in meeting.departments)
    return departments

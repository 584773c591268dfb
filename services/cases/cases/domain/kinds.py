"""Classifications used across the cases domain."""

from __future__ import annotations

from enum import StrEnum


class CaseStatus(StrEnum):
    """Where a case stands in the closed loop (闭环), from report to closure."""

    REPORTED = "REPORTED"
    """Reported (已上报), waiting to be accepted or rejected."""
    ACCEPTED = "ACCEPTED"
    """Accepted as a case (已立案), waiting to be dispatched."""
    REJECTED = "REJECTED"
    """Not accepted (不予立案): out of scope, or not a demand at all. Final."""
    DISPATCHED = "DISPATCHED"
    """Dispatched (已派遣) to one or more assignees; the clock runs."""
    IN_PROGRESS = "IN_PROGRESS"
    """Being handled (处置中); the clock runs."""
    RESOLVED = "RESOLVED"
    """Resolved with evidence (已处置), waiting for verification."""
    VERIFIED = "VERIFIED"
    """Verified on site (已核查), waiting for the resident's return visit."""
    CLOSED = "CLOSED"
    """Closed (已结案) with the resident satisfied; only a failed follow-up reopens it."""
    RETURNED = "RETURNED"
    """Sent back by an assignee (已回退) as not theirs, waiting to be dispatched again."""
    SUSPENDED = "SUSPENDED"
    """Suspended (挂账): cannot be solved for now; the clock stands still."""
    MERGED = "MERGED"
    """Merged into another case as a duplicate (已合并). Final."""

    @property
    def label(self) -> str:
        """The status in words, with its Chinese term."""
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Whether work on the case may still be expected (not rejected, closed or merged)."""
        return self not in TERMINAL_STATUSES


_STATUS_LABELS = {
    CaseStatus.REPORTED: "reported (已上报)",
    CaseStatus.ACCEPTED: "accepted (已立案)",
    CaseStatus.REJECTED: "rejected (不予立案)",
    CaseStatus.DISPATCHED: "dispatched (已派遣)",
    CaseStatus.IN_PROGRESS: "in progress (处置中)",
    CaseStatus.RESOLVED: "resolved (已处置)",
    CaseStatus.VERIFIED: "verified (已核查)",
    CaseStatus.CLOSED: "closed (已结案)",
    CaseStatus.RETURNED: "returned (已回退)",
    CaseStatus.SUSPENDED: "suspended (挂账)",
    CaseStatus.MERGED: "merged (已合并)",
}

TERMINAL_STATUSES = frozenset({CaseStatus.REJECTED, CaseStatus.CLOSED, CaseStatus.MERGED})
"""Statuses where the work is over. A closed case comes back only by :meth:`Case.reopen`."""

CLOCK_STATUSES = frozenset({CaseStatus.DISPATCHED, CaseStatus.IN_PROGRESS})
"""Statuses in which the deadline clock runs: the assignees owe a result."""


class Priority(StrEnum):
    """How soon a case must be handled; each category sets a time limit per priority."""

    URGENT = "URGENT"
    """Urgent (紧急): a danger to people or property."""
    HIGH = "HIGH"
    """High (较急)."""
    NORMAL = "NORMAL"
    """Normal (一般)."""

    @property
    def label(self) -> str:
        """The priority in words, with its Chinese term."""
        return _PRIORITY_LABELS[self]


_PRIORITY_LABELS = {
    Priority.URGENT: "urgent (紧急)",
    Priority.HIGH: "high (较急)",
    Priority.NORMAL: "normal (一般)",
}


class CaseSource(StrEnum):
    """How a case came in."""

    GRID_PATROL = "GRID_PATROL"
    """Found by a grid worker on patrol (网格巡查)."""
    RESIDENT = "RESIDENT"
    """Reported by a resident in person or in the app (居民上报)."""
    HOTLINE_12345 = "HOTLINE_12345"
    """Passed on by the 12345 citizen hotline (12345热线)."""
    ONLINE = "ONLINE"
    """Left on an online platform (网络诉求)."""
    REFERRED = "REFERRED"
    """Referred by a higher authority (上级交办)."""


class Level(StrEnum):
    """The level that holds a case; escalation (上报) moves it one step up.

    Levels are ordered: ``Level.GRID < Level.COMMUNITY < Level.SUBDISTRICT <
    Level.DISTRICT``.
    """

    GRID = "GRID"
    """The grid (网格)."""
    COMMUNITY = "COMMUNITY"
    """The community or village (社区/村)."""
    SUBDISTRICT = "SUBDISTRICT"
    """The subdistrict or town (街道/镇)."""
    DISTRICT = "DISTRICT"
    """The district (区)."""

    @property
    def rank(self) -> int:
        """Position from the bottom: 0 for the grid, 3 for the district."""
        return _LEVEL_ORDER.index(self)

    @property
    def label(self) -> str:
        """The level in words, with its Chinese term."""
        return _LEVEL_LABELS[self]

    def next(self) -> Level | None:
        """The level above, or ``None`` at the district (the top)."""
        rank = self.rank
        return _LEVEL_ORDER[rank + 1] if rank + 1 < len(_LEVEL_ORDER) else None

    # StrEnum compares as text by default, which would put COMMUNITY before GRID.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Level):
            return NotImplemented
        return self.rank >= other.rank


_LEVEL_ORDER = (Level.GRID, Level.COMMUNITY, Level.SUBDISTRICT, Level.DISTRICT)

_LEVEL_LABELS = {
    Level.GRID: "grid (网格)",
    Level.COMMUNITY: "community (社区)",
    Level.SUBDISTRICT: "subdistrict (街道)",
    Level.DISTRICT: "district (区)",
}


class AssigneeKind(StrEnum):
    """Who a case is dispatched to; the kind says what an assignment's ``ref`` names."""

    GRID_WORKER = "GRID_WORKER"
    """A grid worker (网格员): ``ref`` is the person's id."""
    COMMUNITY = "COMMUNITY"
    """A community or village (社区/村): ``ref`` is its 12-digit division code."""
    DEPARTMENT = "DEPARTMENT"
    """A department (职能部门), a bureau or an outside party: ``ref`` is its id in org."""


class Satisfaction(StrEnum):
    """What the resident said on the return visit (回访)."""

    SATISFIED = "SATISFIED"
    """Satisfied (满意)."""
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    """Basically satisfied (基本满意)."""
    DISSATISFIED = "DISSATISFIED"
    """Dissatisfied (不满意): the case goes back for rework."""

    @property
    def is_satisfied(self) -> bool:
        """Whether the answer lets the case close (satisfied or basically satisfied)."""
        return self is not Satisfaction.DISSATISFIED

    @property
    def label(self) -> str:
        """The answer in words, with its Chinese term."""
        return _SATISFACTION_LABELS[self]


_SATISFACTION_LABELS = {
    Satisfaction.SATISFIED: "satisfied (满意)",
    Satisfaction.BASICALLY_SATISFIED: "basically satisfied (基本满意)",
    Satisfaction.DISSATISFIED: "dissatisfied (不满意)",
}


class ActorRole(StrEnum):
    """The capacity in which someone acts on a case."""

    REPORTER = "REPORTER"
    """The resident who reported it (诉求人)."""
    GRID_WORKER = "GRID_WORKER"
    """A grid worker (网格员)."""
    COMMUNITY_OFFICER = "COMMUNITY_OFFICER"
    """An officer of the community or village (社区工作人员)."""
    SUBDISTRICT_OFFICER = "SUBDISTRICT_OFFICER"
    """An officer of the subdistrict or town (街道工作人员)."""
    DISTRICT_OFFICER = "DISTRICT_OFFICER"
    """An officer of the district's command centre (区级指挥中心)."""
    DEPARTMENT_HANDLER = "DEPARTMENT_HANDLER"
    """Someone handling the case for a department (部门承办人)."""
    SUPERVISOR = "SUPERVISOR"
    """The district's supervision office (督查督办)."""
    SYSTEM = "SYSTEM"
    """The system itself, for timers such as the deadline watch."""

    @property
    def level(self) -> Level | None:
        """The level the role works at, or ``None`` for roles outside the chain.

        Extension approvals compare these levels; a reporter, a department
        handler and the system approve nothing.
        """
        return _ROLE_LEVELS.get(self)

    @property
    def label(self) -> str:
        """The role in words, with its Chinese term."""
        return _ROLE_LABELS[self]


_ROLE_LEVELS = {
    ActorRole.GRID_WORKER: Level.GRID,
    ActorRole.COMMUNITY_OFFICER: Level.COMMUNITY,
    ActorRole.SUBDISTRICT_OFFICER: Level.SUBDISTRICT,
    ActorRole.DISTRICT_OFFICER: Level.DISTRICT,
    ActorRole.SUPERVISOR: Level.DISTRICT,
}

_ROLE_LABELS = {
    ActorRole.REPORTER: "reporter (诉求人)",
    ActorRole.GRID_WORKER: "grid worker (网格员)",
    ActorRole.COMMUNITY_OFFICER: "community officer (社区工作人员)",
    ActorRole.SUBDISTRICT_OFFICER: "subdistrict officer (街道工作人员)",
    ActorRole.DISTRICT_OFFICER: "district officer (区级指挥中心)",
    ActorRole.DEPARTMENT_HANDLER: "department handler (部门承办人)",
    ActorRole.SUPERVISOR: "supervisor (督查督办)",
    ActorRole.SYSTEM: "system (系统)",
}


class CaseAction(StrEnum):
    """What a timeline entry records: one member per kind of step."""

    REPORTED = "REPORTED"
    """The case was reported (上报)."""
    ACCEPTED = "ACCEPTED"
    """It was accepted as a case (立案)."""
    REJECTED = "REJECTED"
    """It was not accepted (不予立案)."""
    DISPATCHED = "DISPATCHED"
    """It was dispatched (派遣); the clock started."""
    CO_HANDLERS_ADDED = "CO_HANDLERS_ADDED"
    """More assignees joined as co-handlers (增派协办)."""
    RETURNED = "RETURNED"
    """An assignee sent it back (回退)."""
    STARTED = "STARTED"
    """Someone started work on it (开始处置)."""
    ESCALATED = "ESCALATED"
    """It moved one level up (上报)."""
    JOINT_MEETING_HELD = "JOINT_MEETING_HELD"
    """A joint meeting (联席会议) took it up."""
    RESOLVED = "RESOLVED"
    """It was resolved, with evidence (处置完毕)."""
    VERIFIED = "VERIFIED"
    """The result was verified on site (核查通过)."""
    REWORK_ORDERED = "REWORK_ORDERED"
    """Verification failed or the resident was dissatisfied: back to work (返工)."""
    CLOSED = "CLOSED"
    """The resident was satisfied on the return visit (回访) and the case closed (结案)."""
    REOPENED = "REOPENED"
    """A closed case was reopened (重新启动), after a failed follow-up check."""
    EXTENSION_REQUESTED = "EXTENSION_REQUESTED"
    """More time was asked for (申请延期)."""
    EXTENSION_APPROVED = "EXTENSION_APPROVED"
    """The extension was approved (同意延期); the due date moved."""
    EXTENSION_REJECTED = "EXTENSION_REJECTED"
    """The extension was refused (不同意延期)."""
    SUSPENDED = "SUSPENDED"
    """It was suspended (挂账)."""
    RESUMED = "RESUMED"
    """It was taken up again (恢复办理)."""
    DEADLINE_WARNING = "DEADLINE_WARNING"
    """The due date is near (黄牌预警)."""
    OVERDUE = "OVERDUE"
    """The due date passed (红牌超期)."""
    SUPERVISION_ORDERED = "SUPERVISION_ORDERED"
    """The supervision office ordered it handled (督办)."""
    MERGED = "MERGED"
    """It was merged into another case as a duplicate (合并)."""

    @property
    def label(self) -> str:
        """The step in words, with its Chinese term."""
        return _ACTION_LABELS[self]


_ACTION_LABELS = {
    CaseAction.REPORTED: "reported (上报)",
    CaseAction.ACCEPTED: "accepted (立案)",
    CaseAction.REJECTED: "rejected (不予立案)",
    CaseAction.DISPATCHED: "dispatched (派遣)",
    CaseAction.CO_HANDLERS_ADDED: "co-handlers added (增派协办)",
    CaseAction.RETURNED: "returned (回退)",
    CaseAction.STARTED: "started (开始处置)",
    CaseAction.ESCALATED: "escalated (上报)",
    CaseAction.JOINT_MEETING_HELD: "joint meeting held (联席会议)",
    CaseAction.RESOLVED: "resolved (处置完毕)",
    CaseAction.VERIFIED: "verified (核查通过)",
    CaseAction.REWORK_ORDERED: "rework ordered (返工)",
    CaseAction.CLOSED: "closed (结案)",
    CaseAction.REOPENED: "reopened (重新启动)",
    CaseAction.EXTENSION_REQUESTED: "extension requested (申请延期)",
    CaseAction.EXTENSION_APPROVED: "extension approved (同意延期)",
    CaseAction.EXTENSION_REJECTED: "extension rejected (不同意延期)",
    CaseAction.SUSPENDED: "suspended (挂账)",
    CaseAction.RESUMED: "resumed (恢复办理)",
    CaseAction.DEADLINE_WARNING: "deadline warning (黄牌预警)",
    CaseAction.OVERDUE: "overdue (红牌超期)",
    CaseAction.SUPERVISION_ORDERED: "supervision ordered (督办)",
    CaseAction.MERGED: "merged (合并)",
}


class ReworkOrigin(StrEnum):
    """Why a case went back to work (返工)."""

    VERIFICATION = "VERIFICATION"
    """The on-site verification (核查) found the result wanting."""
    VISIT = "VISIT"
    """The resident was dissatisfied on the return visit (回访)."""


class AttributeType(StrEnum):
    """The type of a category's extra attribute (like an Open311 attribute's datatype)."""

    STRING = "STRING"
    """Free text."""
    NUMBER = "NUMBER"
    """A number, such as a measured noise level."""
    DATETIME = "DATETIME"
    """A moment with its UTC offset, written in ISO 8601."""
    SINGLE_CHOICE = "SINGLE_CHOICE"
    """One key out of the attribute's choices."""
    MULTIPLE_CHOICE = "MULTIPLE_CHOICE"
    """A list of keys out of the attribute's choices, each at most once."""

    @property
    def is_choice(self) -> bool:
        """Whether values are keys out of a list of choices."""
        return self in (AttributeType.SINGLE_CHOICE, AttributeType.MULTIPLE_CHOICE)


class WatchStatus(StrEnum):
    """Where a follow-up watch (持续关注) stands."""

    ACTIVE = "ACTIVE"
    """Checks are still planned (关注中)."""
    COMPLETED = "COMPLETED"
    """Every planned check passed (关注完成)."""
    FAILED = "FAILED"
    """A check failed and the case was reopened (关注未通过)."""


class ExtensionStatus(StrEnum):
    """Where a request for more time (延期申请) stands."""

    PENDING = "PENDING"
    """Waiting for a decision (待审批)."""
    APPROVED = "APPROVED"
    """Approved (已批准): the due date moved."""
    REJECTED = "REJECTED"
    """Refused (未批准): the due date stays."""

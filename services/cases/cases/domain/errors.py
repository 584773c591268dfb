"""Errors of the cases domain, each with a stable code the GraphQL layer passes on.

Handlers raise the not-found errors; the aggregates, the catalogue and the
policies raise the rest. Details are plain strings and numbers so they can
travel in ``extensions.details`` as they are. No message or detail ever holds
a reporter's phone number.
"""

from __future__ import annotations

from typing import ClassVar, Self

from gridkit.errors import Conflict, Forbidden, InvalidInput, MissingById, NotFound

# Plain values


class InvalidText(InvalidInput):
    """A title, description, reason or note is missing or too long."""

    code: ClassVar[str] = "CASE_TEXT_INVALID"


class InvalidDate(InvalidInput):
    """A date comes before a date it must follow."""

    code: ClassVar[str] = "CASE_DATE_INVALID"


class InvalidDivisionCode(InvalidInput):
    """Not the 12-digit code of a community or village (社区/村)."""

    code: ClassVar[str] = "CASE_DIVISION_CODE_INVALID"


class InvalidLocation(InvalidInput):
    """No address, or coordinates outside WGS-84's ranges, or only one of the two."""

    code: ClassVar[str] = "CASE_LOCATION_INVALID"


class InvalidCaseNumber(InvalidInput):
    """A case number is a year and a sequence: ``2026-000123``."""

    code: ClassVar[str] = "CASE_NUMBER_INVALID"


class InvalidReporter(InvalidInput):
    """A reporter is a registered person or an anonymous contact with a phone number."""

    code: ClassVar[str] = "CASE_REPORTER_INVALID"


class InvalidEvidence(InvalidInput):
    """Evidence of a result needs a text; measurements need a name and a unit."""

    code: ClassVar[str] = "CASE_EVIDENCE_INVALID"


# The catalogue (案件类别)


class CategoryNotFound(NotFound):
    """No category with that code."""

    code: ClassVar[str] = "CATEGORY_NOT_FOUND"

    @classmethod
    def for_code(cls, code: str) -> Self:
        """The error for a lookup of ``code`` that found nothing."""
        return cls(f"Category {code} does not exist", category_code=code)


class CategoryInactive(Conflict):
    """The category was withdrawn from the catalogue; no new case is reported in it."""

    code: ClassVar[str] = "CATEGORY_INACTIVE"


class InvalidCategory(InvalidInput):
    """A category's code, name or texts are malformed."""

    code: ClassVar[str] = "CATEGORY_INVALID"


class InvalidTimeLimits(InvalidInput):
    """Time limits cover every priority, 1 to 365 working days, urgent ≤ high ≤ normal."""

    code: ClassVar[str] = "CATEGORY_TIME_LIMITS_INVALID"


class InvalidAttributeDefinition(InvalidInput):
    """An attribute definition is malformed: code, duplicate, or choices that do not fit."""

    code: ClassVar[str] = "CATEGORY_ATTRIBUTE_DEFINITION_INVALID"


class CategoryMismatch(InvalidInput):
    """The category handed over is not the case's own."""

    code: ClassVar[str] = "CASE_CATEGORY_MISMATCH"


class AttributeUnknown(InvalidInput):
    """A value was given for an attribute the category does not define."""

    code: ClassVar[str] = "CASE_ATTRIBUTE_UNKNOWN"


class AttributeRequired(InvalidInput):
    """A required attribute has no value."""

    code: ClassVar[str] = "CASE_ATTRIBUTE_REQUIRED"


class AttributeInvalid(InvalidInput):
    """A value does not fit its attribute's type or choices."""

    code: ClassVar[str] = "CASE_ATTRIBUTE_INVALID"


# Cases


class CaseNotFound(MissingById):
    """No case with that id (or outside the caller's scope)."""

    code: ClassVar[str] = "CASE_NOT_FOUND"
    subject: ClassVar[str] = "Case"


class AttachmentNotFound(MissingById):
    """A file that was never uploaded, or one the caller may not read: both answer alike."""

    code: ClassVar[str] = "ATTACHMENT_NOT_FOUND"
    subject: ClassVar[str] = "Attachment"


class GridNotFound(MissingById):
    """The case names a grid the service has not heard of, or none holds its location."""

    code: ClassVar[str] = "GRID_NOT_FOUND"
    subject: ClassVar[str] = "Grid"


class GridRetired(Conflict):
    """A retired grid takes no new cases."""

    code: ClassVar[str] = "GRID_RETIRED"


class DepartmentNotFound(MissingById):
    """A dispatch names a department org never announced, or one dissolved since."""

    code: ClassVar[str] = "DEPARTMENT_NOT_FOUND"
    subject: ClassVar[str] = "Department"


class NoGridWorker(Conflict):
    """A dispatch to the grid's full-time worker, but the grid has none today."""

    code: ClassVar[str] = "CASE_NO_GRID_WORKER"


class IllegalTransition(Conflict):
    """The step does not follow from where the case stands."""

    code: ClassVar[str] = "CASE_ILLEGAL_TRANSITION"


class InvalidAssignment(InvalidInput):
    """A dispatch names nobody, someone twice, or more than one lead."""

    code: ClassVar[str] = "CASE_ASSIGNMENT_INVALID"


class AlreadyAssigned(Conflict):
    """The assignee already handles the case."""

    code: ClassVar[str] = "CASE_ALREADY_ASSIGNED"


class NotAnAssignee(Forbidden):
    """Only an assignee of the case may send it back (回退)."""

    code: ClassVar[str] = "CASE_NOT_AN_ASSIGNEE"


class ReturnWindowClosed(Conflict):
    """A case is sent back within two working days of its dispatch, not later."""

    code: ClassVar[str] = "CASE_RETURN_WINDOW_CLOSED"


class VerifierIsHandler(Forbidden):
    """Someone other than whoever handled or resolved the case verifies it (核查)."""

    code: ClassVar[str] = "CASE_VERIFIER_IS_HANDLER"


class CaseAlreadyAtTop(Conflict):
    """The district is the top level; there is nowhere further to escalate."""

    code: ClassVar[str] = "CASE_ALREADY_AT_TOP"


class JointMeetingNeedsSubdistrict(Conflict):
    """A joint meeting (联席会议) is held once the case is at the subdistrict or above."""

    code: ClassVar[str] = "CASE_JOINT_MEETING_NEEDS_SUBDISTRICT"


class SupervisionNotDue(Conflict):
    """Supervision (督办) is ordered for overdue cases and cases reworked twice or more."""

    code: ClassVar[str] = "CASE_SUPERVISION_NOT_DUE"


class MergeIntoItself(InvalidInput):
    """A case is merged into another case, not into itself."""

    code: ClassVar[str] = "CASE_MERGE_INTO_ITSELF"


class MergeTargetFinished(Conflict):
    """A duplicate goes into a case that is still open (not merged, closed or rejected)."""

    code: ClassVar[str] = "CASE_MERGE_TARGET_FINISHED"


class InvalidExtensionDays(InvalidInput):
    """An extension (延期) asks for 1 to 30 working days."""

    code: ClassVar[str] = "CASE_EXTENSION_DAYS_INVALID"


class ExtensionAlreadyPending(Conflict):
    """One extension request waits for a decision at a time."""

    code: ClassVar[str] = "CASE_EXTENSION_PENDING"


class NoPendingExtension(Conflict):
    """There is no extension request to decide on."""

    code: ClassVar[str] = "CASE_NO_PENDING_EXTENSION"


class ExtensionNeedsHigherLevel(Forbidden):
    """The approver's level is too low for this extension."""

    code: ClassVar[str] = "CASE_EXTENSION_NEEDS_HIGHER_LEVEL"


# Follow-up watches (持续关注)


class WatchNotFound(MissingById):
    """No watch with that id."""

    code: ClassVar[str] = "WATCH_NOT_FOUND"
    subject: ClassVar[str] = "Watch"


class WatchCaseNotClosed(Conflict):
    """A watch follows a closed case, not one still in work."""

    code: ClassVar[str] = "WATCH_CASE_NOT_CLOSED"


class InvalidWatchPlan(InvalidInput):
    """A watch checks every 1 to 90 days, 1 to 52 times."""

    code: ClassVar[str] = "WATCH_PLAN_INVALID"


class WatchNotActive(Conflict):
    """The watch has completed or failed and takes no more checks."""

    code: ClassVar[str] = "WATCH_NOT_ACTIVE"


class WatchCaseMismatch(InvalidInput):
    """The case handed over is not the one the watch follows."""

    code: ClassVar[str] = "WATCH_CASE_MISMATCH"

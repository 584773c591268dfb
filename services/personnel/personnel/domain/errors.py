"""Errors of the personnel domain, each with a stable code the GraphQL layer passes on.

Handlers raise the not-found errors and the "already exists" ones that need a
lookup; the aggregates and policies raise the rest. Details are plain strings
and numbers so they can travel in ``extensions.details`` as they are. No
message or detail ever holds a plain national ID or phone number.
"""

from __future__ import annotations

from typing import ClassVar

from gridkit.errors import Conflict, InvalidInput, MissingById, NotFound

# Plain values


class InvalidName(InvalidInput):
    """A name is empty or too long."""

    code: ClassVar[str] = "INVALID_NAME"


class InvalidText(InvalidInput):
    """A free-text field (address, content, reason ...) is missing or too long."""

    code: ClassVar[str] = "INVALID_TEXT"


class InvalidDate(InvalidInput):
    """A date is in the future, or comes before a date it must follow."""

    code: ClassVar[str] = "INVALID_DATE"


class InvalidMonth(InvalidInput):
    """A month is not of the form YYYY-MM."""

    code: ClassVar[str] = "INVALID_MONTH"


class InvalidDivisionCode(InvalidInput):
    """Not an administrative division code (6, 9 or 12 digits)."""

    code: ClassVar[str] = "INVALID_DIVISION_CODE"


# People


class PersonNotFound(MissingById):
    """No person with that id."""

    code: ClassVar[str] = "PERSON_NOT_FOUND"
    subject: ClassVar[str] = "Person"


class InvalidNationalId(InvalidInput):
    """Not a valid resident ID number (居民身份证号码, GB 11643-1999)."""

    code: ClassVar[str] = "INVALID_NATIONAL_ID"


class InvalidPhone(InvalidInput):
    """Not a mainland mobile number."""

    code: ClassVar[str] = "INVALID_PHONE"


class NationalIdBirthDateMismatch(InvalidInput):
    """The birth date given is not the one written in the ID number."""

    code: ClassVar[str] = "NATIONAL_ID_BIRTH_DATE_MISMATCH"


class NationalIdGenderMismatch(InvalidInput):
    """The gender given is not the one written in the ID number."""

    code: ClassVar[str] = "NATIONAL_ID_GENDER_MISMATCH"


class NationalIdTaken(Conflict):
    """Another person is already registered with that ID number."""

    code: ClassVar[str] = "PERSON_NATIONAL_ID_TAKEN"


# Party membership (党员发展)


class MembershipNotFound(MissingById):
    """No party membership with that id (or for that person)."""

    code: ClassVar[str] = "MEMBERSHIP_NOT_FOUND"
    subject: ClassVar[str] = "Party membership"


class MembershipExists(Conflict):
    """A person has one membership record, which carries their whole history."""

    code: ClassVar[str] = "MEMBERSHIP_EXISTS"


class MembershipTooYoung(InvalidInput):
    """An application to join the party is made at 18 or older."""

    code: ClassVar[str] = "MEMBERSHIP_TOO_YOUNG"


class InvalidMembershipTransition(Conflict):
    """The step does not follow from where the membership stands, or comes too early."""

    code: ClassVar[str] = "MEMBERSHIP_INVALID_TRANSITION"


class PartyOrganizationNotFound(MissingById):
    """No party organisation with that id (as known from org's events)."""

    code: ClassVar[str] = "PARTY_ORGANIZATION_NOT_FOUND"
    subject: ClassVar[str] = "Party organisation"


# Organisation transfers (组织关系转接)


class TransferNotFound(MissingById):
    """No transfer letter with that id."""

    code: ClassVar[str] = "TRANSFER_NOT_FOUND"
    subject: ClassVar[str] = "Transfer letter"


class TransferNotAMember(Conflict):
    """Only probationary and full members have an organisation relationship to transfer."""

    code: ClassVar[str] = "TRANSFER_NOT_A_MEMBER"


class TransferSameOrganization(InvalidInput):
    """A transfer goes to another party organisation."""

    code: ClassVar[str] = "TRANSFER_SAME_ORGANIZATION"


class TransferDuesUnpaid(Conflict):
    """Dues must be paid up to at least the month before the letter is issued."""

    code: ClassVar[str] = "TRANSFER_DUES_UNPAID"


class TransferAlreadyPending(Conflict):
    """A person has at most one pending transfer letter."""

    code: ClassVar[str] = "TRANSFER_ALREADY_PENDING"


class TransferNotPending(Conflict):
    """The letter was already received or has expired."""

    code: ClassVar[str] = "TRANSFER_NOT_PENDING"


class TransferExpiredError(Conflict):
    """The letter is past its three months and can no longer be received."""

    code: ClassVar[str] = "TRANSFER_EXPIRED"


class TransferMismatch(Conflict):
    """The membership is not the one the letter transfers (other person or organisation)."""

    code: ClassVar[str] = "TRANSFER_MISMATCH"


# Grid teams


class GridNotFound(MissingById):
    """No grid with that id (as known from org's events)."""

    code: ClassVar[str] = "GRID_NOT_FOUND"
    subject: ClassVar[str] = "Grid"


class GridRetiredError(Conflict):
    """The grid is retired; no one can be assigned to it."""

    code: ClassVar[str] = "GRID_RETIRED"


class AssignmentNotFound(MissingById):
    """No grid assignment with that id."""

    code: ClassVar[str] = "ASSIGNMENT_NOT_FOUND"
    subject: ClassVar[str] = "Grid assignment"


class AssignmentRoleTaken(Conflict):
    """A grid has one leader, one instructor and one full-time worker at a time."""

    code: ClassVar[str] = "ASSIGNMENT_ROLE_TAKEN"


class AssignmentDuplicate(Conflict):
    """The person already holds that role on that grid."""

    code: ClassVar[str] = "ASSIGNMENT_DUPLICATE"


class AssignmentAlreadyEnded(Conflict):
    """The assignment has already ended."""

    code: ClassVar[str] = "ASSIGNMENT_ALREADY_ENDED"


class FullTimeWorkerNotAMember(Conflict):
    """The full-time grid worker (专职网格员) must be a probationary or full party member."""

    code: ClassVar[str] = "FULL_TIME_WORKER_NOT_A_MEMBER"


# Cadre records (干部纪实) and assessments (考核)


class CadreRecordNotFound(MissingById):
    """No cadre record with that id."""

    code: ClassVar[str] = "CADRE_RECORD_NOT_FOUND"
    subject: ClassVar[str] = "Cadre record"


class AssessmentNotFound(MissingById):
    """No assessment with that id."""

    code: ClassVar[str] = "ASSESSMENT_NOT_FOUND"
    subject: ClassVar[str] = "Assessment"


class AssessmentExists(Conflict):
    """A person is assessed once per period."""

    code: ClassVar[str] = "ASSESSMENT_EXISTS"


class InvalidPeriod(InvalidInput):
    """An assessment period is a year (2026) or a quarter (2026-Q3)."""

    code: ClassVar[str] = "INVALID_PERIOD"


class InvalidScore(InvalidInput):
    """A score runs from 0 to 100."""

    code: ClassVar[str] = "INVALID_SCORE"


class AssessmentGradeMismatch(InvalidInput):
    """The grade given does not fit the score's band."""

    code: ClassVar[str] = "ASSESSMENT_GRADE_MISMATCH"


# Assault teams (党建突击队)


class AssaultTeamNotFound(MissingById):
    """No assault team with that id."""

    code: ClassVar[str] = "ASSAULT_TEAM_NOT_FOUND"
    subject: ClassVar[str] = "Assault team"


class InvalidAssaultTeamTransition(Conflict):
    """A team goes from forming to active, and from either to disbanded, never back."""

    code: ClassVar[str] = "ASSAULT_TEAM_INVALID_TRANSITION"


class AssaultTeamDisbandedError(Conflict):
    """A disbanded team takes no more changes."""

    code: ClassVar[str] = "ASSAULT_TEAM_DISBANDED"


class AssaultTeamDuplicateMember(Conflict):
    """The person is already on the team."""

    code: ClassVar[str] = "ASSAULT_TEAM_DUPLICATE_MEMBER"


class AssaultTeamMemberNotFound(NotFound):
    """The person is not on the team."""

    code: ClassVar[str] = "ASSAULT_TEAM_MEMBER_NOT_FOUND"


class AssaultTeamLeaderRequired(Conflict):
    """The leader stays on the team; name another leader before removing them."""

    code: ClassVar[str] = "ASSAULT_TEAM_LEADER_REQUIRED"

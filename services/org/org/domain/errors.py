"""Errors of the org domain, each with a stable code the GraphQL layer passes on.

Handlers raise the not-found and taken errors (only they can look things up);
the aggregates raise the rest. Details are plain strings and numbers so they
can travel in ``extensions.details`` as they are.
"""

from __future__ import annotations

from typing import ClassVar

from gridkit.errors import Conflict, InvalidInput, MissingById

# Divisions (行政区划)


class DivisionNotFound(MissingById):
    """No division with that id or code."""

    code: ClassVar[str] = "DIVISION_NOT_FOUND"
    subject: ClassVar[str] = "Division"


class InvalidDivisionParent(InvalidInput):
    """The division cannot sit under that parent (wrong level, itself, its own subtree)."""

    code: ClassVar[str] = "DIVISION_INVALID_PARENT"


class DivisionCodeTaken(Conflict):
    """Another division already has that code."""

    code: ClassVar[str] = "DIVISION_CODE_TAKEN"


class InvalidDivisionCode(InvalidInput):
    """The code is not a well-formed administrative code for the level."""

    code: ClassVar[str] = "INVALID_DIVISION_CODE"


class DivisionSequenceExhausted(Conflict):
    """All 999 local codes under the parent are taken."""

    code: ClassVar[str] = "DIVISION_SEQUENCE_EXHAUSTED"


# Texts


class InvalidName(InvalidInput):
    """A name is empty or too long."""

    code: ClassVar[str] = "INVALID_NAME"


class InvalidText(InvalidInput):
    """A free-text field (address, reason, evidence, ...) is missing or too long."""

    code: ClassVar[str] = "INVALID_TEXT"


class InvalidTimestamp(InvalidInput):
    """A moment in time was given without its time zone."""

    code: ClassVar[str] = "INVALID_TIMESTAMP"


# Grids (网格)


class GridNotFound(MissingById):
    """No grid with that id or code."""

    code: ClassVar[str] = "GRID_NOT_FOUND"
    subject: ClassVar[str] = "Grid"


class GridRetiredError(Conflict):
    """The grid is retired; it can no longer be changed or served."""

    code: ClassVar[str] = "GRID_RETIRED"


class GridDivisionNotCommunity(InvalidInput):
    """Grids belong to a community (社区) or village (村), not to a higher division."""

    code: ClassVar[str] = "GRID_DIVISION_NOT_COMMUNITY"


class InvalidGridCode(InvalidInput):
    """The grid code is not its community's code plus a three-digit sequence."""

    code: ClassVar[str] = "INVALID_GRID_CODE"


class GridCodeTaken(Conflict):
    """Another grid already has that code."""

    code: ClassVar[str] = "GRID_CODE_TAKEN"


class GridSequenceExhausted(Conflict):
    """All 999 grid sequences of the community are taken."""

    code: ClassVar[str] = "GRID_SEQUENCE_EXHAUSTED"


class InvalidGridKind(InvalidInput):
    """Kind and dedicated-to do not fit: a dedicated grid says what for, others do not."""

    code: ClassVar[str] = "INVALID_GRID_KIND"


class InvalidGeoJSON(InvalidInput):
    """The boundary is not a valid GeoJSON Polygon or MultiPolygon."""

    code: ClassVar[str] = "INVALID_GEOJSON"


class InvalidCoordinates(InvalidInput):
    """A longitude or latitude is out of range."""

    code: ClassVar[str] = "INVALID_COORDINATES"


class InvalidCount(InvalidInput):
    """A count (households, residents, working days) is negative, not whole, or too large."""

    code: ClassVar[str] = "INVALID_COUNT"


class StandardEvidenceRequired(InvalidInput):
    """A standard is confirmed as met only with evidence."""

    code: ClassVar[str] = "STANDARD_EVIDENCE_REQUIRED"


class MicroPositionNotFound(MissingById):
    """The grid has no micro-position (党群活动微阵地) with that id."""

    code: ClassVar[str] = "MICRO_POSITION_NOT_FOUND"
    subject: ClassVar[str] = "Micro-position"


class ProxyServiceItemNotFound(MissingById):
    """The grid has no proxy-service item (代办服务事项) with that id."""

    code: ClassVar[str] = "PROXY_SERVICE_ITEM_NOT_FOUND"
    subject: ClassVar[str] = "Proxy-service item"


class DuplicateName(Conflict):
    """The name is already used by a sibling that must be told apart by name."""

    code: ClassVar[str] = "DUPLICATE_NAME"


# Party organisations (党组织)


class PartyOrganizationNotFound(MissingById):
    """No party organisation with that id."""

    code: ClassVar[str] = "PARTY_ORGANIZATION_NOT_FOUND"
    subject: ClassVar[str] = "Party organisation"


class InvalidPartyOrganizationParent(InvalidInput):
    """The party organisation cannot sit under that parent."""

    code: ClassVar[str] = "PARTY_ORGANIZATION_INVALID_PARENT"


class GridAlreadyHasPartyOrganization(Conflict):
    """A grid is served by one party organisation only."""

    code: ClassVar[str] = "GRID_PARTY_ORGANIZATION_EXISTS"


# Units (驻区单位) in dedicated grids


class InvalidCreditCode(InvalidInput):
    """Not a valid unified social credit code (统一社会信用代码)."""

    code: ClassVar[str] = "INVALID_CREDIT_CODE"


class UnitNotFound(MissingById):
    """No unit with that id."""

    code: ClassVar[str] = "UNIT_NOT_FOUND"
    subject: ClassVar[str] = "Unit"


class UnitCreditCodeTaken(Conflict):
    """Another unit is registered with that credit code."""

    code: ClassVar[str] = "UNIT_CREDIT_CODE_TAKEN"


class UnitRequiresDedicatedGrid(InvalidInput):
    """Units are registered in active dedicated grids (专属网格) only."""

    code: ClassVar[str] = "UNIT_REQUIRES_DEDICATED_GRID"


# Departments (区直部门, 街道科室, outside parties) that handle cases


class DepartmentNotFound(MissingById):
    """No department with that id."""

    code: ClassVar[str] = "DEPARTMENT_NOT_FOUND"
    subject: ClassVar[str] = "Department"


class DepartmentNameTaken(Conflict):
    """An active department of the same division already has that name."""

    code: ClassVar[str] = "DEPARTMENT_NAME_TAKEN"


class DepartmentParentRequired(InvalidInput):
    """A section (内设科室) is part of another department, so it names its parent."""

    code: ClassVar[str] = "DEPARTMENT_PARENT_REQUIRED"


class DepartmentParentNotAllowed(InvalidInput):
    """Only a section has a parent department."""

    code: ClassVar[str] = "DEPARTMENT_PARENT_NOT_ALLOWED"


class InvalidDepartmentParent(InvalidInput):
    """The parent is dissolved, is a section itself, or serves another part of the district."""

    code: ClassVar[str] = "DEPARTMENT_INVALID_PARENT"


class InvalidDepartmentDivision(InvalidInput):
    """The division is not of the level the kind of department serves."""

    code: ClassVar[str] = "DEPARTMENT_INVALID_DIVISION"


class DepartmentUnitNotAllowed(InvalidInput):
    """Only an outside party (company, utility) is linked to a registered unit."""

    code: ClassVar[str] = "DEPARTMENT_UNIT_NOT_ALLOWED"


class DepartmentDissolvedError(Conflict):
    """The department is dissolved; it can no longer be changed or be a parent."""

    code: ClassVar[str] = "DEPARTMENT_DISSOLVED"


class DepartmentHasActiveSections(Conflict):
    """A department is dissolved only after its sections are."""

    code: ClassVar[str] = "DEPARTMENT_HAS_ACTIVE_SECTIONS"


class InvalidCategoryCode(InvalidInput):
    """A case category code is not upper-case letters, digits and underscores (2 to 40)."""

    code: ClassVar[str] = "INVALID_CATEGORY_CODE"


class InvalidPhone(InvalidInput):
    """A phone number holds characters other than digits and separators, or is too short/long."""

    code: ClassVar[str] = "INVALID_PHONE"

"""Departments (部门) that handle cases in GraphQL: the Department entity, its queries and
mutations."""

from __future__ import annotations

from typing import Self

import strawberry

from gridkit.graphql.idempotency import client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from org import domain
from org.commands.departments import CreateDepartment, DissolveDepartment, UpdateDepartment
from org.handlers import departments as handlers
from org.repository.departments import DepartmentFilter, department_key
from org.schema.arguments import PAGE_ARGS
from org.schema.context import Info
from org.schema.divisions import Division
from org.schema.enums import DepartmentKind, DepartmentStatus
from org.schema.units import Unit

_CATEGORIES = "codes such as ELEVATOR or PROPERTY: upper-case letters, digits and underscores"


@strawberry.federation.type(
    keys=["id"],
    description="A body that handles residents' cases: a district bureau (区直部门), a "
    "subdistrict office, a section (内设科室) of either, or an outside party such as a "
    "property company or an elevator maintainer.",
)
class Department:
    id: strawberry.ID = strawberry.field(description="The department's id.")
    name: str = strawberry.field(
        description="Name, unique among the active departments of its division, e.g. "
        "历城区市场监督管理局."
    )
    kind: DepartmentKind = strawberry.field(description="Kind of department.")
    categories: list[str] = strawberry.field(
        description="The case categories it takes, sorted: codes of the cases service's "
        "catalogue such as ELEVATOR."
    )
    phone: str | None = strawberry.field(
        description="Office phone number as posted (a public contact, not personal data)."
    )
    status: DepartmentStatus = strawberry.field(
        description="ACTIVE, or DISSOLVED (撤销): a dissolved department takes no cases."
    )
    parent_id: strawberry.Private[str | None]
    division_id: strawberry.Private[str]
    unit_id: strawberry.Private[str | None]

    @classmethod
    def from_domain(cls, department: domain.Department) -> Self:
        """The GraphQL view of a department."""
        return cls(
            id=strawberry.ID(str(department.id)),
            name=department.name,
            kind=department.kind,
            categories=list(department.categories),
            phone=department.phone,
            status=department.status,
            parent_id=str(department.parent_id) if department.parent_id else None,
            division_id=str(department.division_id),
            unit_id=str(department.unit_id) if department.unit_id else None,
        )

    @classmethod
    async def resolve_reference(cls, info: Info, id: strawberry.ID) -> Self | None:
        """Entity lookup for the gateway (batched)."""
        found = await info.context.departments.load(parse_id(id))
        return cls.from_domain(found) if found else None

    @strawberry.field(description="The department a section belongs to (null for others).")
    async def parent(self, info: Info) -> Department | None:
        if self.parent_id is None:
            return None
        found = await info.context.departments.load(parse_id(self.parent_id))
        return Department.from_domain(found) if found else None

    @strawberry.field(
        description="Its sections (内设科室) by name; 'status' keeps those of one status only."
    )
    async def sections(
        self, info: Info, status: DepartmentStatus | None = None
    ) -> list[Department]:
        found = await info.context.department_sections.load(parse_id(self.id))
        return [
            Department.from_domain(section)
            for section in found
            if status is None or section.status is status
        ]

    @strawberry.field(
        description="The division it serves: a district for a bureau, a subdistrict or town "
        "for a subdistrict office, any division for an outside party."
    )
    async def division(self, info: Info) -> Division:
        found = await info.context.divisions.load(parse_id(self.division_id))
        assert found is not None  # divisions are never deleted
        return Division.from_domain(found)

    @strawberry.field(description="The registered unit an outside party is, if linked.")
    async def unit(self, info: Info) -> Unit | None:
        if self.unit_id is None:
            return None
        found = await info.context.units.load(parse_id(self.unit_id))
        return Unit.from_domain(found) if found else None


@strawberry.input(description="A new department.")
class CreateDepartmentInput:
    name: str = strawberry.field(description="Name, unique among the division's departments.")
    kind: DepartmentKind = strawberry.field(description="Kind of department.")
    division_id: strawberry.ID = strawberry.field(
        description="The division it serves: a district for a bureau, a subdistrict or town "
        "for a subdistrict office; a section serves its parent's division or one inside it."
    )
    parent_id: strawberry.ID | None = strawberry.field(
        default=None, description="The department a section belongs to (sections only)."
    )
    categories: list[str] = strawberry.field(
        default_factory=list,
        description=f"The case categories it takes, {_CATEGORIES}; duplicates are dropped.",
    )
    unit_id: strawberry.ID | None = strawberry.field(
        default=None, description="The registered unit an outside party is (outside parties only)."
    )
    phone: str | None = strawberry.field(default=None, description="Office phone number.")
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> CreateDepartment:
        """The command this input asks for."""
        return CreateDepartment(
            name=self.name,
            kind=self.kind,
            division_id=parse_id(self.division_id, what="divisionId"),
            parent_id=parse_id(self.parent_id, what="parentId") if self.parent_id else None,
            categories=tuple(self.categories),
            unit_id=parse_id(self.unit_id, what="unitId") if self.unit_id else None,
            phone=self.phone,
        )


@strawberry.input(description="Changes to a department; omitted fields stay as they are.")
class UpdateDepartmentInput:
    department_id: strawberry.ID = strawberry.field(description="The department.")
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    categories: list[str] | None = strawberry.field(
        default=strawberry.UNSET,
        description=f"The whole new list of case categories it takes, {_CATEGORIES}.",
    )
    phone: str | None = strawberry.field(
        default=strawberry.UNSET, description="New office phone number (null removes it)."
    )

    def to_command(self) -> UpdateDepartment:
        """The command this input asks for."""
        categories = given(self.categories, "categories")
        return UpdateDepartment(
            department_id=parse_id(self.department_id, what="departmentId"),
            name=given(self.name, "name"),
            categories=categories if categories is domain.UNCHANGED else tuple(categories),
            phone=nullable(self.phone),
        )


@strawberry.input(description="Which departments to list; omitted fields do not filter.")
class DepartmentFilterInput:
    division_code: str | None = strawberry.field(
        default=None,
        description="Departments serving the division with this code or one inside it.",
    )
    kind: DepartmentKind | None = strawberry.field(default=None, description="Of this kind.")
    category: str | None = strawberry.field(
        default=None, description="Taking this case category code."
    )
    status: DepartmentStatus | None = strawberry.field(
        default=None, description="Of this status (both when omitted)."
    )

    def to_filter(self) -> DepartmentFilter:
        """The read filter this input asks for."""
        return DepartmentFilter(
            division_code=None
            if self.division_code is None
            else domain.validate_any_division_code(self.division_code),
            kind=self.kind,
            category=self.category,
            status=self.status,
        )


@strawberry.type
class DepartmentQuery:
    @strawberry.field(description="A department by id.")
    async def department(self, info: Info, id: strawberry.ID) -> Department | None:
        found = await info.context.departments.load(parse_id(id, what="id"))
        return Department.from_domain(found) if found else None

    @strawberry.field(description="Departments by name, filtered. " + PAGE_ARGS)
    async def departments(
        self,
        info: Info,
        filter: DepartmentFilterInput | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[Department]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = filter.to_filter() if filter else DepartmentFilter()
        page = await info.context.department_reads.list_departments(where, request)
        return Connection.build(page, request, key=department_key, node=Department.from_domain)


@strawberry.type
class DepartmentMutation:
    @strawberry.mutation(description="Set up a department that takes cases.")
    async def create_department(self, info: Info, input: CreateDepartmentInput) -> Department:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("createDepartment", command, input.client_mutation_id)
        department = await apply_once(
            lambda: handlers.create_department(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=lambda department_id: handlers.created_department(
                department_id, context.unit_of_work(), context.caller
            ),
        )
        return Department.from_domain(department)

    @strawberry.mutation(description="Rename a department, change its categories or phone.")
    async def update_department(self, info: Info, input: UpdateDepartmentInput) -> Department:
        context = info.context
        department = await handlers.update_department(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return Department.from_domain(department)

    @strawberry.mutation(
        description="Dissolve a department (撤销) once its sections are dissolved; it keeps "
        "its history."
    )
    async def dissolve_department(self, info: Info, id: strawberry.ID) -> Department:
        context = info.context
        command = DissolveDepartment(department_id=parse_id(id))
        department = await handlers.dissolve_department(
            command, context.unit_of_work(), context.caller
        )
        return Department.from_domain(department)

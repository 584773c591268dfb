"""The case catalogue (案件类别) and the working-day calendar in GraphQL.

A category says what a report in it must tell (typed attributes, like an Open311 service
definition), how many working days each priority gets, and when a case is accepted and closed.
The calendar is the State Council's (public holidays and 调休 working days), with overrides a
district keeper sets; ``workingDaysAfter`` lets a client show a due date before dispatching.
"""

from __future__ import annotations

from datetime import date
from typing import Self

import strawberry

from cases.commands.catalogue import ClearCalendarDay, DefineCategory, SetCalendarDay
from cases.domain.category import AttributeDefinition, Category, Choice
from cases.domain.kinds import AttributeType, Priority
from cases.handlers import catalogue
from cases.schema.context import Info
from gridkit.errors import InvalidInput

__all__ = ["CaseCategory", "CatalogueMutation", "CatalogueQuery"]


@strawberry.type(description="One allowed answer of a choice attribute.")
class AttributeChoice:
    key: str = strawberry.field(description="What a report sends.")
    name: str = strawberry.field(description="What a person reads.")


@strawberry.type(description="A piece of information a category asks of every report in it.")
class CategoryAttribute:
    code: str = strawberry.field(description="The attribute's key in a report's attributes.")
    name: str = strawberry.field(description="Its name, as shown on a form.")
    description: str | None = strawberry.field(description="What to fill in.")
    type: AttributeType = strawberry.field(description="The type its value must have.")
    required: bool = strawberry.field(description="Whether a report must give it.")
    order: int = strawberry.field(description="Where it comes on a form (ascending).")
    choices: list[AttributeChoice] = strawberry.field(
        description="The allowed answers of a choice attribute (empty otherwise)."
    )

    @classmethod
    def from_domain(cls, attribute: AttributeDefinition) -> Self:
        """The GraphQL view of an attribute definition."""
        return cls(
            code=attribute.code,
            name=attribute.name,
            description=attribute.description,
            type=attribute.type,
            required=attribute.required,
            order=attribute.order,
            choices=[AttributeChoice(key=c.key, name=c.name) for c in attribute.choices],
        )


@strawberry.type(description="The working days a case of one priority gets after dispatch.")
class TimeLimit:
    priority: Priority = strawberry.field(description="The priority.")
    working_days: int = strawberry.field(description="Working days from dispatch to the deadline.")


@strawberry.type(
    name="CaseCategory",
    description="A category of the case catalogue (like an Open311 service definition).",
)
class CaseCategory:
    code: str = strawberry.field(description="The category's code, e.g. ELEVATOR.")
    name: str = strawberry.field(description="Its name, e.g. 电梯故障与噪音.")
    description: str | None = strawberry.field(description="What it covers.")
    attributes: list[CategoryAttribute] = strawberry.field(
        description="What a report in it must or may tell, in form order."
    )
    time_limits: list[TimeLimit] = strawberry.field(
        description="Working days from dispatch to the deadline, per priority."
    )
    acceptance_conditions: str | None = strawberry.field(
        description="When a report is accepted (立案条件)."
    )
    closing_conditions: str | None = strawberry.field(
        description="When a case is closed (结案条件)."
    )
    active: bool = strawberry.field(description="Whether new cases may be reported in it.")

    @classmethod
    def from_domain(cls, category: Category) -> Self:
        """The GraphQL view of a category."""
        return cls(
            code=category.code,
            name=category.name,
            description=category.description,
            attributes=[
                CategoryAttribute.from_domain(a)
                for a in sorted(category.attributes, key=lambda a: a.order)
            ],
            time_limits=[
                TimeLimit(priority=priority, working_days=category.time_limit(priority))
                for priority in Priority
            ],
            acceptance_conditions=category.acceptance_conditions,
            closing_conditions=category.closing_conditions,
            active=category.active,
        )


@strawberry.input(description="One allowed answer of a choice attribute.")
class AttributeChoiceInput:
    key: str = strawberry.field(description="What a report sends: letters, digits, _.")
    name: str = strawberry.field(description="What a person reads.")


@strawberry.input(description="An attribute a category asks of its reports.")
class CategoryAttributeInput:
    code: str = strawberry.field(description="Lower-case key, e.g. building.")
    name: str = strawberry.field(description="Its name on a form.")
    type: AttributeType = strawberry.field(description="The type its value must have.")
    required: bool = strawberry.field(default=False, description="Whether reports must give it.")
    order: int = strawberry.field(default=0, description="Where it comes on a form.")
    description: str | None = strawberry.field(default=None, description="What to fill in.")
    choices: list[AttributeChoiceInput] = strawberry.field(
        default_factory=list, description="The allowed answers (choice types only)."
    )


@strawberry.input(description="Working days after dispatch for one priority.")
class TimeLimitInput:
    priority: Priority = strawberry.field(description="The priority.")
    working_days: int = strawberry.field(description="1 to 365; URGENT ≤ HIGH ≤ NORMAL.")


@strawberry.input(description="A category to add to the catalogue, or to replace by its code.")
class DefineCategoryInput:
    code: str = strawberry.field(description="Upper-case code, e.g. ELEVATOR.")
    name: str = strawberry.field(description="Its name.")
    time_limits: list[TimeLimitInput] = strawberry.field(description="One per priority.")
    description: str | None = strawberry.field(default=None, description="What it covers.")
    attributes: list[CategoryAttributeInput] = strawberry.field(
        default_factory=list, description="What its reports tell."
    )
    acceptance_conditions: str | None = strawberry.field(
        default=None, description="When a report is accepted."
    )
    closing_conditions: str | None = strawberry.field(
        default=None, description="When a case is closed."
    )
    active: bool = strawberry.field(default=True, description="Whether it takes new cases.")

    def to_command(self) -> DefineCategory:
        """The command this input asks for (the domain validates the definition)."""
        return DefineCategory(
            category=Category(
                code=self.code,
                name=self.name,
                description=self.description,
                attributes=tuple(
                    AttributeDefinition(
                        code=a.code,
                        name=a.name,
                        description=a.description,
                        type=a.type,
                        required=a.required,
                        order=a.order,
                        choices=tuple(Choice(key=c.key, name=c.name) for c in a.choices),
                    )
                    for a in self.attributes
                ),
                time_limits={limit.priority: limit.working_days for limit in self.time_limits},
                acceptance_conditions=self.acceptance_conditions,
                closing_conditions=self.closing_conditions,
                active=self.active,
            )
        )


@strawberry.type(description="A day of the working-day calendar cases' deadlines count on.")
class CalendarDay:
    day: date = strawberry.field(description="The day.")
    working: bool = strawberry.field(description="Whether it is a working day.")
    overridden: bool = strawberry.field(
        description="Whether the service's own override decides it, not the State Council's "
        "calendar."
    )


@strawberry.type
class CatalogueQuery:
    @strawberry.field(
        description="The case catalogue in code order; withdrawn categories only "
        "when includeInactive."
    )
    async def case_categories(
        self, info: Info, include_inactive: bool = False
    ) -> list[CaseCategory]:
        categories = await info.context.category_reads.categories(include_inactive=include_inactive)
        return [CaseCategory.from_domain(category) for category in categories]

    @strawberry.field(description="One category by its code.")
    async def case_category(self, info: Info, code: str) -> CaseCategory | None:
        category = await info.context.categories.load(code)
        return CaseCategory.from_domain(category) if category else None

    @strawberry.field(
        description="The working day that comes ``days`` working days after ``start`` (start "
        "itself never counts): the due date a dispatch on ``start`` would get."
    )
    async def working_days_after(self, info: Info, start: date, days: int) -> date:
        calendar = await info.context.calendar()
        return calendar.add_working_days(start, days)

    @strawberry.field(
        description="The days from ``start`` to ``end`` (at most 366), working or not."
    )
    async def calendar_days(self, info: Info, start: date, end: date) -> list[CalendarDay]:
        calendar = await info.context.calendar()
        return [
            CalendarDay(
                day=day,
                working=calendar.is_working_day(day),
                overridden=day in calendar.overrides,
            )
            for day in _days(start, end)
        ]


def _days(start: date, end: date) -> list[date]:
    span = end.toordinal() - start.toordinal()
    if span < 0 or span > 365:
        raise InvalidInput("Ask for at most 366 days, the end on or after the start")
    return [date.fromordinal(start.toordinal() + offset) for offset in range(span + 1)]


@strawberry.type
class CatalogueMutation:
    @strawberry.mutation(
        description="Add a category, or replace the one with its code (ADMIN, or an officer "
        "with district scope). Cases already reported keep what they were given."
    )
    async def define_case_category(self, info: Info, input: DefineCategoryInput) -> CaseCategory:
        context = info.context
        category = await catalogue.define_category(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return CaseCategory.from_domain(category)

    @strawberry.mutation(
        description="Make a day a working day or a day off whatever the State Council calendar "
        "says (a year the library does not know yet, a local arrangement)."
    )
    async def set_calendar_day(
        self, info: Info, day: date, working: bool, note: str
    ) -> CalendarDay:
        context = info.context
        await catalogue.set_calendar_day(
            SetCalendarDay(day=day, working=working, note=note),
            context.unit_of_work(),
            context.caller,
        )
        return CalendarDay(day=day, working=working, overridden=True)

    @strawberry.mutation(description="Let a day follow the State Council calendar again.")
    async def clear_calendar_day(self, info: Info, day: date) -> bool:
        context = info.context
        return await catalogue.clear_calendar_day(
            ClearCalendarDay(day=day), context.unit_of_work(), context.caller
        )

"""Follow-up watches (持续关注) in GraphQL: a closed case checked at intervals for a while.

"The west lift of building 1, checked weekly for 8 weeks": a watch with a 7-day interval and 8
planned checks. A failed check fails the watch and reopens its case.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, Self

import strawberry

from cases.commands.cases import RecordWatchCheck, StartWatch
from cases.domain.kinds import WatchStatus
from cases.domain.watch import Watch as WatchModel
from cases.handlers import watches
from cases.schema.context import Info
from gridkit.graphql.idempotency import ClientMutationId
from gridkit.graphql.ids import parse_id
from gridkit.idempotency import apply_once

if TYPE_CHECKING:
    from cases.schema.cases import Case


@strawberry.type(description="One check of a watch.")
class WatchCheck:
    checked_on: date = strawberry.field(description="The day it was made.")
    passed: bool = strawberry.field(description="Whether all was well.")
    note: str | None = strawberry.field(description="What was found.")
    by_name: str = strawberry.field(description="Who checked.")


@strawberry.type(description="A follow-up watch (持续关注) on a closed case.")
class Watch:
    id: strawberry.ID
    subject: str = strawberry.field(description="What is watched, e.g. 1号楼西侧电梯.")
    status: WatchStatus = strawberry.field(description="ACTIVE, COMPLETED or FAILED.")
    started_on: date = strawberry.field(description="Its first day.")
    interval_days: int = strawberry.field(description="Days between checks.")
    checks_planned: int = strawberry.field(description="How many checks it takes.")
    next_check_on: date | None = strawberry.field(
        description="When the next check is due (null once it ended)."
    )
    checks: list[WatchCheck] = strawberry.field(description="The checks made, oldest first.")
    case_id: strawberry.Private[str]

    @classmethod
    def from_domain(cls, watch: WatchModel) -> Self:
        """The GraphQL view of a watch."""
        return cls(
            id=strawberry.ID(str(watch.id)),
            subject=watch.subject,
            status=watch.status,
            started_on=watch.started_on,
            interval_days=watch.interval_days,
            checks_planned=watch.checks_planned,
            next_check_on=watch.next_check_on,
            checks=[
                WatchCheck(
                    checked_on=check.checked_on,
                    passed=check.passed,
                    note=check.note,
                    by_name=check.by.name,
                )
                for check in watch.checks
            ],
            case_id=str(watch.case_id),
        )

    @strawberry.field(description="The case it follows up.")
    async def case(
        self, info: Info
    ) -> Annotated[Case, strawberry.lazy("cases.schema.cases")] | None:
        from cases.schema.cases import readable

        return readable(info.context.caller, await info.context.cases.load(parse_id(self.case_id)))


@strawberry.input(description="A watch to start on a closed case.")
class StartWatchInput:
    case_id: strawberry.ID = strawberry.field(description="The closed case.")
    subject: str = strawberry.field(description="What is watched.")
    interval_days: int = strawberry.field(description="Days between checks (1 to 90).")
    checks_planned: int = strawberry.field(description="How many checks (1 to 52).")
    starts_on: date | None = strawberry.field(default=None, description="Today when left out.")
    client_mutation_id: ClientMutationId = None

    def to_command(self) -> StartWatch:
        """The command this input asks for."""
        return StartWatch(
            case_id=parse_id(self.case_id, what="caseId"),
            subject=self.subject,
            interval_days=self.interval_days,
            checks_planned=self.checks_planned,
            starts_on=self.starts_on,
        )


@strawberry.type
class WatchQuery:
    @strawberry.field(
        description="A watch by id; null when it does not exist or its case lies outside "
        "what the caller may read."
    )
    async def watch(self, info: Info, id: strawberry.ID) -> Watch | None:
        from cases.schema.cases import readable

        watch = await info.context.watch_reads.find(parse_id(id))
        if watch is None:
            return None
        case = readable(info.context.caller, await info.context.cases.load(watch.case_id))
        return Watch.from_domain(watch) if case else None


@strawberry.type
class WatchMutation:
    @strawberry.mutation(
        description="Start a follow-up watch (持续关注) on a closed case: an officer, or a "
        "handler of an assigned department."
    )
    async def start_watch(self, info: Info, input: StartWatchInput) -> Watch:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("startWatch", command, input.client_mutation_id)
        watch = await apply_once(
            lambda: watches.start_watch(
                command, context.unit_of_work().once(key), context.caller, now=context.now
            ),
            replay=context.watch_reads.watch,
        )
        return Watch.from_domain(watch)

    @strawberry.mutation(
        description="Record one check of a watch; a failed check (say what was found) fails "
        "the watch and reopens the case. A retry with the same clientMutationId records the "
        "check once."
    )
    async def record_watch_check(
        self,
        info: Info,
        watch_id: strawberry.ID,
        passed: bool,
        note: str | None = None,
        checked_on: date | None = None,
        client_mutation_id: ClientMutationId = None,
    ) -> Watch:
        context = info.context
        command = RecordWatchCheck(
            watch_id=parse_id(watch_id, what="watchId"),
            passed=passed,
            note=note,
            checked_on=checked_on,
        )
        key = context.idempotency_key("recordWatchCheck", command, client_mutation_id)
        watch = await apply_once(
            lambda: watches.record_check(
                command, context.unit_of_work().once(key), context.caller, now=context.now
            ),
            replay=context.watch_reads.watch,
        )
        return Watch.from_domain(watch)

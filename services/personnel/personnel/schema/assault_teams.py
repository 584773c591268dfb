"""Party-building assault teams (党建突击队) in GraphQL: the team, its queries and mutations."""

from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

import strawberry

from gridkit.domain import UNCHANGED
from gridkit.graphql.idempotency import ClientMutationId, client_mutation_id
from gridkit.graphql.ids import parse_id
from gridkit.graphql.inputs import given, nullable
from gridkit.graphql.pagination import Connection, PageRequest
from gridkit.idempotency import apply_once
from personnel.commands.assault_teams import (
    ActivateAssaultTeam,
    AddAssaultTeamMember,
    DisbandAssaultTeam,
    FormAssaultTeam,
    RemoveAssaultTeamMember,
    UpdateAssaultTeam,
)
from personnel.domain.assault_team import AssaultTeam as TeamModel
from personnel.domain.kinds import AssaultTeamStatus
from personnel.handlers import assault_teams
from personnel.repository.assault_teams import AssaultTeamFilter, team_key
from personnel.schema.context import Info
from personnel.schema.people import Person, load_person

strawberry.enum(
    AssaultTeamStatus,
    description="Where an assault team stands: FORMING, ACTIVE at its key task, DISBANDED.",
)


@strawberry.type(
    description="A party-building assault team (党建突击队): members gathered around one key "
    "task for a while, under a leader who is always a member."
)
class AssaultTeam:
    id: strawberry.ID
    name: str = strawberry.field(description="The team's name.")
    mission: str = strawberry.field(description="What the team is for.")
    key_task: str = strawberry.field(description="The key task it works on.")
    starts_on: date = strawberry.field(description="First day of its period.")
    ends_on: date | None = strawberry.field(description="Last day of its period, if set.")
    status: AssaultTeamStatus = strawberry.field(description="Where the team stands.")
    division_code: str | None = strawberry.field(description="The division it works in.")
    disbanded_on: date | None = strawberry.field(description="The day it was stood down.")
    disband_reason: str | None = strawberry.field(description="Why it was stood down.")
    leader_id: strawberry.Private[UUID]
    member_ids: strawberry.Private[list[UUID]]

    @classmethod
    def from_domain(cls, team: TeamModel) -> Self:
        """The GraphQL view of a team."""
        return cls(
            id=strawberry.ID(str(team.id)),
            name=team.name,
            mission=team.mission,
            key_task=team.key_task,
            starts_on=team.starts_on,
            ends_on=team.ends_on,
            status=team.status,
            division_code=team.division_code,
            disbanded_on=team.disbanded_on,
            disband_reason=team.disband_reason,
            leader_id=team.leader_id,
            member_ids=list(team.member_ids),
        )

    @strawberry.field(description="The team leader, one of its members.")
    async def leader(self, info: Info) -> Person:
        return await load_person(info, self.leader_id)

    @strawberry.field(description="The members in the order they joined, the first leader first.")
    async def members(self, info: Info) -> list[Person]:
        found = await info.context.people.load_many(self.member_ids)
        return [Person.shown_to(info, person) for person in found if person is not None]

    @strawberry.field(description="How many members the team has.")
    def member_count(self) -> int:
        return len(self.member_ids)


@strawberry.type
class AssaultTeamQuery:
    @strawberry.field(description="An assault team by id.")
    async def assault_team(self, info: Info, id: strawberry.ID) -> AssaultTeam | None:
        team = await info.context.assault_teams.load(parse_id(id))
        return AssaultTeam.from_domain(team) if team else None

    @strawberry.field(
        description="Assault teams by name, filtered by division (code prefix), status and "
        "member. Relay pagination."
    )
    async def assault_teams(
        self,
        info: Info,
        division_code: str | None = None,
        status: AssaultTeamStatus | None = None,
        member_id: strawberry.ID | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[AssaultTeam]:
        request = PageRequest.from_args(
            first=first, after=after, last=last, before=before, info=info
        )
        where = AssaultTeamFilter(
            division_code=division_code,
            status=status,
            member_id=parse_id(member_id, what="memberId") if member_id else None,
        )
        page = await info.context.assault_team_reads.list_teams(where, request)
        return Connection.build(page, request, key=team_key, node=AssaultTeam.from_domain)


@strawberry.input(description="A new assault team.")
class FormAssaultTeamInput:
    name: str = strawberry.field(description="The team's name.")
    mission: str = strawberry.field(description="What the team is for (up to 500 characters).")
    key_task: str = strawberry.field(description="The key task (up to 200 characters).")
    starts_on: date = strawberry.field(description="First day of its period.")
    leader_id: strawberry.ID = strawberry.field(description="The leader, its first member.")
    ends_on: date | None = strawberry.field(default=None, description="Last day, if set.")
    member_ids: list[strawberry.ID] = strawberry.field(
        default_factory=list, description="Further members, in joining order."
    )
    division_code: str | None = strawberry.field(
        default=None, description="The division it works in."
    )
    client_mutation_id: str | None = client_mutation_id()

    def to_command(self) -> FormAssaultTeam:
        """The command this input asks for."""
        return FormAssaultTeam(
            name=self.name,
            mission=self.mission,
            key_task=self.key_task,
            starts_on=self.starts_on,
            leader_id=parse_id(self.leader_id, what="leaderId"),
            ends_on=self.ends_on,
            member_ids=tuple(parse_id(m, what="memberIds") for m in self.member_ids),
            division_code=self.division_code,
        )


@strawberry.input(description="Changes to a team; omitted fields stay, null clears endsOn.")
class UpdateAssaultTeamInput:
    id: strawberry.ID
    name: str | None = strawberry.field(default=strawberry.UNSET, description="New name.")
    mission: str | None = strawberry.field(default=strawberry.UNSET, description="New mission.")
    key_task: str | None = strawberry.field(default=strawberry.UNSET, description="New key task.")
    starts_on: date | None = strawberry.field(
        default=strawberry.UNSET, description="New first day."
    )
    ends_on: date | None = strawberry.field(
        default=strawberry.UNSET, description="New last day (null: open-ended)."
    )
    leader_id: strawberry.ID | None = strawberry.field(
        default=strawberry.UNSET, description="New leader; joins the team if not a member."
    )
    division_code: str | None = strawberry.field(
        default=strawberry.UNSET, description="New division (null: none)."
    )

    def to_command(self) -> UpdateAssaultTeam:
        """The command this input asks for."""
        leader = given(self.leader_id, "leaderId")
        return UpdateAssaultTeam(
            team_id=parse_id(self.id),
            name=given(self.name, "name"),
            mission=given(self.mission, "mission"),
            key_task=given(self.key_task, "keyTask"),
            starts_on=given(self.starts_on, "startsOn"),
            ends_on=nullable(self.ends_on),
            leader_id=UNCHANGED if leader is UNCHANGED else parse_id(leader, what="leaderId"),
            division_code=nullable(self.division_code),
        )


def _activate(id: strawberry.ID) -> ActivateAssaultTeam:
    """The command activateAssaultTeam's arguments ask for."""
    return ActivateAssaultTeam(team_id=parse_id(id))


def _add_member(id: strawberry.ID, person_id: strawberry.ID) -> AddAssaultTeamMember:
    """The command addAssaultTeamMember's arguments ask for."""
    return AddAssaultTeamMember(
        team_id=parse_id(id), person_id=parse_id(person_id, what="personId")
    )


def _remove_member(id: strawberry.ID, person_id: strawberry.ID) -> RemoveAssaultTeamMember:
    """The command removeAssaultTeamMember's arguments ask for."""
    return RemoveAssaultTeamMember(
        team_id=parse_id(id), person_id=parse_id(person_id, what="personId")
    )


def _disband(id: strawberry.ID, on: date, reason: str) -> DisbandAssaultTeam:
    """The command disbandAssaultTeam's arguments ask for."""
    return DisbandAssaultTeam(team_id=parse_id(id), on=on, reason=reason)


@strawberry.type
class AssaultTeamMutation:
    @strawberry.mutation(description="Form an assault team; the leader is its first member.")
    async def form_assault_team(self, info: Info, input: FormAssaultTeamInput) -> AssaultTeam:
        context = info.context
        command = input.to_command()
        key = context.idempotency_key("formAssaultTeam", command, input.client_mutation_id)
        team = await apply_once(
            lambda: assault_teams.form_assault_team(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=context.assault_team_reads.team,
        )
        return AssaultTeam.from_domain(team)

    @strawberry.mutation(description="Change some of a team's details (not once disbanded).")
    async def update_assault_team(self, info: Info, input: UpdateAssaultTeamInput) -> AssaultTeam:
        context = info.context
        team = await assault_teams.update_assault_team(
            input.to_command(), context.unit_of_work(), context.caller
        )
        return AssaultTeam.from_domain(team)

    @strawberry.mutation(description="Put a forming team to work.")
    async def activate_assault_team(self, info: Info, id: strawberry.ID) -> AssaultTeam:
        context = info.context
        team = await assault_teams.activate_assault_team(
            _activate(id), context.unit_of_work(), context.caller
        )
        return AssaultTeam.from_domain(team)

    @strawberry.mutation(description="Add a person to a team.")
    async def add_assault_team_member(
        self,
        info: Info,
        id: strawberry.ID,
        person_id: strawberry.ID,
        client_mutation_id: ClientMutationId = None,
    ) -> AssaultTeam:
        context = info.context
        command = _add_member(id, person_id)
        key = context.idempotency_key("addAssaultTeamMember", command, client_mutation_id)
        team = await apply_once(
            lambda: assault_teams.add_assault_team_member(
                command, context.unit_of_work().once(key), context.caller
            ),
            replay=context.assault_team_reads.team,
        )
        return AssaultTeam.from_domain(team)

    @strawberry.mutation(
        description="Take a person off a team; the leader stays until another is named."
    )
    async def remove_assault_team_member(
        self, info: Info, id: strawberry.ID, person_id: strawberry.ID
    ) -> AssaultTeam:
        context = info.context
        team = await assault_teams.remove_assault_team_member(
            _remove_member(id, person_id), context.unit_of_work(), context.caller
        )
        return AssaultTeam.from_domain(team)

    @strawberry.mutation(
        description="Stand a team down; it stays on record and takes no more changes."
    )
    async def disband_assault_team(
        self, info: Info, id: strawberry.ID, on: date, reason: str
    ) -> AssaultTeam:
        context = info.context
        team = await assault_teams.disband_assault_team(
            _disband(id, on, reason), context.unit_of_work(), context.caller
        )
        return AssaultTeam.from_domain(team)

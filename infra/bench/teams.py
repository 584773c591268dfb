"""A small team on each measured grid, so the enriched page's personnel fields carry data.

org's seed fills org's database only; personnel keeps no demo data. Without teams, personnel
would answer empty ``staff`` lists and null leaders, and the enriched page would measure an
empty lookup. So the bench gives each of the 100 grids a grid leader (网格长) and a grid
worker (网格员) through personnel's own API, once: a grid that already has both is left alone,
every person has a deterministic resident ID number (a second registration finds the first),
and every mutation carries a ``clientMutationId``, so a rerun creates nothing twice.

personnel learns grids from org's events; a grid it does not know yet is retried for a while.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import aiohttp
import orjson

from infra.bench.queries import TEAM_OF_GRIDS, representations

REGION = "370112"  # Licheng District: where the seed's grids lie
CHECK_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARACTERS = "10X98765432"
SURNAMES = "王李张刘陈杨赵黄周吴"
GIVEN_NAMES = "伟芳娜敏静丽强磊军洋"
ROLES = ("GRID_LEADER", "GRID_WORKER")
STARTS_ON = "2024-01-01"
UNKNOWN_GRID_PATIENCE_SECONDS = 30.0
IN_FLIGHT = 4

REGISTER = """mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }"""
ASSIGN = """mutation($person: ID!, $grid: ID!, $role: GridRole!, $on: Date!, $key: String) {
  assignToGrid(personId: $person, gridId: $grid, role: $role, startsOn: $on,
               clientMutationId: $key) { id } }"""

Say = Callable[[str], None]


class TeamError(RuntimeError):
    """personnel refused or failed a write the bench needs; the message shows its answer."""


@dataclass(frozen=True)
class Member:
    """One bench team member: who, and where they serve."""

    grid_id: str
    grid_code: str
    role: str

    @property
    def national_id(self) -> str:
        """A valid 18-character resident ID number, unique to this grid and role.

        The birth date encodes the grid's subdistrict and community (communities number from
        001, villages from 201), the sequence number its grid number and the role, so no two
        members share a number.
        """
        subdistrict, community, grid = (int(self.grid_code[i : i + 3]) for i in (6, 9, 12))
        born = date(1950, 1, 1) + timedelta(days=subdistrict * 500 + community % 500)
        sequence = (grid % 500) * 2 + ROLES.index(self.role) + 1
        body = f"{REGION}{born:%Y%m%d}{sequence:03d}"
        check = sum(int(digit) * weight for digit, weight in zip(body, CHECK_WEIGHTS, strict=True))
        return body + CHECK_CHARACTERS[check % 11]

    @property
    def name(self) -> str:
        """A plausible name, deterministic like the number."""
        n = int(self.national_id[6:17])
        return SURNAMES[n % 10] + GIVEN_NAMES[(n // 7) % 10] + GIVEN_NAMES[(n // 131) % 10]

    @property
    def phone(self) -> str:
        """A mobile number (stored encrypted, answered masked)."""
        return "139" + self.national_id[9:17]


async def ensure_teams(
    http: aiohttp.ClientSession,
    personnel_url: str,
    headers: dict[str, str],
    grids: list[tuple[str, str]],
    *,
    say: Say,
) -> int:
    """Give each ``(id, code)`` grid a leader and a worker unless it has them; how many added."""
    missing = await _missing_members(http, personnel_url, headers, grids)
    if not missing:
        return 0
    say(f"giving {len(missing)} team roles on the measured grids (once; reruns skip this) ...")
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def add(member: Member) -> bool:
        async with gate:
            return await _add_member(http, personnel_url, headers, member)

    added = await asyncio.gather(*(add(member) for member in missing))
    skipped = added.count(False)
    if skipped:
        say(f"{skipped} of those grids are retired: no one can join their teams")
    return added.count(True)


async def _missing_members(
    http: aiohttp.ClientSession,
    url: str,
    headers: dict[str, str],
    grids: list[tuple[str, str]],
) -> list[Member]:
    variables = {"representations": representations([grid_id for grid_id, _ in grids])}
    data, errors = await _post(http, url, headers, TEAM_OF_GRIDS, variables)
    if errors or data is None:
        raise TeamError(f"cannot read the grids' teams from personnel: {_shown(errors)}")
    missing = []
    for (grid_id, code), entity in zip(grids, data["_entities"], strict=True):
        held = {assignment["role"] for assignment in (entity or {}).get("staff") or []}
        missing += [Member(grid_id, code, role) for role in ROLES if role not in held]
    return missing


async def _add_member(
    http: aiohttp.ClientSession, url: str, headers: dict[str, str], member: Member
) -> bool:
    """Register the member (or find them) and assign them; False when the grid is retired."""
    person_id = await _register(http, url, headers, member)
    variables = {
        "person": person_id,
        "grid": member.grid_id,
        "role": member.role,
        "on": STARTS_ON,
        "key": f"bench-assign-{member.national_id}-{member.grid_id}",
    }
    patience = time.monotonic() + UNKNOWN_GRID_PATIENCE_SECONDS
    while True:
        _, errors = await _post(http, url, headers, ASSIGN, variables)
        code = _code(errors)
        if code is None or code in {"ASSIGNMENT_DUPLICATE", "ASSIGNMENT_ROLE_TAKEN"}:
            return True
        if code == "GRID_RETIRED":
            return False
        if code != "GRID_NOT_FOUND" or time.monotonic() > patience:
            raise TeamError(
                f"cannot assign {member.role} to grid {member.grid_code}: {_shown(errors)}"
            )
        await asyncio.sleep(0.5)  # personnel has not yet consumed org's event for this grid


async def _register(
    http: aiohttp.ClientSession, url: str, headers: dict[str, str], member: Member
) -> str:
    """The member's person id: registered now, or found by their ID number."""
    person = {
        "name": member.name,
        "nationalId": member.national_id,
        "phone": member.phone,
        "divisionCode": member.grid_code[:12],
        "clientMutationId": f"bench-person-{member.national_id}",
    }
    data, errors = await _post(http, url, headers, REGISTER, {"input": person})
    if not errors and data is not None:
        registered: str = data["registerPerson"]["id"]
        return registered
    if _code(errors) == "PERSON_NATIONAL_ID_TAKEN":
        existing: str = errors[0]["extensions"]["details"]["person_id"]
        return existing
    raise TeamError(f"cannot register a member for grid {member.grid_code}: {_shown(errors)}")


async def _post(
    http: aiohttp.ClientSession,
    url: str,
    headers: dict[str, str],
    query: str,
    variables: dict[str, Any],
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """``data`` and ``errors`` of one request (a non-JSON answer becomes an error)."""
    body = orjson.dumps({"query": query, "variables": variables})
    async with http.post(url, data=body, headers=headers) as answer:
        content = await answer.read()
    try:
        document = orjson.loads(content)
    except orjson.JSONDecodeError:
        text = content[:300].decode(errors="replace")
        return None, [{"message": f"HTTP {answer.status}: {text}"}]
    return document.get("data"), document.get("errors") or []


def _code(errors: list[dict[str, Any]]) -> str | None:
    """The first error's ``extensions.code`` (``"?"`` when it has none), ``None`` for none."""
    if not errors:
        return None
    code: str = (errors[0].get("extensions") or {}).get("code", "?")
    return code


def _shown(errors: list[dict[str, Any]]) -> str:
    return orjson.dumps(errors[:2]).decode()[:400] if errors else "no data"

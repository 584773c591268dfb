"""Skill codes (技能): what a volunteer can do and what a shift needs, as short codes.

A code is 2 to 32 capital letters, digits and underscores, starting with a letter:
``FIRST_AID`` (急救), ``SIGN_LANGUAGE`` (手语), ``LEGAL_ADVICE`` (法律咨询). Codes are
trimmed and upper-cased, so ``" first_aid "`` reads ``FIRST_AID``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from volunteers.domain.errors import InvalidSkill

__all__ = ["MAX_SKILLS", "skill_code", "skill_set"]

MAX_SKILLS = 50
"""Skills one volunteer or one shift may list."""
_CODE = re.compile(r"[A-Z][A-Z0-9_]{1,31}")


def skill_code(value: object) -> str:
    """One skill code, trimmed and upper-cased."""
    code = value.strip().upper() if isinstance(value, str) else None
    if code is None or not _CODE.fullmatch(code):
        raise InvalidSkill(
            "A skill code is 2 to 32 capital letters, digits and underscores starting with a "
            f"letter, such as FIRST_AID; got {value!r}",
            skill=str(value),
        )
    return code


def skill_set(values: Iterable[object]) -> frozenset[str]:
    """A set of skill codes; repeats collapse, at most :data:`MAX_SKILLS` remain."""
    if isinstance(values, str):
        raise InvalidSkill("Skills are a list of codes, not one text", skill=values)
    codes = frozenset(skill_code(value) for value in values)
    if len(codes) > MAX_SKILLS:
        raise InvalidSkill(
            f"{len(codes)} skills are listed; at most {MAX_SKILLS} are allowed",
            max_skills=MAX_SKILLS,
        )
    return codes

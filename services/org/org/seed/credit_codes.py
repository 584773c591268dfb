"""Unified social credit codes (统一社会信用代码) for the planned units."""

from __future__ import annotations

import random

from org.domain import UnitKind, credit_code_check_character
from org.seed.reference import DISTRICT_CODE

# First two characters of a credit code: registering authority and kind of body.
_CREDIT_CODE_PREFIX = {
    UnitKind.ENTERPRISE: "91",  # market regulation: enterprise
    UnitKind.PUBLIC_UNIT: "12",  # establishment office: public institution
    UnitKind.NEW_ECONOMIC_ORGANIZATION: "91",
    UnitKind.NEW_SOCIAL_ORGANIZATION: "52",  # civil affairs: private non-enterprise unit
}
_ORGANIZATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code(rng: random.Random, kind: UnitKind) -> str:
    """A valid unified social credit code registered in the district."""
    digits = [rng.randrange(10) for _ in _ORGANIZATION_CODE_WEIGHTS]
    check = 11 - sum(d * w for d, w in zip(digits, _ORGANIZATION_CODE_WEIGHTS, strict=True)) % 11
    organization_code = "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))
    body = _CREDIT_CODE_PREFIX[kind] + DISTRICT_CODE + organization_code
    return body + credit_code_check_character(body)

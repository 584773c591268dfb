"""Computed fields of the requires_shapes family.

Each @requires field is computed from the representation the gateway sent (the harness passes
the record merged with the representation). The required values live only in the data of the
subgraphs that own them, so a missing or wrongly shaped requirement answers an error, and a
requirement fetched with the wrong arguments answers visibly wrong numbers.
"""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLError

_MISSING = object()


def _need(source: dict[str, Any], field: str, *kinds: type) -> Any:
    """The required value `field` from the representation (None when the gateway sent null)."""
    value = source.get(field, _MISSING)
    if value is _MISSING:
        raise GraphQLError(f"requirement not met: {field}")
    if value is not None and kinds and not isinstance(value, kinds):
        raise GraphQLError(f"requirement not met: {field} got {value!r}")
    return value


def _sub(parent: Any, path: str, field: str, *kinds: type) -> Any:
    """A field of a required object value."""
    if not isinstance(parent, dict) or field not in parent:
        raise GraphQLError(f"requirement not met: {path}.{field} got {parent!r}")
    value = parent[field]
    if value is not None and kinds and not isinstance(value, kinds):
        raise GraphQLError(f"requirement not met: {path}.{field} got {value!r}")
    return value


def _postal_zone(source: dict[str, Any], args: dict[str, Any]) -> str:
    """levies: from address { city zip }."""
    address = _need(source, "address", dict)
    return f"{_sub(address, 'address', 'city', str)} / {_sub(address, 'address', 'zip', str)}"


def _ward_rate(source: dict[str, Any], args: dict[str, Any]) -> int:
    """levies: 12 per ward number, from address { district { ward } }."""
    district = _sub(_need(source, "address", dict), "address", "district", dict)
    return int(12 * _sub(district, "address.district", "ward", int))


def _owner_letter(source: dict[str, Any], args: dict[str, Any]) -> str | None:
    """levies: from owner { displayName ... on Cooperative { memberCount } }."""
    owner = _need(source, "owner", dict)
    if owner is None:
        return None
    name = _sub(owner, "owner", "displayName", str)
    if owner.get("__typename") == "Cooperative" or "memberCount" in owner:
        return f"Dear {_sub(owner, 'owner', 'memberCount', int)} members of {name}"
    return f"Dear {name}"


def _owner_initials(source: dict[str, Any], args: dict[str, Any]) -> str | None:
    """levies: from owner { ... on Owner { displayName } }."""
    owner = _need(source, "owner", dict)
    if owner is None:
        return None
    return "".join(word[0] for word in _sub(owner, "owner", "displayName", str).split())


def _address_label(source: dict[str, Any], args: dict[str, Any]) -> str:
    """levies: from address { ... on Address { city } zip city }."""
    address = _need(source, "address", dict)
    return f"{_sub(address, 'address', 'zip', str)} {_sub(address, 'address', 'city', str).upper()}"


def _land_tax(source: dict[str, Any], args: dict[str, Any]) -> int:
    """levies: half a credit per square foot, from area(unit: SQFT)."""
    return round(float(_need(source, "area", int, float)) * 0.5)


def _tag_levy(source: dict[str, Any], args: dict[str, Any]) -> int:
    """levies: 25 per tag, 100 more for listed buildings, from the tags list."""
    tags = _need(source, "tags", list)
    return 25 * len(tags) + (100 if "listed" in tags else 0)


def _letterhead(source: dict[str, Any], args: dict[str, Any]) -> str:
    """levies: from name (which levyNotices provides)."""
    return f"{_need(source, 'name', str).upper()} - levy office"


def _cleaning_fee(source: dict[str, Any], args: dict[str, Any]) -> int:
    """services: 2 per square metre, from area(unit: SQM)."""
    return round(float(_need(source, "area", int, float)) * 2)


def _risk_rating(source: dict[str, Any], args: dict[str, Any]) -> str:
    """services: from inspections(last: 2) { score }; more than two inspections is a wrong plan."""
    inspections = _need(source, "inspections", list)
    if len(inspections) > 2:
        raise GraphQLError(
            f"requirement not met: expected the last 2 inspections, got {len(inspections)}"
        )
    scores = [_sub(item, "inspections", "score", int) for item in inspections]
    average = sum(scores) / len(scores) if scores else 0
    band = "low" if average >= 75 else "medium" if average >= 60 else "high"
    return f"{band} risk ({len(scores)} inspections, avg {average:g})"


def _mailing_list(source: dict[str, Any], args: dict[str, Any]) -> str:
    """services: from residents { name } (names live in the people subgraph)."""
    residents = _need(source, "residents", list)
    names = [_sub(item, "residents", "name", str) for item in residents]
    return "; ".join(names) if names else "(nobody)"


def _steward_contact(source: dict[str, Any], args: dict[str, Any]) -> str | None:
    """services: from steward { ... on Person { displayName } ... on Council { chair seats } }."""
    steward = _need(source, "steward", dict)
    if steward is None:
        return None
    if "chair" in steward or steward.get("__typename") == "Council":
        chair = _sub(steward, "steward", "chair", str)
        return f"{chair}, chair of a {_sub(steward, 'steward', 'seats', int)}-seat council"
    return f"{_sub(steward, 'steward', 'displayName', str)} (resident steward)"


def _maintenance_band(source: dict[str, Any], args: dict[str, Any]) -> str:
    """services: from builtIn, which registry and heritage both resolve."""
    year = _need(source, "builtIn", int)
    if year is None:
        return "unknown"
    era = "heritage care" if year < 1900 else "standard" if year < 1970 else "modern"
    return f"{era} (built {year})"


RESOLVERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "levies.Building.postalZone": _postal_zone,
    "levies.Building.wardRate": _ward_rate,
    "levies.Building.ownerLetter": _owner_letter,
    "levies.Building.ownerInitials": _owner_initials,
    "levies.Building.addressLabel": _address_label,
    "levies.Building.landTax": _land_tax,
    "levies.Building.tagLevy": _tag_levy,
    "levies.Building.letterhead": _letterhead,
    "services.Building.cleaningFee": _cleaning_fee,
    "services.Building.riskRating": _risk_rating,
    "services.Building.mailingList": _mailing_list,
    "services.Building.stewardContact": _steward_contact,
    "services.Building.maintenanceBand": _maintenance_band,
}

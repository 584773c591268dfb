"""Computed fields of the requires_chains family.

Every @requires field is computed from the representation the gateway sent (the harness passes
the record merged with the representation). The values a field requires live only in the data of
the subgraph that owns them, so a plan that forgets a link of a chain answers `requirement not
met`, and a plan that sends a wrong value answers visibly wrong data.
"""

from collections.abc import Callable
from typing import Any

from graphql import GraphQLError

_MISSING = object()


def _need(source: dict[str, Any], field: str, *kinds: type) -> Any:
    """The required value `field` from the representation; None when the gateway sent null."""
    value = source.get(field, _MISSING)
    if value is _MISSING:
        raise GraphQLError(f"requirement not met: {field}")
    if value is not None and kinds and not isinstance(value, kinds):
        raise GraphQLError(f"requirement not met: {field} got {value!r}")
    return value


def _lift_load(source: dict[str, Any], args: dict[str, Any]) -> int:
    """metering: floors (registry) * 80 kg."""
    return int(_need(source, "floors", int) * 80)


def _lift_rating(source: dict[str, Any], args: dict[str, Any]) -> str:
    """registry: from liftLoad (metering), which needs registry's own floors."""
    load = _need(source, "liftLoad", int)
    return f"class {'B' if load >= 400 else 'A'} ({load} kg)"


def _lift_fee(source: dict[str, Any], args: dict[str, Any]) -> int:
    """billing: liftLoad (metering) / 8."""
    return int(_need(source, "liftLoad", int) // 8)


def _lift_relief(source: dict[str, Any], args: dict[str, Any]) -> int:
    """welfare: three quarters of liftFee (billing)."""
    return int(_need(source, "liftFee", int) * 3 // 4)


def _relief_notice(source: dict[str, Any], args: dict[str, Any]) -> str:
    """registry: end of floors -> liftLoad -> liftFee -> liftRelief."""
    return f"lift relief {_need(source, 'liftRelief', int)}/month"


def _energy_charge(source: dict[str, Any], args: dict[str, Any]) -> int | None:
    """billing: kwhUsage (metering) / 4; null when the meter reading is null."""
    usage = _need(source, "kwhUsage", int)
    return None if usage is None else usage // 4


def _standing_charge(source: dict[str, Any], args: dict[str, Any]) -> int:
    """billing: from metering's @inaccessible meterClass."""
    meter_class = _need(source, "meterClass", str)
    return {"C1": 5, "C2": 9, "C3": 14}.get(meter_class, -1)


def _per_unit_subsidy(source: dict[str, Any], args: dict[str, Any]) -> int | None:
    """welfare: energyCharge (billing) over units (registry)."""
    charge = _need(source, "energyCharge", int)
    units = _need(source, "units", int)
    return None if charge is None else charge // units


def _load_warning(source: dict[str, Any], args: dict[str, Any]) -> str:
    """welfare: peakKw (metering) against units (registry)."""
    peak = _need(source, "peakKw", int)
    units = _need(source, "units", int)
    return f"{peak} kW over {units} units: {'high' if peak > 2 * units else 'normal'}"


def _urgency_score(source: dict[str, Any], args: dict[str, Any]) -> int:
    """casework: severity plus a tenth of the building's perUnitSubsidy (null subsidy adds 0)."""
    severity = source["severity"]
    building = source.get("building")
    if building is None:
        return int(severity)
    if not isinstance(building, dict) or "perUnitSubsidy" not in building:
        raise GraphQLError(f"requirement not met: building.perUnitSubsidy got {building!r}")
    subsidy = building["perUnitSubsidy"]
    return int(severity + (subsidy or 0) // 10)


def _case_load(source: dict[str, Any], args: dict[str, Any]) -> str:
    """casework: open cases against units (registry)."""
    return f"{source['openCaseCount']} open for {_need(source, 'units', int)} units"


RESOLVERS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Any]] = {
    "metering.Building.liftLoad": _lift_load,
    "registry.Building.liftRating": _lift_rating,
    "billing.Building.liftFee": _lift_fee,
    "welfare.Building.liftRelief": _lift_relief,
    "registry.Building.reliefNotice": _relief_notice,
    "billing.Building.energyCharge": _energy_charge,
    "billing.Building.standingCharge": _standing_charge,
    "welfare.Building.perUnitSubsidy": _per_unit_subsidy,
    "welfare.Building.loadWarning": _load_warning,
    "casework.Case.urgencyScore": _urgency_score,
    "casework.Building.caseLoad": _case_load,
}

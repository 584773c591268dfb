"""A service certificate to build tests on: 王芳's June in the second grid's team (no I/O)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from volunteers.domain.certificate import (
    CertificateNumber,
    ServiceCertificate,
    ServiceLine,
    ServicePeriod,
)

JUNE = ServicePeriod(date(2026, 6, 1), date(2026, 6, 30))
VERIFICATION_URL = "https://grid.example.cn/volunteers/certificates/ZYFW-2026-000123"

JUNE_LINES = (
    ServiceLine(date(2026, 6, 20), "社区防汛巡查", Decimal("6.0")),
    ServiceLine(date(2026, 6, 1), "“六一”儿童节游园活动", Decimal("2.5")),
    ServiceLine(date(2026, 6, 12), "独居老人入户走访", Decimal(4)),
)
"""12.5 hours in June, out of date order as records may come."""


def certificate(
    records: Iterable[ServiceLine | tuple[date, str, Decimal]] = JUNE_LINES, **changes: Any
) -> ServiceCertificate:
    """The certificate of 王芳's June service, with ``changes`` to the arguments of issue."""
    arguments: dict[str, Any] = {
        "number": CertificateNumber(2026, 123),
        "issued_on": date(2026, 7, 1),
        "volunteer_name": "王小芳",
        "masked_id_number": "3701**********1234",
        "volunteer_number": "V37011200000123",
        "period": JUNE,
        "records": records,
        "issuing_team": "历城区洪家楼街道第二网格志愿服务队",
        "person_in_charge": "李明",
        "verification_url": VERIFICATION_URL,
    }
    return ServiceCertificate.issue(**(arguments | changes))

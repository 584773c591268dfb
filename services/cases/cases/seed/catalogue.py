"""The standard case catalogue a new district starts with (its own edits come on top).

The categories follow what grid workers and the 12345 hotline meet most: lifts, property
services, noise, roads, sanitation, water, neighbour disputes, and the rest. Time limits are
working days per priority, counted from dispatch.
"""

from __future__ import annotations

from cases.domain.category import AttributeDefinition, Category, Choice
from cases.domain.kinds import AttributeType, Priority


def _limits(urgent: int, high: int, normal: int) -> dict[Priority, int]:
    return {Priority.URGENT: urgent, Priority.HIGH: high, Priority.NORMAL: normal}


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(key=key, name=name) for key, name in pairs)


BUILDING = AttributeDefinition(
    code="building",
    name="楼栋",
    description="The building, as residents call it (e.g. 1号楼).",
    type=AttributeType.STRING,
    required=True,
    order=1,
)

STANDARD_CATALOGUE: tuple[Category, ...] = (
    Category(
        code="ELEVATOR",
        name="电梯故障与噪音",
        description="A lift that is stuck, stopped, unsafe or noisy (电梯困人、停运、异响).",
        attributes=(
            BUILDING,
            AttributeDefinition(
                code="position",
                name="电梯位置",
                description="Which lift of the building, when it has several.",
                type=AttributeType.SINGLE_CHOICE,
                order=2,
                choices=_choices(("EAST", "东侧"), ("WEST", "西侧"), ("SINGLE", "唯一一部")),
            ),
            AttributeDefinition(
                code="symptoms",
                name="故障现象",
                type=AttributeType.MULTIPLE_CHOICE,
                required=True,
                order=3,
                choices=_choices(
                    ("TRAPPED", "困人"),
                    ("STOPPED", "停运"),
                    ("NOISE", "异响噪音"),
                    ("DOOR", "门故障"),
                    ("SHAKING", "抖动"),
                ),
            ),
            AttributeDefinition(
                code="noticed_at",
                name="发现时间",
                type=AttributeType.DATETIME,
                order=4,
            ),
        ),
        time_limits=_limits(1, 3, 5),
        acceptance_conditions="A lift in a residential or public building of the district.",
        closing_conditions="The maintainer's repair record, and a check by the grid worker; "
        "noise measured within its limit where noise was reported.",
    ),
    Category(
        code="PROPERTY",
        name="物业服务",
        description="Property services: cleaning, security, greening, parking, repairs of "
        "common parts (物业服务质量).",
        attributes=(
            BUILDING,
            AttributeDefinition(
                code="service",
                name="服务类别",
                type=AttributeType.SINGLE_CHOICE,
                required=True,
                order=2,
                choices=_choices(
                    ("CLEANING", "保洁"),
                    ("SECURITY", "安保"),
                    ("GREENING", "绿化"),
                    ("PARKING", "停车"),
                    ("COMMON_PARTS", "共用部位维修"),
                ),
            ),
        ),
        time_limits=_limits(2, 5, 10),
        acceptance_conditions="A residential compound with a property company.",
        closing_conditions="The property company's feedback and the resident's visit.",
    ),
    Category(
        code="NOISE",
        name="噪声扰民",
        description="Noise from building sites, businesses, neighbours or traffic.",
        attributes=(
            AttributeDefinition(
                code="source",
                name="噪声来源",
                type=AttributeType.SINGLE_CHOICE,
                required=True,
                order=1,
                choices=_choices(
                    ("CONSTRUCTION", "施工"),
                    ("BUSINESS", "商业经营"),
                    ("RESIDENTIAL", "社会生活"),
                    ("TRAFFIC", "交通"),
                ),
            ),
            AttributeDefinition(
                code="decibels",
                name="噪声分贝",
                description="A reading in dB(A), if someone measured it.",
                type=AttributeType.NUMBER,
                order=2,
            ),
        ),
        time_limits=_limits(1, 3, 5),
        closing_conditions="The source stopped or brought within its limit.",
    ),
    Category(
        code="ROAD",
        name="道路设施",
        description="Potholes, broken kerbs, manhole covers, street lights (道路及附属设施).",
        time_limits=_limits(1, 3, 7),
    ),
    Category(
        code="SANITATION",
        name="环境卫生",
        description="Rubbish not collected, overflowing bins, littering (环境卫生).",
        time_limits=_limits(1, 2, 3),
    ),
    Category(
        code="WATER_SUPPLY",
        name="供水",
        description="No water, low pressure, leaks, water quality (供水).",
        attributes=(BUILDING,),
        time_limits=_limits(1, 2, 5),
    ),
    Category(
        code="NEIGHBOR_DISPUTE",
        name="邻里纠纷",
        description="Disputes between neighbours that the grid mediates (矛盾纠纷调解).",
        time_limits=_limits(1, 5, 10),
    ),
    Category(
        code="OTHER",
        name="其他",
        description="Anything the categories above do not cover.",
        time_limits=_limits(2, 5, 10),
    ),
)
"""The catalogue ``make seed`` loads into a cases database that lacks it."""

"""Generated names: pools of community, village and organisation names to draw from.

Each pool is shuffled with the plan's random generator and taken from with
``pop()``, so every name is used once and the same seed gives the same names.
"""

from __future__ import annotations

import random


def _words(*lines: str) -> tuple[str, ...]:
    """The space-separated words of ``lines``: long lists of short names stay readable."""
    return tuple(word for line in lines for word in line.split())


_COMMUNITY_HEADS = "华祥文盛金福和康泉荷锦兴明新裕丰雅鑫"
_COMMUNITY_TAILS = "苑园城庭府里居湾景韵"
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾田董袁潘于蒋蔡杜"
_VILLAGE_TAILS = ("家庄", "家村", "家峪", "家洼", "庄", "家岭", "家寨")
_PLACES = _words(
    "华山 鲍山 荷花 明湖 舜耕 泉城 齐鲁 鲁泉 历山 锦屏 卧虎 龙洞 凤凰 黄河",
    "清河 巨野 韩仓 冷水 梁王 桑园 祝甸 邢村 辛甸 七里 东泉 北园 全福 丁庄",
    "盛福 花园 华信 工业 唐冶 郭店 港沟 彩石 遥墙 仲宫 柳埠 西营",
)
_INDUSTRIES = _words(
    "机械制造 电子科技 食品 建材 物流 软件 医药 新材料 汽车配件 环保科技 智能装备 包装"
)
_INSTITUTIONS = _words(
    "中学 小学 幼儿园 卫生院 社区卫生服务中心 派出所 税务所 供电所 市场监管所 司法所 文化站 敬老院"
)
_NEW_ECONOMIC = _words("商务楼宇 电商产业园 创业孵化基地 快递物流园 众创空间 直播电商基地")
_NEW_SOCIAL = _words("社会工作服务中心 志愿者协会 养老服务中心 文化艺术协会 慈善协会 商会")
_OTHER_SITES = _words(
    "农贸市场 商业街 批发市场 商贸城 物流园 文创园 景区 汽车城 夜市 建材市场 花卉市场 家居广场"
)


def community_names(rng: random.Random) -> list[str]:
    """Names for communities, without the 社区 that follows them."""
    return _shuffled(rng, [h + t for h in _COMMUNITY_HEADS for t in _COMMUNITY_TAILS])


def village_names(rng: random.Random) -> list[str]:
    """Names for villages, without the 村 that follows them."""
    return _shuffled(rng, [s + t for s in _SURNAMES for t in _VILLAGE_TAILS])


def subject_names(rng: random.Random) -> dict[str, list[str]]:
    """What dedicated grids are named after: a place name and a subject, by kind of subject.

    ``enterprise``: a line of business; ``public``: a public institution; ``economic`` and
    ``social``: a new economic or social organisation; ``other``: some other site.
    """
    return {
        kind: _shuffled(rng, [p + s for p in _PLACES for s in suffixes])
        for kind, suffixes in (
            ("enterprise", _INDUSTRIES),
            ("public", _INSTITUTIONS),
            ("economic", _NEW_ECONOMIC),
            ("social", _NEW_SOCIAL),
            ("other", _OTHER_SITES),
        )
    }


def _shuffled(rng: random.Random, names: list[str]) -> list[str]:
    """``names`` in a seeded order, to be taken with ``pop()``."""
    rng.shuffle(names)
    return names

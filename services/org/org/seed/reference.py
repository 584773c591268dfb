"""Licheng District, Jinan (历城区) as the demo data set copies it at full scale.

The reference scale (see DESIGN.md): the district's code and name, how many
communities, villages and grids it has, and its subdistricts.
"""

from __future__ import annotations

DISTRICT_CODE = "370112"
DISTRICT_NAME = "历城区"
COMMUNITIES = 81
VILLAGES = 266
RESIDENTIAL_GRIDS = 1_221
DEDICATED_GRIDS = 1_498

# Subdistricts with their communities and villages at the reference scale: the old
# town in the north-west is all communities, the southern hills mostly villages.
TOWNSHIPS: tuple[tuple[str, int, int], ...] = (
    ("洪家楼街道", 9, 0),
    ("东风街道", 8, 0),
    ("全福街道", 8, 0),
    ("山大路街道", 7, 0),
    ("华山街道", 6, 10),
    ("荷花路街道", 4, 14),
    ("王舍人街道", 7, 12),
    ("鲍山街道", 5, 8),
    ("郭店街道", 3, 18),
    ("港沟街道", 4, 20),
    ("唐冶街道", 5, 10),
    ("董家街道", 2, 20),
    ("遥墙街道", 2, 22),
    ("临港街道", 2, 16),
    ("彩石街道", 1, 16),
    ("孙村街道", 2, 14),
    ("唐王街道", 1, 22),
    ("仲宫街道", 2, 20),
    ("柳埠街道", 1, 18),
    ("西营街道", 1, 16),
    ("高而街道", 1, 10),
)

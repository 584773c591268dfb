"""A flame graph as a standalone SVG, drawn from collapsed stacks (py-spy's ``raw`` format).

The layout is Brendan Gregg's: the whole run at the bottom, each frame above its caller, as
wide as its share of the samples, siblings in alphabetical order. Hovering over a frame shows
its name, samples and share (an SVG ``<title>``; no script). Frames of the project's own
packages (``org``, ``gridkit``) are drawn in blue, everything else in the usual warm colours.
"""

from __future__ import annotations

import html
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field

Stacks = Mapping[tuple[str, ...], int]
"""Stack (root first) → number of samples."""

OWN_PACKAGES = frozenset({"org", "gridkit", "personnel", "gateway"})
FRAME_HEIGHT = 16
MARGIN = 10
TITLE_HEIGHT = 30
MIN_WIDTH = 0.3
CHAR_WIDTH = 7.0


@dataclass
class _Node:
    name: str
    count: int = 0
    children: dict[str, _Node] = field(default_factory=dict)


def package(frame: str) -> str:
    """The top-level package of a frame label such as ``f (sqlalchemy/orm/query.py)``."""
    _, _, location = frame.rpartition(" (")
    path = location.rstrip(")")
    if path.startswith("<"):
        return path  # <frozen runpy>, <string>
    return path.split("/", 1)[0].removesuffix(".py")


def render(stacks: Stacks, *, title: str, width: int = 1200) -> str:
    """The SVG document of the flame graph."""
    root = _tree(stacks)
    total = root.count or 1
    depth = max((len(stack) for stack in stacks), default=0) + 1
    height = TITLE_HEIGHT + depth * FRAME_HEIGHT + 2 * MARGIN
    usable = width - 2 * MARGIN
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Verdana, sans-serif" font-size="12">',
        '<rect width="100%" height="100%" fill="#f8f8f8"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="16">'
        f"{html.escape(title)}</text>",
    ]
    todo: list[tuple[_Node, int, float]] = [(root, 0, float(MARGIN))]
    while todo:
        node, level, x = todo.pop()
        w = node.count / total * usable
        if w < MIN_WIDTH:
            continue
        y = height - MARGIN - (level + 1) * FRAME_HEIGHT
        parts.append(_frame(node, x, y, w, total))
        child_x = x
        for name in sorted(node.children):
            child = node.children[name]
            todo.append((child, level + 1, child_x))
            child_x += child.count / total * usable
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _tree(stacks: Stacks) -> _Node:
    root = _Node("all")
    for stack, count in stacks.items():
        root.count += count
        node = root
        for frame in stack:
            node = node.children.setdefault(frame, _Node(frame))
            node.count += count
    return root


def _frame(node: _Node, x: float, y: float, w: float, total: int) -> str:
    tip = html.escape(f"{node.name} — {node.count} samples, {node.count / total:.1%}")
    rect = (
        f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="{FRAME_HEIGHT - 1}" '
        f'fill="{_colour(node.name)}" rx="2"/>'
    )
    fits = int((w - 6) / CHAR_WIDTH)
    label = ""
    if fits >= 3:
        text = node.name if len(node.name) <= fits else node.name[: fits - 2] + ".."
        label = f'<text x="{x + 3:.2f}" y="{y + FRAME_HEIGHT - 4}">{html.escape(text)}</text>'
    return f"<g><title>{tip}</title>{rect}{label}</g>"


def _colour(name: str) -> str:
    """A stable colour per frame: blue shades for the project's code, warm ones otherwise."""
    seed = zlib.crc32(name.encode())
    a, b = seed % 50, (seed >> 8) % 50
    if package(name) in OWN_PACKAGES:
        return f"rgb({80 + a},{140 + b},230)"
    return f"rgb({205 + a},{(seed >> 16) % 180 + 50},{b})"

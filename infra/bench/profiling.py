"""``make bench ARGS="--profile"``: where org's time goes, sampled by py-spy under load.

py-spy (PyPI ``py-spy``, in the dev dependency group) attaches to the running org process
with ptrace and samples its Python stacks (``--format raw``: one line per distinct stack with
its sample count). From those stacks the bench writes, under ``.data/bench/``,

- ``org-profile.svg``, a flame graph (open it in a browser; hover for counts),
- ``org-profile.txt``, the top frames by self time and by total time, and self time by package,
- ``org-profile.raw``, the collapsed stacks themselves (for flamegraph.pl, speedscope, inferno).
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from infra.bench.flamegraph import Stacks, package, render
from infra.bench.processes import stop

RATE = 100
"""Samples per second; py-spy pauses the process for each one, briefly."""
TOP = 25
ATTACH_SECONDS = 1.0
WRITE_TIMEOUT_SECONDS = 30.0


class ProfileError(RuntimeError):
    """py-spy could not sample the process; the message says why."""


@dataclass(frozen=True)
class Profile:
    """What the sampling gave, and where it was written."""

    samples: int
    summary: str
    svg: Path
    text: Path
    raw: Path


def find_py_spy() -> Path | None:
    """The py-spy command of this environment (``.venv/bin/py-spy``), else one on PATH."""
    beside = Path(sys.executable).parent / "py-spy"
    if beside.is_file():
        return beside
    found = shutil.which("py-spy")
    return Path(found) if found else None


@contextlib.contextmanager
def sampling(pid: int, directory: Path, *, name: str = "org") -> Iterator[list[Profile]]:
    """Sample process ``pid`` while the block runs; the yielded list then holds the profile.

    Raises :class:`ProfileError` when py-spy is missing or cannot attach (it needs ptrace:
    root, or ``CAP_SYS_PTRACE``, or ``kernel.yama.ptrace_scope`` 0 for one's own processes).
    """
    binary = find_py_spy()
    if binary is None:
        raise ProfileError("py-spy is not installed (`make venv` installs the dev group)")
    directory.mkdir(parents=True, exist_ok=True)
    raw = directory / f"{name}-profile.raw"
    raw.unlink(missing_ok=True)
    command = [
        str(binary), "record", "--pid", str(pid), "--rate", str(RATE),
        "--format", "raw", "--nolineno", "--output", str(raw),
    ]  # fmt: skip
    log = directory / f"{name}-py-spy.log"
    with log.open("wb") as output:
        spy = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            process_group=0,
        )
    try:
        time.sleep(ATTACH_SECONDS)
        if spy.poll() is not None:
            raise ProfileError(f"py-spy could not attach to {name} (pid {pid}): {_said(log)}")
        profiles: list[Profile] = []
        yield profiles
        spy.send_signal(signal.SIGINT)  # py-spy writes its output on Ctrl-C
        try:
            spy.wait(timeout=WRITE_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as error:
            raise ProfileError(f"py-spy did not write {raw} in time") from error
        if not raw.is_file():
            raise ProfileError(f"py-spy wrote no profile: {_said(log)}")
        profiles.append(_written(read_stacks(raw), directory, name, raw))
    finally:
        stop(spy)


def _said(log: Path) -> str:
    """What py-spy printed, on one line."""
    text = log.read_text(errors="replace") if log.is_file() else ""
    return " ".join(text.split())[-600:] or "(nothing)"


def read_stacks(raw: Path) -> Stacks:
    """Collapsed stacks (``root;...;leaf count`` per line) → stack tuple → samples."""
    stacks: Counter[tuple[str, ...]] = Counter()
    for line in raw.read_text(errors="replace").splitlines():
        frames, _, count = line.rpartition(" ")
        if frames and count.isdigit():
            stacks[tuple(frames.split(";"))] += int(count)
    return stacks


def summarize(stacks: Stacks, *, top: int = TOP) -> str:
    """Text tables: top frames by self time and by total time, and self time by package."""
    total = sum(stacks.values())
    if not total:
        return "no samples: the process was idle or could not be read\n"
    own: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    packages: Counter[str] = Counter()
    for stack, count in stacks.items():
        own[stack[-1]] += count
        packages[package(stack[-1])] += count
        for frame in set(stack):  # a recursive frame counts once per sample
            inclusive[frame] += count
    spine = _spine(stacks)
    for frame in spine:
        del inclusive[frame]
    left_out = (
        f"  (left out: the {len(spine)} frames from {spine[0]} to {spine[-1]}, which every "
        "sample of the main thread passes through)\n"
        if spine
        else ""
    )
    parts = [
        _table(f"top {top} frames by self time (where the CPU is)", own, total, top),
        _table(f"top {top} frames by total time (self + callees)", inclusive, total, top)
        + left_out,
        _table("self time by package", packages, total, 15),
    ]
    return f"{total} samples at {RATE} Hz; {_roots(stacks, total)}\n\n" + "\n".join(parts)


def _spine(stacks: Stacks) -> list[str]:
    """The frames every stack of the commonest root shares, from the root down (start-up,
    the event loop): in the total-time table they would only say "100%"."""
    roots: Counter[str] = Counter()
    for stack, count in stacks.items():
        roots[stack[0]] += count
    if not roots:
        return []
    root = roots.most_common(1)[0][0]
    main = [stack for stack in stacks if stack[0] == root]
    shortest = min(len(stack) for stack in main)
    spine = []
    for depth in range(shortest - 1):  # a leaf is never spine: it has self time
        frames = {stack[depth] for stack in main}
        if len(frames) != 1:
            break
        spine.append(frames.pop())
    return spine


def _roots(stacks: Stacks, total: int) -> str:
    """Where the stacks start, e.g. the main thread and SQLAlchemy's greenlets."""
    roots: Counter[str] = Counter()
    for stack, count in stacks.items():
        roots[stack[0]] += count
    shown = ", ".join(f"{count / total:.0%} at {frame}" for frame, count in roots.most_common(3))
    greenlets = any(package(frame) == "sqlalchemy" for frame in roots)
    note = " (SQLAlchemy's asyncio mode runs the ORM on greenlets, whose stacks start there)"
    return f"stacks start {shown}" + (note if greenlets else "")


def _table(title: str, counts: Counter[str], total: int, top: int) -> str:
    lines = [title, f"{'share':>6}  {'samples':>7}  frame", "-" * 100]
    for frame, count in counts.most_common(top):
        label = frame if len(frame) <= 88 else frame[:87] + "…"
        lines.append(f"{count / total:>6.1%}  {count:>7}  {label}")
    return "\n".join(lines) + "\n"


def _written(stacks: Stacks, directory: Path, name: str, raw: Path) -> Profile:
    samples = sum(stacks.values())
    summary = summarize(stacks)
    svg = directory / f"{name}-profile.svg"
    text = directory / f"{name}-profile.txt"
    svg.write_text(render(stacks, title=f"{name} under load: {samples} samples"), "utf-8")
    text.write_text(summary, "utf-8")
    return Profile(samples=samples, summary=summary, svg=svg, text=text, raw=raw)

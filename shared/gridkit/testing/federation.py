"""Compose federation subgraphs with Apollo's own composer, for tests and checks.

Strawberry can print a subgraph's SDL, but only Apollo's composer decides whether a set of
subgraphs forms a valid supergraph. This module runs ``@apollo/composition`` (a Node package)
through the small ``compose.mjs`` script shipped next to it, so tests can assert that the
subgraphs compose exactly as the router will see them.

The npm packages live in an npm prefix folder, by default ``<repo>/.npm``, installed with::

    npm install --prefix .npm --no-audit --no-fund \\
        @apollo/composition@2 @apollo/federation-internals@2 graphql@16

The prefix is taken from the ``PIONEER_NPM_DIR`` environment variable when set, otherwise it is
the first ``.npm`` folder with the packages found walking up from the current working directory,
then from this module's folder.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "NPM_DIR_ENV",
    "ApolloComposerError",
    "ApolloComposerUnavailable",
    "Composition",
    "CompositionFailed",
    "CompositionMessage",
    "MessageLocation",
    "apollo_composition_available",
    "apollo_composition_unavailable_reason",
    "compose_with_apollo",
    "compose_with_apollo_detailed",
    "find_npm_dir",
]

logger = logging.getLogger(__name__)

NPM_DIR_ENV = "PIONEER_NPM_DIR"
"""Environment variable naming the npm prefix folder (the one holding ``node_modules``)."""

DEFAULT_TIMEOUT_SECONDS = 60.0

_SCRIPT = Path(__file__).with_name("compose.mjs")
_NPM_FOLDER = ".npm"
_REQUIRED_PACKAGES = (("@apollo", "composition"), ("graphql",))
_MIN_NODE_MAJOR = 18
_NODE_VERSION_TIMEOUT_SECONDS = 15.0
_INSTALL_HINT = (
    "install them with `make npm-deps` at the repository root, "
    f"or point {NPM_DIR_ENV} at an npm prefix that has them"
)
_CI_OFF_VALUES = frozenset({"", "0", "false", "no", "off"})


class ApolloComposerError(RuntimeError):
    """The composer itself could not run or answered something unreadable."""


class ApolloComposerUnavailable(ApolloComposerError):
    """Node or the Apollo npm packages are missing, so no composition can run."""


@dataclass(frozen=True, slots=True)
class MessageLocation:
    """Where in a subgraph's SDL a composition message points (1-based line and column)."""

    subgraph: str | None
    line: int
    column: int

    def __str__(self) -> str:
        where = f"{self.line}:{self.column}"
        return f"{self.subgraph} {where}" if self.subgraph else where


@dataclass(frozen=True, slots=True)
class CompositionMessage:
    """One error or hint reported by Apollo's composer."""

    code: str | None
    message: str
    subgraphs: tuple[str, ...] = ()
    locations: tuple[MessageLocation, ...] = ()
    coordinate: str | None = None

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}" if self.code else self.message
        if self.coordinate and self.coordinate not in self.message:
            text += f" (at {self.coordinate})"
        if self.locations:
            text += " (" + ", ".join(str(location) for location in self.locations) + ")"
        elif self.subgraphs:
            text += " (subgraphs: " + ", ".join(self.subgraphs) + ")"
        return text


class CompositionFailed(Exception):
    """Apollo refused to compose the subgraphs; carries every error and hint it reported."""

    def __init__(
        self,
        subgraph_names: tuple[str, ...],
        errors: tuple[CompositionMessage, ...],
        hints: tuple[CompositionMessage, ...] = (),
    ) -> None:
        self.subgraph_names = subgraph_names
        self.errors = errors
        self.hints = hints
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.errors)
        lines = [
            f"Apollo composition of subgraphs {', '.join(self.subgraph_names)} failed "
            f"with {count} error{'' if count == 1 else 's'}:"
        ]
        lines.extend(f"  - {error}" for error in self.errors)
        if self.hints:
            lines.append("hints:")
            lines.extend(f"  - {hint}" for hint in self.hints)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Composition:
    """A successful composition: the supergraph SDL and the hints Apollo gave along the way."""

    supergraph_sdl: str
    hints: tuple[CompositionMessage, ...] = ()


def _has_packages(node_modules: Path) -> bool:
    return all(
        node_modules.joinpath(*parts, "package.json").is_file() for parts in _REQUIRED_PACKAGES
    )


def _walk_up(start: Path) -> Iterator[Path]:
    yield start
    yield from start.parents


def find_npm_dir() -> Path | None:
    """Return the npm prefix folder holding the Apollo composer packages, or ``None``.

    ``PIONEER_NPM_DIR`` wins when set (it may name the prefix or its ``node_modules``); a set
    but unusable value yields ``None`` rather than silently falling back elsewhere.
    """
    configured = os.environ.get(NPM_DIR_ENV)
    if configured:
        prefix = Path(configured).expanduser().resolve()
        if prefix.name == "node_modules":
            prefix = prefix.parent
        return prefix if _has_packages(prefix / "node_modules") else None
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in _walk_up(start):
            candidate = folder / _NPM_FOLDER
            if _has_packages(candidate / "node_modules"):
                return candidate
    return None


def _node_executable() -> str | None:
    return shutil.which("node")


def _node_major_version(node: str) -> int | None:
    try:
        completed = subprocess.run(
            [node, "--version"],
            capture_output=True,
            text=True,
            timeout=_NODE_VERSION_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    version = completed.stdout.strip().lstrip("v")
    major = version.split(".", 1)[0]
    return int(major) if completed.returncode == 0 and major.isdigit() else None


def apollo_composition_unavailable_reason() -> str | None:
    """Explain why Apollo composition cannot run here, or return ``None`` when it can."""
    if not _SCRIPT.is_file():
        return f"the composer script {_SCRIPT.name} is missing from the gridkit package"
    node = _node_executable()
    if node is None:
        return "`node` is not on PATH (Node 18 or newer is needed)"
    major = _node_major_version(node)
    if major is None:
        return f"`{node} --version` did not report a version"
    if major < _MIN_NODE_MAJOR:
        return f"Node {major} is too old; @apollo/composition needs Node {_MIN_NODE_MAJOR}+"
    if find_npm_dir() is None:
        configured = os.environ.get(NPM_DIR_ENV)
        where = (
            f"{NPM_DIR_ENV}={configured}"
            if configured
            else f"any {_NPM_FOLDER} folder above the working directory or gridkit"
        )
        return f"@apollo/composition and graphql are not installed in {where}; {_INSTALL_HINT}"
    return None


def apollo_unavailable_reason(*packages: str) -> str | None:
    """Why Node with Apollo's composer, and ``packages`` besides, cannot run here (or None)."""
    reason = apollo_composition_unavailable_reason()
    if reason is not None:
        return reason
    npm_dir = find_npm_dir()
    assert npm_dir is not None  # the composer was found there
    missing = [p for p in packages if not (npm_dir / "node_modules" / p / "package.json").is_file()]
    if missing:
        return f"{', '.join(missing)} not installed in {npm_dir}; {_INSTALL_HINT}"
    return None


def running_in_ci() -> bool:
    """Whether the ``CI`` variable is set to something other than a false-like value."""
    return os.environ.get("CI", "").strip().lower() not in _CI_OFF_VALUES


def require_apollo(*packages: str, checking: str) -> None:
    """Let a test that compares with Apollo run only where Apollo can.

    Where Node or the npm packages are missing, the test is skipped with a reason that
    names what was not checked and why; in CI it fails instead, since there it must run.
    """
    reason = apollo_unavailable_reason(*packages)
    if reason is None:
        return
    message = f"{checking.upper()} NOT CHECKED: {reason}"
    if running_in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(reason=message)


def apollo_composition_available() -> bool:
    """Tell whether Node and the Apollo composer packages are present, so composition can run."""
    return apollo_composition_unavailable_reason() is None


def _location(raw: Any) -> MessageLocation:
    subgraph = raw.get("subgraph")
    return MessageLocation(
        subgraph=subgraph if isinstance(subgraph, str) else None,
        line=int(raw["line"]),
        column=int(raw["column"]),
    )


def _message(raw: Any) -> CompositionMessage:
    code = raw.get("code")
    coordinate = raw.get("coordinate")
    return CompositionMessage(
        code=code if isinstance(code, str) else None,
        message=str(raw["message"]),
        subgraphs=tuple(str(name) for name in raw.get("subgraphs") or ()),
        locations=tuple(_location(location) for location in raw.get("locations") or ()),
        coordinate=coordinate if isinstance(coordinate, str) else None,
    )


def _run_composer(payload: str, npm_dir: Path, node: str, timeout: float) -> Any:
    env = dict(os.environ)
    env[NPM_DIR_ENV] = str(npm_dir)
    node_modules = str(npm_dir / "node_modules")
    existing = env.get("NODE_PATH")
    env["NODE_PATH"] = node_modules + (os.pathsep + existing if existing else "")
    try:
        completed = subprocess.run(
            [node, str(_SCRIPT)],
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ApolloComposerError(f"Apollo composition did not finish within {timeout:g}s") from exc
    except OSError as exc:
        raise ApolloComposerUnavailable(f"cannot start `{node}`: {exc}") from exc
    if completed.returncode != 0:
        detail = completed.stderr.strip() or completed.stdout.strip() or "no output"
        raise ApolloComposerError(
            f"the Apollo composer exited with status {completed.returncode}: {detail}"
        )
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError as exc:
        raise ApolloComposerError(
            f"the Apollo composer printed something that is not JSON: {completed.stdout[:500]!r}"
        ) from exc


def compose_with_apollo_detailed(
    subgraphs: Mapping[str, tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> Composition:
    """Compose subgraphs with Apollo's composer and return the supergraph SDL plus hints.

    ``subgraphs`` maps each subgraph name to its ``(routing url, SDL)``; pass the SDL a router
    would fetch, i.e. the ``{ _service { sdl } }`` answer. Raises ``CompositionFailed`` carrying
    every error Apollo reported, ``ApolloComposerUnavailable`` when Node or the npm packages are
    missing, and ``ApolloComposerError`` when the composer crashes or exceeds ``timeout`` seconds.
    """
    if not subgraphs:
        raise ValueError("at least one subgraph is needed to compose a supergraph")
    reason = apollo_composition_unavailable_reason()
    node = _node_executable()
    npm_dir = find_npm_dir()
    if reason is not None or node is None or npm_dir is None:
        raise ApolloComposerUnavailable(reason or "Apollo composition is unavailable")

    names = tuple(subgraphs)
    payload = json.dumps(
        {
            "subgraphs": [
                {"name": name, "url": url, "sdl": sdl} for name, (url, sdl) in subgraphs.items()
            ]
        }
    )
    answer = _run_composer(payload, npm_dir, node, timeout)
    if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
        raise ApolloComposerError(f"unexpected answer from the Apollo composer: {answer!r}")

    hints = tuple(_message(hint) for hint in answer.get("hints") or ())
    if not answer["ok"]:
        errors = tuple(_message(error) for error in answer.get("errors") or ())
        if not errors:
            errors = (CompositionMessage(code=None, message="composition failed without errors"),)
        raise CompositionFailed(names, errors, hints)

    supergraph = answer.get("supergraphSdl")
    if not isinstance(supergraph, str):
        raise ApolloComposerError("the Apollo composer reported success without a supergraph")
    for hint in hints:
        logger.info("Apollo composition hint: %s", hint)
    return Composition(supergraph_sdl=supergraph, hints=hints)


def compose_with_apollo(
    subgraphs: Mapping[str, tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> str:
    """Compose subgraphs with Apollo's composer and return the supergraph SDL.

    ``subgraphs`` maps each subgraph name to its ``(routing url, SDL)``. Raises
    ``CompositionFailed`` naming every error Apollo reported (with subgraph and type or field);
    see ``compose_with_apollo_detailed`` for the other failures and for the hints.
    """
    return compose_with_apollo_detailed(subgraphs, timeout=timeout).supergraph_sdl

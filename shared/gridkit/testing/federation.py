"""Compose federation subgraphs with the standard composers, for tests and checks.

Strawberry can print a subgraph's SDL, but only a composer decides whether a set of subgraphs
forms a valid supergraph. This module runs the two standard ones, Apollo's own
(``@apollo/composition``) and The Guild's (``@theguild/federation-composition``, the one Hive
uses), through the small ``compose.mjs`` script shipped next to it, so tests can assert that
the subgraphs compose exactly as a router will see them. Both composers take the same input,
so one code path drives either.

The npm packages live in an npm prefix folder, by default ``<repo>/.npm``, installed by
``make npm-deps``, or by hand with::

    npm install --prefix .npm --no-audit --no-fund \\
        @apollo/composition@2 @apollo/federation-internals@2 \\
        @theguild/federation-composition graphql@16

The prefix is taken from the ``PIONEER_NPM_DIR`` environment variable when set, otherwise it is
the first ``.npm`` folder with the composer's packages found walking up from the current
working directory, then from this module's folder.
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
    "APOLLO_COMPOSER",
    "COMPOSERS",
    "GUILD_COMPOSER",
    "NPM_DIR_ENV",
    "ApolloComposerError",
    "ApolloComposerUnavailable",
    "Composer",
    "ComposerError",
    "ComposerUnavailable",
    "Composition",
    "CompositionFailed",
    "CompositionMessage",
    "MessageLocation",
    "apollo_composition_available",
    "apollo_composition_unavailable_reason",
    "compose_with",
    "compose_with_apollo",
    "compose_with_apollo_detailed",
    "compose_with_guild",
    "composer_unavailable_reason",
    "find_npm_dir",
    "require_apollo",
    "require_composer",
    "require_guild",
]

logger = logging.getLogger(__name__)

NPM_DIR_ENV = "PIONEER_NPM_DIR"
"""Environment variable naming the npm prefix folder (the one holding ``node_modules``)."""

DEFAULT_TIMEOUT_SECONDS = 60.0

_SCRIPT = Path(__file__).with_name("compose.mjs")
_NPM_FOLDER = ".npm"
_GRAPHQL_PACKAGE = "graphql"
_MIN_NODE_MAJOR = 18
_NODE_VERSION_TIMEOUT_SECONDS = 15.0
_INSTALL_HINT = (
    "install them with `make npm-deps` at the repository root, "
    f"or point {NPM_DIR_ENV} at an npm prefix that has them"
)
_CI_OFF_VALUES = frozenset({"", "0", "false", "no", "off"})


@dataclass(frozen=True, slots=True)
class Composer:
    """A standard federation composer that ``compose.mjs`` can run."""

    name: str
    """Whose it is, as messages name it (``"Apollo"``)."""
    key: str
    """The name ``compose.mjs`` knows it by (its first argument)."""
    package: str
    """The npm package exporting ``composeServices``."""

    def __str__(self) -> str:
        return f"{self.name}'s composer"


APOLLO_COMPOSER = Composer(name="Apollo", key="apollo", package="@apollo/composition")
GUILD_COMPOSER = Composer(name="The Guild", key="guild", package="@theguild/federation-composition")
COMPOSERS = (APOLLO_COMPOSER, GUILD_COMPOSER)
"""Every standard composer the subgraphs must satisfy."""


class ComposerError(RuntimeError):
    """The composer itself could not run or answered something unreadable."""


class ComposerUnavailable(ComposerError):
    """Node or the composer's npm packages are missing, so no composition can run."""


# The names from when Apollo's was the only composer, kept for existing callers.
ApolloComposerError = ComposerError
ApolloComposerUnavailable = ComposerUnavailable


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
    """One error or hint reported by a composer."""

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
    """A composer refused to compose the subgraphs; carries every error and hint it reported."""

    def __init__(
        self,
        subgraph_names: tuple[str, ...],
        errors: tuple[CompositionMessage, ...],
        hints: tuple[CompositionMessage, ...] = (),
        *,
        composer: Composer = APOLLO_COMPOSER,
    ) -> None:
        self.subgraph_names = subgraph_names
        self.errors = errors
        self.hints = hints
        self.composer = composer
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.errors)
        names = ", ".join(self.subgraph_names)
        lines = [
            f"Composition of subgraphs {names} by {self.composer} failed "
            f"with {count} error{'' if count == 1 else 's'}:"
        ]
        lines.extend(f"  - {error}" for error in self.errors)
        if self.hints:
            lines.append("hints:")
            lines.extend(f"  - {hint}" for hint in self.hints)
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Composition:
    """A successful composition: the supergraph SDL and the hints given along the way.

    Only Apollo's composer gives hints; The Guild's gives none.
    """

    supergraph_sdl: str
    hints: tuple[CompositionMessage, ...] = ()


def _has_packages(node_modules: Path, packages: tuple[str, ...]) -> bool:
    return all(node_modules.joinpath(*p.split("/"), "package.json").is_file() for p in packages)


def _walk_up(start: Path) -> Iterator[Path]:
    yield start
    yield from start.parents


def find_npm_dir(composer: Composer = APOLLO_COMPOSER) -> Path | None:
    """Return the npm prefix folder holding ``composer``'s package and graphql, or ``None``.

    ``PIONEER_NPM_DIR`` wins when set (it may name the prefix or its ``node_modules``); a set
    but unusable value yields ``None`` rather than silently falling back elsewhere.
    """
    packages = (composer.package, _GRAPHQL_PACKAGE)
    configured = os.environ.get(NPM_DIR_ENV)
    if configured:
        prefix = Path(configured).expanduser().resolve()
        if prefix.name == "node_modules":
            prefix = prefix.parent
        return prefix if _has_packages(prefix / "node_modules", packages) else None
    for start in (Path.cwd(), Path(__file__).resolve().parent):
        for folder in _walk_up(start):
            candidate = folder / _NPM_FOLDER
            if _has_packages(candidate / "node_modules", packages):
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


def composer_unavailable_reason(composer: Composer, *packages: str) -> str | None:
    """Why ``composer``, and the npm ``packages`` besides, cannot run here (or ``None``)."""
    if not _SCRIPT.is_file():
        return f"the composer script {_SCRIPT.name} is missing from the gridkit package"
    node = _node_executable()
    if node is None:
        return "`node` is not on PATH (Node 18 or newer is needed)"
    major = _node_major_version(node)
    if major is None:
        return f"`{node} --version` did not report a version"
    if major < _MIN_NODE_MAJOR:
        return f"Node {major} is too old; {composer.package} needs Node {_MIN_NODE_MAJOR}+"
    npm_dir = find_npm_dir(composer)
    if npm_dir is None:
        configured = os.environ.get(NPM_DIR_ENV)
        where = (
            f"{NPM_DIR_ENV}={configured}"
            if configured
            else f"any {_NPM_FOLDER} folder above the working directory or gridkit"
        )
        return f"{composer.package} and graphql are not installed in {where}; {_INSTALL_HINT}"
    missing = [p for p in packages if not _has_packages(npm_dir / "node_modules", (p,))]
    if missing:
        return f"{', '.join(missing)} not installed in {npm_dir}; {_INSTALL_HINT}"
    return None


def apollo_composition_unavailable_reason() -> str | None:
    """Explain why Apollo composition cannot run here, or return ``None`` when it can."""
    return composer_unavailable_reason(APOLLO_COMPOSER)


def apollo_unavailable_reason(*packages: str) -> str | None:
    """Why Node with Apollo's composer, and ``packages`` besides, cannot run here (or None)."""
    return composer_unavailable_reason(APOLLO_COMPOSER, *packages)


def running_in_ci() -> bool:
    """Whether the ``CI`` variable is set to something other than a false-like value."""
    return os.environ.get("CI", "").strip().lower() not in _CI_OFF_VALUES


def require_composer(composer: Composer, *packages: str, checking: str) -> None:
    """Let a test that needs ``composer`` (and npm ``packages`` besides) run only where it can.

    Where Node or the npm packages are missing, the test is skipped with a reason that
    names what was not checked and why; in CI it fails instead, since there it must run.
    """
    reason = composer_unavailable_reason(composer, *packages)
    if reason is None:
        return
    message = f"{checking.upper()} NOT CHECKED: {reason}"
    if running_in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(reason=message)


def require_apollo(*packages: str, checking: str) -> None:
    """Let a test that compares with Apollo run only where Apollo can (see require_composer)."""
    require_composer(APOLLO_COMPOSER, *packages, checking=checking)


def require_guild(*packages: str, checking: str) -> None:
    """Let a test that needs The Guild's composer run only where it can (see require_composer)."""
    require_composer(GUILD_COMPOSER, *packages, checking=checking)


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


def _run_composer(
    composer: Composer, payload: str, npm_dir: Path, node: str, timeout: float
) -> Any:
    env = dict(os.environ)
    env[NPM_DIR_ENV] = str(npm_dir)
    node_modules = str(npm_dir / "node_modules")
    existing = env.get("NODE_PATH")
    env["NODE_PATH"] = node_modules + (os.pathsep + existing if existing else "")
    try:
        completed = subprocess.run(
            [node, str(_SCRIPT), composer.key],
            input=payload,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ComposerError(f"{composer} did not finish within {timeout:g}s") from exc
    except OSError as exc:
        raise ComposerUnavailable(f"cannot start `{node}`: {exc}") from exc
    if completed.returncode != 0:
        detail = completed.stderr.strip() or completed.stdout.strip() or "no output"
        raise ComposerError(f"{composer} exited with status {completed.returncode}: {detail}")
    try:
        return json.loads(completed.stdout)
    except json.JSONDecodeError as exc:
        raise ComposerError(
            f"{composer} printed something that is not JSON: {completed.stdout[:500]!r}"
        ) from exc


def compose_with(
    composer: Composer,
    subgraphs: Mapping[str, tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> Composition:
    """Compose subgraphs with ``composer`` and return the supergraph SDL plus hints.

    ``subgraphs`` maps each subgraph name to its ``(routing url, SDL)``; pass the SDL a router
    would fetch, i.e. the ``{ _service { sdl } }`` answer. Raises ``CompositionFailed`` carrying
    every error the composer reported, ``ComposerUnavailable`` when Node or the npm packages
    are missing, and ``ComposerError`` when the composer crashes or exceeds ``timeout`` seconds.
    """
    if not subgraphs:
        raise ValueError("at least one subgraph is needed to compose a supergraph")
    reason = composer_unavailable_reason(composer)
    node = _node_executable()
    npm_dir = find_npm_dir(composer)
    if reason is not None or node is None or npm_dir is None:
        raise ComposerUnavailable(reason or f"{composer} is unavailable")

    names = tuple(subgraphs)
    payload = json.dumps(
        {
            "subgraphs": [
                {"name": name, "url": url, "sdl": sdl} for name, (url, sdl) in subgraphs.items()
            ]
        }
    )
    answer = _run_composer(composer, payload, npm_dir, node, timeout)
    if not isinstance(answer, dict) or not isinstance(answer.get("ok"), bool):
        raise ComposerError(f"unexpected answer from {composer}: {answer!r}")

    hints = tuple(_message(hint) for hint in answer.get("hints") or ())
    if not answer["ok"]:
        errors = tuple(_message(error) for error in answer.get("errors") or ())
        if not errors:
            errors = (CompositionMessage(code=None, message="composition failed without errors"),)
        raise CompositionFailed(names, errors, hints, composer=composer)

    supergraph = answer.get("supergraphSdl")
    if not isinstance(supergraph, str):
        raise ComposerError(f"{composer} reported success without a supergraph")
    for hint in hints:
        logger.info("%s composition hint: %s", composer.name, hint)
    return Composition(supergraph_sdl=supergraph, hints=hints)


def compose_with_apollo_detailed(
    subgraphs: Mapping[str, tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> Composition:
    """Compose subgraphs with Apollo's composer and return the supergraph SDL plus hints.

    See ``compose_with`` for the arguments and the failures.
    """
    return compose_with(APOLLO_COMPOSER, subgraphs, timeout=timeout)


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


def compose_with_guild(
    subgraphs: Mapping[str, tuple[str, str]],
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
) -> str:
    """Compose subgraphs with The Guild's composer (the one Hive uses); return the supergraph.

    ``subgraphs`` maps each subgraph name to its ``(routing url, SDL)``; see ``compose_with``
    for the failures.
    """
    return compose_with(GUILD_COMPOSER, subgraphs, timeout=timeout).supergraph_sdl

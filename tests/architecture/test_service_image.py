"""One Dockerfile builds every service: it names only files every service folder has.

There is no Docker engine here to build it, so this reads it: every path it copies or
runs, with ``${SERVICE}`` filled in, must exist in each ``services/<name>/`` folder, and
the package it installs must be in the lock ``uv sync --frozen`` reads.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "infra" / "docker" / "service.Dockerfile"
BUILD_ARGS = {"SERVICE", "PORT"}


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", dockerfile.read_text(encoding="utf-8"))
    pairs = []
    for line in joined.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            keyword, _, arguments = stripped.partition(" ")
            pairs.append((keyword.upper(), arguments.strip()))
    return pairs


def copied_sources(dockerfile: Path) -> list[str]:
    """Every source path of every COPY, as written (``services/${SERVICE}/``)."""
    return [
        source
        for keyword, arguments in instructions(dockerfile)
        if keyword == "COPY"
        for source in shlex.split(arguments)[:-1]
        if not source.startswith("--")
    ]


def dockerignore_patterns(root: Path) -> list[str]:
    path = root / ".dockerignore"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def what_is_missing(service_dir: Path, root: Path = ROOT) -> list[str]:
    """What the Dockerfile needs of ``service_dir`` (and of the workspace) that is not there."""
    name = service_dir.name
    missing = []
    ignored = dockerignore_patterns(root)
    for source in copied_sources(DOCKERFILE):
        relative = source.replace("${SERVICE}", name)
        if not (root / relative).exists():
            missing.append(relative)
        elif any(fnmatch(relative.rstrip("/"), pattern) for pattern in ignored):
            missing.append(f"{relative} (excluded by .dockerignore)")
    # What the command runs: the Alembic config and its scripts, and the app module.
    for needed in ("alembic.ini", "migrations/env.py", f"{name}/app.py"):
        if not (service_dir / needed).is_file():
            missing.append(f"services/{name}/{needed}")
    pyproject = service_dir / "pyproject.toml"
    if pyproject.is_file():
        package = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["name"]
        if package != f"pioneer-{name}":
            missing.append(f"services/{name}/pyproject.toml naming its package pioneer-{name}")
        if f'name = "{package}"' not in (root / "uv.lock").read_text(encoding="utf-8"):
            missing.append(f"{package} in uv.lock (run uv lock)")
    return missing


SERVICE_DIRS = sorted(p for p in ROOT.glob("services/*") if p.is_dir() and p.name.isidentifier())


@pytest.mark.parametrize("service_dir", SERVICE_DIRS, ids=lambda p: p.name)
def test_the_dockerfile_finds_everything_it_needs_in_each_service_folder(
    service_dir: Path,
) -> None:
    assert what_is_missing(service_dir) == []


def test_a_new_service_laid_out_as_the_others_needs_nothing_more(tmp_path: Path) -> None:
    (tmp_path / "uv.lock").write_text('name = "pioneer-cases"\n', encoding="utf-8")
    for shared in ("pyproject.toml", "shared/pyproject.toml"):
        (tmp_path / shared).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / shared).write_text("", encoding="utf-8")
    cases = tmp_path / "services" / "cases"
    (cases / "migrations").mkdir(parents=True)
    (cases / "cases").mkdir()
    (cases / "pyproject.toml").write_text('[project]\nname = "pioneer-cases"\n', encoding="utf-8")
    (cases / "migrations" / "env.py").write_text("", encoding="utf-8")
    (cases / "cases" / "app.py").write_text("", encoding="utf-8")

    assert what_is_missing(cases, root=tmp_path) == ["services/cases/alembic.ini"]
    (cases / "alembic.ini").write_text("", encoding="utf-8")
    assert what_is_missing(cases, root=tmp_path) == []


def test_the_dockerfile_uses_only_the_build_arguments_it_declares() -> None:
    pairs = instructions(DOCKERFILE)
    declared = {arguments.split("=")[0] for keyword, arguments in pairs if keyword == "ARG"}
    assert declared == BUILD_ARGS
    used = set(re.findall(r"\$\{(\w+)\}", DOCKERFILE.read_text(encoding="utf-8")))
    assert used <= BUILD_ARGS | {"PATH"}
    # They must outlive the build: the command and the health check read them when running.
    [*_, final_env] = [arguments for keyword, arguments in pairs if keyword == "ENV"]
    assert "SERVICE=${SERVICE}" in final_env
    assert "PORT=${PORT}" in final_env


def test_the_image_runs_as_a_non_root_user() -> None:
    users = [arguments for keyword, arguments in instructions(DOCKERFILE) if keyword == "USER"]
    assert users
    assert not users[-1].startswith(("root", "0"))


def test_no_service_keeps_a_dockerfile_of_its_own() -> None:
    assert sorted(ROOT.glob("services/*/Dockerfile")) == []

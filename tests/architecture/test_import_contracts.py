"""The architecture contracts `make lint` checks (lint-imports) hold, and catch what they forbid.

The contracts live in the root pyproject.toml ([tool.importlinter]). These tests run them,
as written there, on a tiny workspace of fake packages: clean, it passes; with one forbidden
import added, exactly the contract about it breaks, naming the import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# A workspace laid out as the real one, small enough to read: each module and what it imports.
CLEAN_WORKSPACE = {
    "gridkit/__init__.py": "",
    "gridkit/domain.py": "import dataclasses\n",
    "gridkit/web.py": "import fastapi\n",
    "gateway/__init__.py": "",
    "gateway/server.py": "import gridkit.web\nimport starlette\n",
    "org/__init__.py": "",
    "org/domain/__init__.py": "",
    "org/domain/grid.py": "import gridkit.domain\n",
    "org/repository/__init__.py": "",
    "org/repository/tables.py": "import sqlalchemy\n",
    "org/handlers.py": "import org.domain.grid\nimport org.repository.tables\n",
    "org/schema/__init__.py": "",
    "org/schema/types.py": "import strawberry\nimport org.handlers\n",
    "personnel/__init__.py": "",
    "personnel/domain/__init__.py": "",
    "personnel/domain/person.py": "import gridkit.domain\n",
}

# One forbidden import each: (contract id, module file, the line added, the chain reported).
VIOLATIONS = [
    (
        "domain-is-plain-python",
        "org/domain/grid.py",
        "import sqlalchemy",
        "org.domain.grid -> sqlalchemy",
    ),
    (
        "domain-is-plain-python",
        "personnel/domain/person.py",
        "import gridkit.web",  # which imports fastapi: forbidden even at one remove
        "personnel.domain.person -> gridkit.web",
    ),
    (
        "schema-not-tables",
        "org/schema/types.py",
        "import org.repository.tables",
        "org.schema.types -> org.repository.tables",
    ),
    (
        "services-independent",
        "org/handlers.py",
        "import personnel.domain.person",
        "org.handlers -> personnel.domain.person",
    ),
    (
        "gateway-imports-no-service",
        "gateway/server.py",
        "import org.schema.types",
        "gateway.server -> org.schema.types",
    ),
    (
        # A module nothing imports: gridkit.web would take the gateway along.
        "gridkit-imports-no-service",
        "gridkit/fixtures.py",
        "import personnel",
        "gridkit.fixtures -> personnel",
    ),
]


def importlinter_config() -> dict[str, Any]:
    config: dict[str, Any] = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"][
        "importlinter"
    ]
    return config


def contract_name(contract_id: str) -> str:
    [name] = [c["name"] for c in importlinter_config()["contracts"] if c["id"] == contract_id]
    return str(name)


def workspace(tmp_path: Path, extra: tuple[str, str] | None = None) -> Path:
    """The fake workspace under ``tmp_path``, with the project's own contracts."""
    for relative, source in CLEAN_WORKSPACE.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    if extra is not None:
        relative, line = extra
        with (tmp_path / relative).open("a", encoding="utf-8") as module:  # created if new
            module.write(line + "\n")
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    return tmp_path


def lint_imports(directory: Path) -> subprocess.CompletedProcess[str]:
    # The fake packages first on the path, so they shadow the real ones of the same names.
    env = {**os.environ, "PYTHONPATH": str(directory), "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_contracts_pass_on_a_workspace_that_keeps_them(tmp_path: Path) -> None:
    result = lint_imports(workspace(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    contracts = importlinter_config()["contracts"]
    assert f"Contracts: {len(contracts)} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(("contract", "module", "line", "chain"), VIOLATIONS)
def test_a_forbidden_import_breaks_exactly_its_contract(
    tmp_path: Path, contract: str, module: str, line: str, chain: str
) -> None:
    result = lint_imports(workspace(tmp_path, (module, line)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract_name(contract)} BROKEN" in result.stdout
    assert f"{len(importlinter_config()['contracts']) - 1} kept, 1 broken." in result.stdout
    assert chain in result.stdout


def service_packages() -> list[str]:
    """Every service folder's package name (``services/<name>`` holds package ``<name>``)."""
    return sorted(p.parent.name for p in ROOT.glob("services/*/pyproject.toml"))


def test_every_package_of_the_workspace_is_under_the_contracts() -> None:
    config = importlinter_config()
    contracts = {c["id"]: c for c in config["contracts"]}
    for service in service_packages():
        hint = f"add {service!r} to [tool.importlinter] in pyproject.toml"
        assert service in config["root_packages"], hint + ": root_packages"
        assert service in contracts["services-independent"]["modules"], hint + ": independence"
        assert service in contracts["gateway-imports-no-service"]["forbidden_modules"], hint
        assert service in contracts["gridkit-imports-no-service"]["forbidden_modules"], hint
    assert {"gridkit", "gateway"} <= set(config["root_packages"])

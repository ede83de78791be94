"""A throwaway PostgreSQL cluster for the tests: `initdb` in a temporary folder, listening on a
Unix socket only, stopped and removed afterwards.

`postgres` refuses to run as root, so as root (CI) the cluster belongs to the `postgres` system
user (made by the `postgresql` package; `nobody` otherwise) and its commands run through
`runuser`. The binaries are found on PATH or in /usr/lib/postgresql/*/bin (Debian's place).
`BRIEF_TEST_PG` (a libpq URI) points the tests at a server of one's own instead.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

HBA = """\
local all pwuser scram-sha-256
local all all trust
"""
"""Logins: `pwuser` must give its password (the tests of a refused login); anyone else is
trusted (a socket in a private folder)."""


def find_binary(name: str) -> str | None:
    """`initdb` or `pg_ctl`: on PATH, else the newest /usr/lib/postgresql/N/bin."""
    found = shutil.which(name)
    if found:
        return found

    def version(path: str) -> int:
        number = Path(path).parent.parent.name
        return int(number) if number.isdigit() else 0

    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=version)
    return versions[-1] if versions else None


def available() -> bool:
    """True when a cluster can be started here."""
    return bool(find_binary("initdb") and find_binary("pg_ctl"))


class Cluster:
    """A cluster in a temporary folder; `uri(db)` connects to one of its databases."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="brief-pg-"))
        self.data = self.folder / "data"
        self.user: str | None = None
        if os.geteuid() == 0:
            self.user = "postgres" if _user_exists("postgres") else "nobody"
            entry = pwd.getpwnam(self.user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.user:
            command = ["runuser", "-u", self.user, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stdout}{done.stderr}")

    def start(self) -> None:
        """initdb, then start the server on a socket in the folder (no TCP)."""
        initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
        assert initdb and pg_ctl
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-sync")  # fmt: skip
        (self.data / "pg_hba.conf").write_text(HBA)
        self.resume()

    def resume(self) -> None:
        """Start the server again (after `pause`), on the same socket, with its data."""
        pg_ctl = find_binary("pg_ctl")
        assert pg_ctl
        options = f"-c listen_addresses='' -k {self.folder} -c fsync=off -c max_connections=200"
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "log"), "-w", "start")  # fmt: skip

    def pause(self) -> None:
        """Stop the server at once, keeping its data (the tests of a server that goes away;
        `resume` brings it back). Only for a cluster of the test's own: others share theirs."""
        pg_ctl = find_binary("pg_ctl")
        assert pg_ctl
        self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def stop(self) -> None:
        """Stop the server (at once) and remove the folder."""
        pg_ctl = find_binary("pg_ctl")
        try:
            if pg_ctl and (self.data / "postmaster.pid").exists():
                self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def uri(self, db: str = "postgres", user: str = "postgres") -> str:
        """A libpq URI for a database of the cluster, through its socket."""
        return f"postgresql:///{db}?host={self.folder}&user={user}"


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True

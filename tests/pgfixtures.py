"""Fixtures for the tests that need PostgreSQL: one throwaway cluster per test process, and a
fresh database per test.

Without the server binaries these tests skip, unless `CI=true`, where they fail: CI installs
PostgreSQL (`make test`), so a skip there would hide that the server backend went untested.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest

from .pgcluster import Cluster, available


def need_server_binaries() -> None:
    """Skip the test when PostgreSQL's initdb/pg_ctl are missing; under `CI=true`, fail it."""
    if not available():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL's initdb/pg_ctl not found, and CI=true: install postgresql")
        pytest.skip("PostgreSQL's initdb/pg_ctl not found (apt-get install postgresql)")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[str]:
    """A libpq URI of the maintenance database of a running server (started here)."""
    own = os.environ.get("BRIEF_TEST_PG", "").strip()
    if own:
        yield own
        return
    need_server_binaries()
    cluster = Cluster()
    try:
        cluster.start()
        yield cluster.uri()
    finally:
        cluster.stop()


@pytest.fixture
def pg_uri(pg_cluster: str) -> Iterator[str]:
    """A URI of a fresh, empty database on the test server, dropped afterwards."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_cluster, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    head, _, query = pg_cluster.partition("?")
    base = head.rsplit("/", 1)[0]
    yield f"{base}/{name}" + (f"?{query}" if query else "")
    with psycopg.connect(pg_cluster, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

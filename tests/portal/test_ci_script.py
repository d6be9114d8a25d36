"""CI fails instead of skipping: under CI=true a missing browser, HTML checker or PostgreSQL fails the
run (tests/conftest.py and .ci/run), while a newcomer's `make test` without CI still skips those tests
and says why. Each case runs pytest or .ci/run in a subprocess with the thing made missing. None of the
tests run inside touches a database (they stop before it), so they never meet this run's test database."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
E2E_TEST = "tests/e2e/test_keyboard_and_zoom.py::test_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content"
VNU_TEST = "tests/e2e/test_html_validity.py"
# The browser journeys run in the SQLite run only (their server is SQLite whatever the suite's database),
# so the runs of them below are on SQLite in the PostgreSQL run too (an in-memory test database).
ON_SQLITE = {"DATABASE_URL": "sqlite:///unused-by-the-journeys.sqlite3"}


def pytest_run(*args, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS", "CHROMIUM_PATH")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:randomly", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_without_ci_a_missing_chromium_skips_the_journeys_and_says_why():
    run = pytest_run(E2E_TEST, CHROMIUM_PATH="/nonexistent/chromium", **ON_SQLITE)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 skipped" in run.stdout and "needs Chromium at /nonexistent/chromium" in run.stdout


def test_under_ci_a_missing_chromium_fails_the_journeys():
    run = pytest_run(E2E_TEST, CI="true", CHROMIUM_PATH="/nonexistent/chromium", **ON_SQLITE)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "2 errors" in run.stdout and "skipped" not in run.stdout.splitlines()[-1]
    assert "CI=true: this test may not be skipped in CI" in run.stdout
    assert "needs Chromium at /nonexistent/chromium" in run.stdout


@pytest.mark.parametrize("ci", ["", "true"])
def test_a_missing_html_checker_skips_without_ci_and_fails_under_ci(tmp_path, ci):
    # No java on the PATH, no vnu.jar where the test looks (VNU_JAR unset, an empty home).
    path = f"{Path(sys.executable).parent}:/nonexistent"
    run = pytest_run(VNU_TEST, CI=ci, VNU_JAR="", HOME=str(tmp_path), PATH=path, **ON_SQLITE)
    if ci:
        assert run.returncode == 1 and "1 error" in run.stdout, run.stdout + run.stderr
        assert "CI=true: this test may not be skipped in CI" in run.stdout
    else:
        assert run.returncode == 0 and "1 skipped" in run.stdout, run.stdout + run.stderr
    assert "needs java and vnu.jar" in run.stdout


def test_under_ci_the_other_databases_tests_may_still_skip():
    # The one skip CI allows: tests for the other database (the other run of .ci/run covers them).
    module = (
        "tests/portal/test_postgres_indexes.py"
        if connection.vendor == "sqlite"
        else "tests/directory/test_fulltext.py"
    )
    run = pytest_run(module, CI="true")
    assert run.returncode == 0, run.stdout + run.stderr
    assert " skipped in " in run.stdout.splitlines()[-1] and "passed" not in run.stdout.splitlines()[-1]


def stubs(tmp_path, **scripts) -> str:
    """A PATH whose first directory holds these commands as tiny shell scripts."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in scripts.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return f"{bin_dir}:{os.environ['PATH']}"


def ci_run(tmp_path, path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS", "CHROMIUM_PATH")}
    return subprocess.run(
        [str(ROOT / ".ci/run")],
        cwd=ROOT,
        env={**clean, "PATH": path, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_under_ci_an_unreachable_postgresql_fails_ci_run(tmp_path):
    # PostgreSQL never answers and cannot be started; waiting and Redis are stubbed out so nothing runs.
    path = stubs(
        tmp_path, pg_isready="exit 2", pg_ctlcluster="exit 1", sleep="exit 0", **{"redis-cli": "exit 0"}
    )
    run = ci_run(tmp_path, path, CI="true")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "PostgreSQL is not reachable on 127.0.0.1:5432" in run.stderr
    assert "CI passed" not in run.stdout and "test suite on SQLite" not in run.stdout


def test_under_ci_a_test_skipped_for_a_missing_tool_fails_ci_run(tmp_path):
    # Everything is "there" (stubs); `make test` passes but reports one skip that is not a database's.
    home = tmp_path / "home"
    jar = home / ".cache/ninemonths-qa/node_modules/vnu-jar/build/dist/vnu.jar"
    jar.parent.mkdir(parents=True)
    jar.write_text("stub")
    junit = (
        '<testsuites><testsuite><testcase classname="tests.portal.test_x" name="test_pg">'
        '<skipped message="postgres_only (this run is on sqlite): PostgreSQL indexes"/></testcase>'
        '<testcase classname="tests.e2e.test_y" name="test_journey">'
        '<skipped message="needs Chromium at /usr/bin/chromium"/></testcase></testsuite></testsuites>'
    )
    make = f"""for a in $PYTEST_ADDOPTS; do case "$a" in --junitxml=*) echo '{junit}' > "${{a#--junitxml=}}";; esac; done
echo '1 passed, 2 skipped in 0.01s'"""
    path = stubs(
        tmp_path,
        pg_isready="exit 0",
        sleep="exit 0",
        java="exit 0",
        wrk="exit 0",
        make=make,
        **{"redis-cli": "exit 0"},
    )
    run = ci_run(tmp_path, path, CI="true", HOME=str(home), CHROMIUM_PATH="/bin/true")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "CI: 2 skipped: 1 marked postgres_only" in run.stdout
    assert (
        "1 skipped for another reason" in run.stderr and "needs Chromium at /usr/bin/chromium" in run.stderr
    )
    assert "CI passed" not in run.stdout and "lint, migrations" not in run.stdout

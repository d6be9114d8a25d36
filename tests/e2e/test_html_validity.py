"""Every page type passes the Nu HTML checker (vnu.jar) with zero errors.

The HTML is fetched as the server sends it (GET pages, plus the pages only a POST shows) and checked in
one run of the checker, together with a canary page that has one known error: the checker must report
that error and exit with status 1, so a checker that crashed, checked nothing or printed something
else fails the test instead of passing it. It needs Java and vnu.jar: VNU_JAR, or the copy `.ci/run`
installs (or ../shared/qa/qa-setup.sh). Without them the test is skipped and says why (a failure under
CI=true; see tests/conftest.py).
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.e2e.server import fetch_posted_pages

JAR_PLACES = [
    os.environ.get("VNU_JAR", ""),
    str(Path.home() / ".cache/ninemonths-qa/node_modules/vnu-jar/build/dist/vnu.jar"),  # .ci/run's copy
    "/tmp/qa/node/node_modules/vnu-jar/build/dist/vnu.jar",  # noqa: S108 - ../shared/qa/qa-setup.sh's copy
]
JAR = next((place for place in JAR_PLACES if place and Path(place).is_file()), None)
JAVA = shutil.which("java")

pytestmark = pytest.mark.skipif(
    not (JAR and JAVA),
    reason="needs java and vnu.jar (apt-get install default-jre-headless; set VNU_JAR, or run .ci/run once)",
)

# A page with exactly one error the checker always reports.
CANARY = (
    '<!DOCTYPE html><html lang="en"><head><title>canary</title></head><body><p><div></div></p></body></html>'
)
CANARY_ERROR = "No “p” element in scope but a “p” end tag seen."


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our loopback server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def run_checker(files: list[Path]) -> list[dict]:
    """The checker's messages for these files; fails unless they really are the checker's report."""
    run = subprocess.run(
        [JAVA, "-jar", JAR, "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        report = json.loads(run.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"the Nu HTML checker gave no JSON report (exit {run.returncode}):\n{run.stderr[-3000:]}")
    assert isinstance(report, dict) and "version" in report and isinstance(report.get("messages"), list), (
        f"not a Nu HTML checker report: {run.stderr[-3000:]}"
    )
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    # vnu exits 1 when it found an error and 0 when it found none; anything else is a crash.
    assert run.returncode == (1 if errors else 0), (
        f"the checker exited {run.returncode}:\n{run.stderr[-3000:]}"
    )
    return report["messages"]


def test_every_page_type_is_valid_html(live_url, site_pages, tmp_path):
    pages = {name: _fetch(live_url + path) for name, path in site_pages.items()}
    pages.update(fetch_posted_pages(live_url, site_pages["package-enquiry"]))  # one centre: no choice to make
    expected_status = {"not-found": 404, "enquiry-errors": 200}
    files = {}
    for name, (status, html) in pages.items():
        assert status == expected_status.get(name, 200), f"{name}: status {status}"
        if name.endswith("-errors"):
            assert "data-error-summary" in html, f"{name} shows no errors"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_text(html)
    assert len(files) >= 20
    canary = tmp_path / "canary.html"
    canary.write_text(CANARY)
    messages = run_checker([*files.values(), canary])
    by_file = {path.name: name for name, path in files.items()} | {canary.name: "canary"}
    errors = [
        f"{by_file.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert f"canary:1: {CANARY_ERROR}" in errors, f"the checker did not report the canary's error: {errors}"
    errors.remove(f"canary:1: {CANARY_ERROR}")
    assert errors == [], "the Nu HTML checker found:\n" + "\n".join(errors)

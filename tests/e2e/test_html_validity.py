"""Every page type passes the Nu HTML checker (vnu.jar) with zero errors.

The HTML is fetched as the server sends it (GET pages, plus the pages only a POST shows) and checked in
one run of the checker. It needs Java and vnu.jar: VNU_JAR, or the copy `qa-setup.sh` installs under
/tmp/qa (CI installs both; see .ci/run). Without them the test is skipped and says why.
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
    "/tmp/qa/node/node_modules/vnu-jar/build/dist/vnu.jar",  # noqa: S108 - where qa-setup.sh puts it
]


def _vnu_jar() -> str | None:
    return next((place for place in JAR_PLACES if place and Path(place).is_file()), None)


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our loopback server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_every_page_type_is_valid_html(live_url, site_pages, tmp_path):
    jar, java = _vnu_jar(), shutil.which("java")
    if not (jar and java):
        pytest.skip("needs java and vnu.jar (set VNU_JAR, or run ../shared/qa/qa-setup.sh)")
    pages = {name: _fetch(live_url + path) for name, path in site_pages.items()}
    pages.update(fetch_posted_pages(live_url, site_pages["doctor-enquiry"]))
    expected_status = {"not-found": 404, "enquiry-errors": 200}
    files = {}
    for name, (status, html) in pages.items():
        assert status == expected_status.get(name, 200), f"{name}: status {status}"
        if name.endswith("-errors"):
            assert "data-error-summary" in html, f"{name} shows no errors"
        files[name] = tmp_path / f"{name}.html"
        files[name].write_text(html)
    run = subprocess.run(
        [java, "-jar", jar, "--errors-only", "--format", "json", *map(str, files.values())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    by_file = {path.name: name for name, path in files.items()}
    errors = [
        f"{by_file.get(Path(m.get('url', '')).name, m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == [], "the Nu HTML checker found:\n" + "\n".join(errors)
    assert len(files) >= 20

"""Run pip-audit on the pinned requirements and fail loudly if it could not audit them.

pip-audit exits 0 when its vulnerability database is unreachable, having skipped every package. This
wrapper counts what was really audited: it fails when any package was skipped, when nothing was
audited, or when a known vulnerability was found.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIT = ROOT / ".venv-audit" / "bin" / "pip-audit"


def main() -> int:
    status = 0
    for requirements in ("requirements.txt", "requirements-dev.txt"):
        with tempfile.NamedTemporaryFile(suffix=".json") as report:
            result = subprocess.run(  # noqa: S603 - fixed argv
                [
                    str(AUDIT),
                    "--no-deps",
                    "--disable-pip",
                    "-r",
                    str(ROOT / requirements),
                    "--format",
                    "json",
                    "--output",
                    report.name,
                    "--progress-spinner",
                    "off",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            try:
                data = json.loads(Path(report.name).read_text() or "{}")
            except json.JSONDecodeError:
                data = {}
        deps = data.get("dependencies", [])
        skipped = [d for d in deps if d.get("skip_reason")]
        audited = [d for d in deps if not d.get("skip_reason")]
        vulnerable = [d for d in audited if d.get("vulns")]
        print(f"{requirements}: {len(audited)} audited, {len(skipped)} skipped, {len(vulnerable)} vulnerable")
        for d in vulnerable:
            ids = ", ".join(v["id"] for v in d["vulns"])
            print(f"  VULNERABLE {d['name']} {d['version']}: {ids}")
        for d in skipped[:5]:
            print(f"  skipped {d['name']}: {d['skip_reason']}")
        if not audited or skipped:
            print(
                f"  FAILED: pip-audit could not audit {requirements} (no vulnerability database reachable?)"
            )
            print("  " + (result.stderr.strip().splitlines() or [""])[-1])
            status = 1
        if vulnerable:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())

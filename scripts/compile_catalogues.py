"""Compile every translation catalogue (locale/<lang>/LC_MESSAGES/django.po) to the .mo file Django
reads, with polib: no GNU gettext needed, so a fresh clone needs nothing installed by hand.

`make run`, `make test` and `make serve` run this whenever a .po file is newer than its .mo. A fuzzy
entry is left out of the compiled catalogue (as msgfmt does), so it shows in English until reviewed.
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def compile_catalogue(po_path: Path) -> Path:
    catalogue = polib.pofile(str(po_path))
    for entry in [e for e in catalogue if e.fuzzy]:
        catalogue.remove(entry)
    mo_path = po_path.with_suffix(".mo")
    catalogue.save_as_mofile(str(mo_path))
    return mo_path


def main(paths: list[str]) -> None:
    for po_path in [Path(p) for p in paths] or sorted(ROOT.glob("locale/*/LC_MESSAGES/*.po")):
        print(f"compiled {compile_catalogue(po_path)}")


if __name__ == "__main__":
    main(sys.argv[1:])

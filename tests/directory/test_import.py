"""import_directory: every problem reported with its line, nothing written unless all is well."""

import io
import subprocess
import sys
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import City, Gynecologist, Hospital, Language, MaternityPackage
from tests.factories import CityFactory, GynecologistFactory, HospitalFactory, LanguageFactory

pytestmark = pytest.mark.django_db

DOCTOR_HEADER = (
    "registration_number,name,gender,city,state,hospital,locality,qualifications,"
    "experience_years,consultation_fee_inr,languages,bio"
)
PACKAGE_HEADER = "hospital,city,state,locality,name,delivery_type,room_type,price_inr,nights,inclusions,exclusions,valid_until"
GOOD_DOCTORS = f"""{DOCTOR_HEADER}
MMC-2009/04/11234,Dr Asha Kulkarni,female,Pune,Maharashtra,Ankur Women's Hospital,Baner,MBBS; MS (OBG),14,900,Marathi;English,Antenatal clinic on weekdays.
MMC-2012/01/20001,Dr Rohan Deshpande,male,Pune,maharashtra,Ankur Women's Hospital;Janani Maternity Home,Baner;Kothrud,"MBBS, DNB (OBG)",9,"1,200",English,
KMC-40001,Dr Kavya Hegde,female,Bengaluru,Karnataka,,,MBBS; DGO,22,1500,Kannada;English;Hindi,
"""
GOOD_PACKAGES = f"""{PACKAGE_HEADER}
Ankur Women's Hospital,Pune,Maharashtra,Baner,"Normal delivery, twin sharing",normal,twin_sharing,45000,2,Delivery charges;Room rent;Medicines,NICU stay;Blood products,
Ankur Women's Hospital,Pune,Maharashtra,Baner,"Caesarean, twin sharing",caesarean,twin_sharing,95000,4,Surgeon's fee;Room rent,NICU stay,2030-03-31
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_directory", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        return 1, out.getvalue(), err.getvalue(), str(exc)
    return 0, out.getvalue(), err.getvalue(), ""


def test_good_files_are_imported_with_derived_data(tmp_path):
    status, out, err, _ = run(
        "--doctors",
        write(tmp_path, "d.csv", GOOD_DOCTORS),
        "--packages",
        write(tmp_path, "p.csv", GOOD_PACKAGES),
    )
    assert status == 0, err
    assert "3 doctors created" in out and "2 packages created" in out
    asha = Gynecologist.objects.get(registration_number="MMC-2009/04/11234")
    assert (asha.name, asha.slug, asha.gender, asha.experience_years, asha.consultation_fee) == (
        "Dr Asha Kulkarni",
        "dr-asha-kulkarni",
        "female",
        14,
        900,
    )
    assert asha.qualifications == "MBBS, MS (OBG)"
    assert asha.city.name == "Pune" and asha.city.state == "Maharashtra"
    assert asha.bio == "Antenatal clinic on weekdays."
    assert (
        asha.language_mask
        == Language.objects.get(name="Marathi").mask | Language.objects.get(name="English").mask
    )
    assert asha.search_text == "dr asha kulkarni mbbs, ms (obg) ankur women's hospital baner pune"
    rohan = Gynecologist.objects.get(slug="dr-rohan-deshpande")
    assert rohan.consultation_fee == 1200
    assert sorted(rohan.hospitals.values_list("name", "locality")) == [
        ("Ankur Women's Hospital", "Baner"),
        ("Janani Maternity Home", "Kothrud"),
    ]
    assert City.objects.count() == 2  # "maharashtra" matched Pune, Maharashtra
    assert Gynecologist.objects.get(slug="dr-kavya-hegde").hospitals.count() == 0
    normal = MaternityPackage.objects.get(name="Normal delivery, twin sharing")
    assert normal.slug == "ankur-womens-hospital-normal-delivery-twin-sharing"
    assert (normal.price, normal.nights, normal.valid_until) == (45000, 2, None)
    assert normal.inclusions == ["Delivery charges", "Room rent", "Medicines"]
    assert normal.exclusions == ["NICU stay", "Blood products"]
    assert normal.city.slug == "pune"
    assert normal.hospital == asha.hospitals.get()
    caesarean = MaternityPackage.objects.get(delivery_type="caesarean")
    assert caesarean.valid_until == date(2030, 3, 31)
    assert MaternityPackage.objects.with_caesarean_price().get(pk=normal.pk).caesarean_price == 95000


def test_second_import_changes_nothing_and_then_updates_by_natural_key(tmp_path):
    doctors = write(tmp_path, "d.csv", GOOD_DOCTORS)
    run("--doctors", doctors)
    slugs = sorted(Gynecologist.objects.values_list("slug", flat=True))
    status, out, _, _ = run("--doctors", doctors)
    assert "3 doctors unchanged" in out
    changed = GOOD_DOCTORS.replace(",14,900,Marathi;English,", ",15,950,Hindi,")
    status, out, _, _ = run("--doctors", write(tmp_path, "d2.csv", changed))
    assert status == 0 and "1 doctors updated" in out and "2 doctors unchanged" in out
    asha = Gynecologist.objects.get(registration_number="MMC-2009/04/11234")
    assert (asha.experience_years, asha.consultation_fee) == (15, 950)
    assert list(asha.languages.values_list("name", flat=True)) == ["Hindi"]
    assert asha.language_mask == Language.objects.get(name="Hindi").mask
    assert sorted(Gynecologist.objects.values_list("slug", flat=True)) == slugs
    assert Gynecologist.objects.count() == 3


def test_updated_package_lists_are_saved(tmp_path):
    run("--packages", write(tmp_path, "p.csv", GOOD_PACKAGES))
    changed = GOOD_PACKAGES.replace("Delivery charges;Room rent;Medicines", "Delivery charges").replace(
        "45000", "47000"
    )
    _, out, _, _ = run("--packages", write(tmp_path, "p2.csv", changed))
    assert "1 packages updated" in out
    package = MaternityPackage.objects.get(name="Normal delivery, twin sharing")
    assert (package.price, package.inclusions) == (47000, ["Delivery charges"])


def test_a_bad_file_reports_every_problem_with_its_line_and_writes_nothing(tmp_path):
    path = write(
        tmp_path,
        "doctors.csv",
        f"""{DOCTOR_HEADER}
MMC-1,Dr Good Row,female,Pune,Maharashtra,Ankur,Baner,MBBS,10,800,Marathi,
MMC-2,Dr Bad Numbers,female,Pune,Maharashtra,Ankur,Baner,MBBS,ten,-300,Marathi,
MMC-3,,other,Pune,Maharastra,Ankur,Baner,MBBS,71,800,,
mmc-1,Dr Duplicate,male,Pune,Maharashtra,,Baner,,5,2.5,,
""",
    )
    status, _, err, message = run("--doctors", path)
    assert status == 1
    assert err.splitlines() == [
        f"{path}:3: experience_years: 'ten' is not a whole number of years",
        f"{path}:3: consultation_fee_inr: must not be negative (got -300)",
        f"{path}:4: name: is required and is empty",
        f"{path}:4: gender: unknown value 'other'; use one of: female, male",
        f"{path}:4: state: unknown Indian state or union territory 'Maharastra'",
        f"{path}:4: experience_years: 71 is out of range (0 to 70 years)",
        f"{path}:5: locality: is given but hospital is empty",
        f"{path}:5: qualifications: is required and is empty",
        f"{path}:5: consultation_fee_inr: '2.5' is not a whole number of rupees",
        f"{path}:5: registration_number: 'mmc-1' is already on line 2",
    ]
    assert message == "10 problem(s) found; nothing was written."
    assert not Gynecologist.objects.exists() and not City.objects.exists() and not Hospital.objects.exists()


def test_package_problems(tmp_path):
    path = write(
        tmp_path,
        "packages.csv",
        f"""{PACKAGE_HEADER}
Ankur,Pune,Maharashtra,,Basic,natural,ward,-1,two,,,31/03/2030
Ankur,Pune,Maharashtra,,Basic,normal,general,40000,2,,,2030-02-30
ankur,pune,Maharashtra,,basic,normal,general,40000,2,,,
""",
    )
    status, _, err, _ = run("--packages", path)
    assert status == 1
    assert err.splitlines() == [
        f"{path}:2: delivery_type: unknown value 'natural'; use one of: normal, instrumental, caesarean, caesarean_tubectomy",
        f"{path}:2: room_type: unknown value 'ward'; use one of: general, twin_sharing, single, deluxe, suite",
        f"{path}:2: price_inr: must not be negative (got -1)",
        f"{path}:2: nights: 'two' is not a whole number of nights",
        f"{path}:2: valid_until: '31/03/2030' is not a date in the form YYYY-MM-DD",
        f"{path}:3: valid_until: '2030-02-30' is not a date in the form YYYY-MM-DD",
        f"{path}:3: name: Ankur already has a package named 'Basic' on line 2",
        f"{path}:4: name: ankur already has a package named 'basic' on line 2",
    ]
    assert not MaternityPackage.objects.exists()


def test_missing_and_unknown_columns_are_reported_on_line_1(tmp_path):
    path = write(
        tmp_path,
        "d.csv",
        "registration_number,name,gender,city,state,fee\nX,Dr X,female,Pune,Maharashtra,5\n",
    )
    status, _, err, _ = run("--doctors", path)
    assert status == 1
    assert err.splitlines() == [
        f"{path}:1: {column}: required column is missing from the header"
        for column in (
            "hospital",
            "locality",
            "qualifications",
            "experience_years",
            "consultation_fee_inr",
            "languages",
        )
    ] + [f"{path}:1: fee: unknown column; expected {DOCTOR_HEADER}"]


def test_a_file_without_the_optional_columns_is_refused_rather_than_erasing_what_they_hold(tmp_path):
    """Review finding: absent columns read as empty cells, and a re-import without them silently took
    a doctor's centres and languages, and a package's lists and end date, away."""
    assert (
        run(
            "--doctors",
            write(tmp_path, "d.csv", GOOD_DOCTORS),
            "--packages",
            write(tmp_path, "p.csv", GOOD_PACKAGES),
        )[0]
        == 0
    )
    doctors = write(
        tmp_path,
        "d2.csv",
        "registration_number,name,gender,city,state,qualifications,experience_years,consultation_fee_inr\n"
        "MMC-2009/04/11234,Dr Asha Kulkarni,female,Pune,Maharashtra,MBBS; MS (OBG),14,900\n",
    )
    packages = write(
        tmp_path,
        "p2.csv",
        "hospital,city,state,name,delivery_type,room_type,price_inr,nights\n"
        'Ankur Women\'s Hospital,Pune,Maharashtra,"Caesarean, twin sharing",caesarean,twin_sharing,95000,4\n',
    )
    status, _, err, _ = run("--doctors", doctors, "--packages", packages)
    assert status == 1
    assert f"{doctors}:1: hospital: required column is missing from the header" in err.splitlines()
    assert f"{packages}:1: valid_until: required column is missing from the header" in err.splitlines()
    asha = Gynecologist.objects.get(registration_number="MMC-2009/04/11234")
    assert asha.hospitals.count() == 1 and asha.languages.count() == 2
    package = MaternityPackage.objects.get(name="Caesarean, twin sharing")
    assert package.inclusions == ["Surgeon's fee", "Room rent"] and package.valid_until == date(2030, 3, 31)


def test_a_nul_character_in_a_cell_is_reported_not_stored(tmp_path):
    path = write(tmp_path, "d.csv", GOOD_DOCTORS.replace("Dr Kavya Hegde", "Dr Kavya\x00Hegde"))
    status, _, err, _ = run("--doctors", path)
    assert status == 1
    assert err.splitlines() == [f"{path}:4: name: contains a NUL character (0x00)"]
    assert not Gynecologist.objects.exists()


def test_errors_in_one_file_stop_both_files(tmp_path):
    bad_packages = write(
        tmp_path, "p.csv", f"{PACKAGE_HEADER}\nA,Pune,Maharashtra,,B,normal,general,x,2,,,\n"
    )
    status, _, err, _ = run("--doctors", write(tmp_path, "d.csv", GOOD_DOCTORS), "--packages", bad_packages)
    assert status == 1
    assert err.splitlines() == [f"{bad_packages}:2: price_inr: 'x' is not a whole number of rupees"]
    assert not Gynecologist.objects.exists()


def test_line_numbers_count_quoted_newlines_and_wrong_field_counts(tmp_path):
    path = write(
        tmp_path,
        "d.csv",
        f'{DOCTOR_HEADER}\nR1,Dr A,female,Pune,Maharashtra,,,MBBS,1,500,,"two\nline bio"\nR2,Dr B,female\n'
        "R3,Dr C,female,Pune,Maharashtra,,,MBBS,1,abc,,\n",
    )
    _, _, err, _ = run("--doctors", path)
    assert err.splitlines() == [
        f"{path}:4: -: row has 3 fields; the header has 12",
        f"{path}:5: consultation_fee_inr: 'abc' is not a whole number of rupees",
    ]


def test_not_utf8(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes((DOCTOR_HEADER + "\nR1,Dr Ã,female,Pune,Maharashtra,,,MBBS,1,500,,\n").encode("utf-16"))
    status, _, err, _ = run("--doctors", path)
    assert status == 1 and "not UTF-8" in err


def test_a_file_saved_as_latin_1_is_refused_at_the_line_of_its_first_such_letter(tmp_path):
    path = tmp_path / "d.csv"
    rows = [
        DOCTOR_HEADER,
        "R1,Dr Asha Rao,female,Pune,Maharashtra,,,MBBS,1,500,,",
        "R2,Dr Renée Das,female,Pune,Maharashtra,,,MBBS,1,500,,",
    ]
    for ending in ("\n", "\r\n", "\r"):  # the last as Excel for Mac's "CSV (Macintosh)" saves it
        path.write_bytes((ending.join(rows) + ending).encode("latin-1"))
        status, _, err, _ = run("--doctors", path)
        assert status == 1
        assert err.splitlines() == [f"{path}:3: -: the file is not UTF-8 text; save it as CSV UTF-8"]


def test_dry_run_reports_changes_and_writes_nothing(tmp_path):
    status, out, _, _ = run(
        "--doctors",
        write(tmp_path, "d.csv", GOOD_DOCTORS),
        "--packages",
        write(tmp_path, "p.csv", GOOD_PACKAGES),
        "--dry-run",
    )
    assert status == 0
    assert out.startswith("Would change (dry run, nothing written): 3 doctor rows, 2 package rows:")
    assert "3 doctors created" in out and "2 hospitals created" in out and "2 packages created" in out
    assert not Gynecologist.objects.exists() and not Language.objects.exists() and not City.objects.exists()


def test_matches_existing_city_hospital_language_and_keeps_slugs_unique(tmp_path):
    pune = CityFactory(name="Pune", slug="pune", state="Maharashtra")
    HospitalFactory(name="Ankur Women's Hospital", slug="ankur-womens-hospital", city=pune, locality="Baner")
    LanguageFactory(name="Marathi", slug="marathi")
    GynecologistFactory(name="Dr Asha Kulkarni", slug="dr-asha-kulkarni", registration_number="OTHER-1")
    status, _, err, _ = run("--doctors", write(tmp_path, "d.csv", GOOD_DOCTORS))
    assert status == 0, err
    assert Hospital.objects.filter(name="Ankur Women's Hospital").count() == 1
    assert Language.objects.filter(name="Marathi").count() == 1
    imported = Gynecologist.objects.get(registration_number="MMC-2009/04/11234")
    assert (
        imported.slug.startswith("dr-asha-kulkarni-") and len(imported.slug) == len("dr-asha-kulkarni-") + 6
    )


def test_exit_status_is_1_from_the_shell(tmp_path):
    path = write(tmp_path, "d.csv", f"{DOCTOR_HEADER}\nR1,Dr A,female,Pune,Maharashtra,,,MBBS,1,-5,,\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_directory", "--doctors", str(path), "--dry-run"],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "tests.settings",
            "PATH": "/usr/bin:/bin",
            "DATABASE_URL": "sqlite:///:memory:",
        },
        check=False,
    )
    assert result.returncode == 1
    assert f"{path}:2: consultation_fee_inr: must not be negative (got -5)" in result.stderr

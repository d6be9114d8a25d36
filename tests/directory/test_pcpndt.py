"""No prenatal sex determination anywhere (PCPNDT Act 1994): the guard, the admin and import_directory."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from directory.models import Gynecologist, Hospital, MaternityPackage
from directory.pcpndt import normalise, sex_determination_problem, validate_no_sex_determination
from tests.articles.test_admin import admin_form_data
from tests.factories import GynecologistFactory, HospitalFactory, MaternityPackageFactory

ACT = "PCPNDT Act 1994"

REFUSED = [
    # English, with the usual spellings and obfuscations
    "Sex determination",
    "Gender determination available",
    "gender-determination",
    "SEX DETERMINATION",
    "sexdetermination",
    "s e x determination",
    "s.e.x. determination",
    "S3x d3termination",
    "g3nd3r pr3diction",
    "sexxx determination",
    "se\u200bx determination",  # a zero-width space inside the word
    "s\u0435x determination",  # a Cyrillic "е"
    "\u0261ender scan",  # the Latin script "ɡ"
    "ｓｅｘ ｄｅｔｅｒｍｉｎａｔｉｏｎ",  # full-width letters
    "G E N D E R   S C A N",
    "gender scan",
    "Gender reveal party packages",
    "Know your baby's gender",
    "Find out the sex",
    "We can tell you the gender",
    "sex of the baby",
    "the baby's sex",
    "Fetal sex",
    "boy or girl",
    "Boy-or-girl scan",
    "Is it a boy or a girl?",
    "Chinese gender chart",
    "Sex selection",
    # romanised Hindi
    "ladka ya ladki",
    "Ladka hai ya ladki? Pata karein",
    "larka ya larki",
    "l@dka ya l@dki",
    "beta ya beti",
    "Garbh mein ladka hai ya ladki",
    "bhrun ling janch",
    "Bhroon ling jaanch",
    "ling parikshan",
    "ling nirdharan",
    "putra prapti",
    # Devanagari
    "लड़का या लड़की",
    "लडका है या लडकी",
    "भ्रूण लिंग जांच",
    "भ्रूण का लिंग",
    "लिंग जाँच",
    "लिंग परीक्षण",
    "पुत्र प्राप्ति",
    # a statement of the law used as a wink
    "Sex determination is illegal, but call us",
    "Sex determination is not illegal here",
    "Gender determination is banned, so ask at the counter",
]

ALLOWED = [
    "The baby's sex is not disclosed by law.",
    "The law does not allow the baby’s sex to be disclosed.",
    "Sex determination is illegal in India and punishable under the PCPNDT Act.",
    "यहाँ भ्रूण लिंग जांच नहीं की जाती है। यह कानूनन अपराध है।",
    "Girl child welfare scheme",
    "Beti Bachao Beti Padhao",
    "Sex ratio at birth in India has improved.",
    "लिंग अनुपात",
    "Gender equality and respectful maternity care",
    "Boys and girls both need their vaccines on time.",
    "Sex during pregnancy is safe for most couples.",
    "Male and female doctors available",
    "The anomaly scan checks the baby's heart, spine and kidneys.",
    "Check the baby's movements every day.",
    "Know your due date",
    "Tell your doctor about any bleeding.",
    "Ultrasound scans (dating, NT and anomaly)",
    "Single room with attached bathroom; 24x7 NICU",
    "Dr Ling Zhang, MBBS, MS (OBG)",
]


@pytest.mark.parametrize("text", REFUSED)
def test_the_guard_refuses_every_variant_and_names_the_act(text):
    problem = sex_determination_problem(text)
    assert problem is not None, text
    assert ACT in problem


@pytest.mark.parametrize("text", ALLOWED)
def test_innocent_text_and_plain_statements_of_the_law_pass(text):
    assert sex_determination_problem(text) is None


def test_the_message_quotes_the_phrase_and_says_what_to_do():
    assert sex_determination_problem("Book a gender scan today") == (
        "“gender scan” offers or hints at finding out the sex of an unborn baby. The PCPNDT Act 1994 "
        "(Pre-Conception and Pre-Natal Diagnostic Techniques Act) forbids advertising prenatal sex "
        "determination in any form, online included, so this text cannot be saved, imported or "
        "published. Remove it."
    )
    message = sex_determination_problem("We explain sex determination to you.")
    assert message.startswith("“sex determination” mentions finding out the sex of an unborn baby.")
    assert message.endswith("“The law does not allow the baby’s sex to be disclosed.”")
    assert sex_determination_problem(message) is not None  # quoting the phrase is no way round it


def test_normalisation():
    assert normalise("S.E.X   De-ter-mi-na-tion!") == "sex de ter mi na tion"
    assert normalise("Ladkaa  YA  ladkii") == "ladka ya ladki"
    assert normalise("s3x", leet=True) == "sex"
    assert normalise("24 weeks", leet=True) == "24 weks"  # numbers on their own stay numbers
    assert normalise("लड़की") == "लडकी"  # the nukta is dropped


def test_the_validator_checks_lists_item_by_item():
    validate_no_sex_determination(["Delivery charges", "Room rent"])
    with pytest.raises(ValidationError) as caught:
        validate_no_sex_determination(["Delivery charges", "Boy or girl scan"])
    assert caught.value.code == "pcpndt"


# ---- the admin --------------------------------------------------------------------------------


@pytest.fixture
def manager(client, db):
    client.force_login(User.objects.create_superuser("root", password="x" * 16))
    return client


def _field_errors(response, field):
    form = response.context["adminform"].form
    return form.errors.get(field, [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Gender scan package"),
        ("inclusions", "Delivery charges\nBoy or girl scan"),
        ("exclusions", "लिंग जांच"),
    ],
)
def test_the_package_admin_refuses_with_a_message_next_to_the_field(manager, field, value):
    package = MaternityPackageFactory(name="Normal delivery", slug="normal")
    url = f"/admin/directory/maternitypackage/{package.pk}/change/"
    data = admin_form_data(manager.get(url))
    data[field] = value
    response = manager.post(url, data)
    assert response.status_code == 200
    [message] = _field_errors(response, field)
    assert ACT in message
    package.refresh_from_db()
    assert package.name == "Normal delivery" and "Boy or girl scan" not in package.inclusions


@pytest.mark.django_db
def test_the_hospital_admin_refuses_a_description_that_hints_at_it(manager):
    hospital = HospitalFactory(name="Janani Maternity Home", slug="janani", description="Open all day.")
    url = f"/admin/directory/hospital/{hospital.pk}/change/"
    data = admin_form_data(manager.get(url))
    data["description"] = "Modern 4D ultrasound. Ladka ya ladki? Ask us."
    response = manager.post(url, data)
    assert ACT in _field_errors(response, "description")[0]
    assert Hospital.objects.get(pk=hospital.pk).description == "Open all day."


@pytest.mark.django_db
def test_the_doctor_admin_refuses_a_bio_that_offers_it(manager):
    doctor = GynecologistFactory(bio="Twenty years of high-risk pregnancy care.")
    url = f"/admin/directory/gynecologist/{doctor.pk}/change/"
    data = admin_form_data(manager.get(url))
    data["bio"] = "Expert in bhrun ling janch."
    response = manager.post(url, data)
    assert ACT in _field_errors(response, "bio")[0]
    assert Gynecologist.objects.get(pk=doctor.pk).bio == "Twenty years of high-risk pregnancy care."


@pytest.mark.django_db
def test_the_admin_accepts_the_mandated_notice(manager):
    hospital = HospitalFactory(name="Janani Maternity Home", slug="janani")
    url = f"/admin/directory/hospital/{hospital.pk}/change/"
    data = admin_form_data(manager.get(url))
    data["description"] = "Prenatal sex determination is a crime under the PCPNDT Act and is not done here."
    assert manager.post(url, data).status_code == 302


# ---- import_directory -------------------------------------------------------------------------

DOCTOR_HEADER = (
    "registration_number,name,gender,city,state,hospital,locality,qualifications,"
    "experience_years,consultation_fee_inr,languages,bio"
)
PACKAGE_HEADER = "hospital,city,state,locality,name,delivery_type,room_type,price_inr,nights,inclusions,exclusions,valid_until"


def _import(tmp_path, **files):
    args = []
    for option, text in files.items():
        path = tmp_path / f"{option}.csv"
        path.write_text(text, encoding="utf-8")
        args += [f"--{option}", str(path)]
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_directory", *args, stdout=io.StringIO(), stderr=err)
    return caught.value, err.getvalue().splitlines(), [str(tmp_path / f"{o}.csv") for o in files]


@pytest.mark.django_db
def test_import_refuses_each_offending_cell_as_file_line_column_message_and_writes_nothing(tmp_path):
    doctors = (
        f"{DOCTOR_HEADER}\n"
        "MMC-1,Dr Asha Kulkarni,female,Pune,Maharashtra,Ankur Hospital,Baner,MBBS; MS (OBG),14,900,English,"
        "Antenatal clinic on weekdays.\n"
        "MMC-2,Dr Rohan Rao,male,Pune,Maharashtra,Ankur Hospital,Baner,MBBS,9,800,English,"
        '"Gender determination, 100% accurate"\n'
    )
    packages = (
        f"{PACKAGE_HEADER}\n"
        "Ankur Hospital,Pune,Maharashtra,Baner,Normal delivery,normal,general,45000,2,"
        "Delivery charges;Room rent,NICU stay,\n"
        "Ankur Hospital,Pune,Maharashtra,Baner,Caesarean,caesarean,general,95000,4,"
        "Surgeon's fee;l@dka ya l@dki jaanch,NICU stay,\n"
        "Sonography Hospital,Pune,Maharashtra,Baner,Boy or girl scan package,normal,general,5000,1,,,\n"
    )
    error, lines, (doctors_csv, packages_csv) = _import(tmp_path, doctors=doctors, packages=packages)
    assert error.returncode == 1
    assert [line.split(": ")[:2] for line in lines] == [
        [f"{doctors_csv}:3", "bio"],
        [f"{packages_csv}:3", "inclusions"],
        [f"{packages_csv}:4", "name"],
    ]
    assert all(ACT in line for line in lines)
    assert "“gender determination” mentions finding out the sex of an unborn baby." in lines[0]
    assert not Gynecologist.objects.exists() and not MaternityPackage.objects.exists()
    assert not Hospital.objects.exists()

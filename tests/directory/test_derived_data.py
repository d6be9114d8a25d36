"""Derived search columns stay in step whoever writes: the admin, the shell, a data fix."""

import pytest

from directory.models import City, Gynecologist, Hospital, MaternityPackage
from tests.factories import (
    CityFactory,
    GynecologistFactory,
    HospitalFactory,
    LanguageFactory,
    MaternityPackageFactory,
)

pytestmark = pytest.mark.django_db


def search_text(model, pk):
    return model.objects.values_list("search_text", flat=True).get(pk=pk)


def test_adding_a_centre_to_a_doctor_in_the_shell_makes_her_findable_by_it():
    doctor = GynecologistFactory(name="Dr Meera Joshi")
    centre = HospitalFactory(name="Sahyadri Nursing Home", locality="Kothrud")
    doctor.hospitals.add(centre)
    assert "sahyadri nursing home kothrud" in search_text(Gynecologist, doctor.pk)
    assert list(Gynecologist.objects.search("kothrud")) == [doctor]


def test_adding_doctors_from_the_centre_side_refreshes_them_too():
    doctor = GynecologistFactory()
    centre = HospitalFactory(name="Cloudnine Jayanagar")
    centre.doctors.add(doctor)
    assert "cloudnine jayanagar" in search_text(Gynecologist, doctor.pk)
    centre.doctors.clear()
    assert "cloudnine" not in search_text(Gynecologist, doctor.pk)


def test_languages_set_in_the_shell_update_the_language_mask():
    marathi = LanguageFactory(name="Marathi")
    doctor = GynecologistFactory()
    doctor.languages.set([marathi])
    assert Gynecologist.objects.get(pk=doctor.pk).language_mask == 1 << marathi.bit
    assert list(Gynecologist.objects.speaking_all([marathi])) == [doctor]


def test_renaming_a_doctor_refreshes_her_search_text():
    doctor = GynecologistFactory(name="Dr Asha Kulkarni")
    doctor = Gynecologist.objects.get(pk=doctor.pk)
    doctor.name = "Dr Asha Kulkarni-Patil"
    doctor.save()
    assert search_text(Gynecologist, doctor.pk).startswith("dr asha kulkarni-patil ")


def test_renaming_a_centre_in_the_shell_refreshes_its_doctors_and_packages():
    centre = HospitalFactory(name="Old Name Hospital")
    doctor = GynecologistFactory(hospitals=[centre])
    package = MaternityPackageFactory(hospital=centre)
    centre = Hospital.objects.get(pk=centre.pk)
    centre.name = "New Name Hospital"
    centre.save()
    assert "new name hospital" in search_text(Gynecologist, doctor.pk)
    assert "new name hospital" in search_text(MaternityPackage, package.pk)
    assert "old name" not in search_text(MaternityPackage, package.pk)


def test_renaming_a_city_in_the_shell_refreshes_what_mentions_it():
    city = CityFactory(name="Bangalore", slug="bangalore")
    centre = HospitalFactory(city=city)
    doctor = GynecologistFactory(city=city, hospitals=[centre])
    package = MaternityPackageFactory(hospital=centre)
    city = City.objects.get(pk=city.pk)
    city.name = "Bengaluru"
    city.save()
    assert search_text(Gynecologist, doctor.pk).endswith(" bengaluru")
    assert search_text(MaternityPackage, package.pk).endswith(" bengaluru")


def test_a_doctor_saved_after_a_centre_change_keeps_the_new_search_text():
    doctor = GynecologistFactory()
    doctor.hospitals.add(HospitalFactory(name="Motherhood Hospital", locality="Kharadi"))
    doctor.bio = "Special interest in high-risk pregnancy."
    doctor.save()
    assert "motherhood hospital kharadi" in search_text(Gynecologist, doctor.pk)


def test_a_deleted_language_leaves_its_speakers_masks_and_its_bit_is_not_inherited():
    """Deleting a language removes its join rows without an m2m signal; its bit goes to the next new
    language, which its old speakers must not appear to speak (filter and cards)."""
    from directory.cards import doctor_cards
    from directory.models import Language

    oriya, hindi = LanguageFactory(name="Oriya"), LanguageFactory(name="Hindi")
    doctor = GynecologistFactory(languages=[oriya, hindi])
    freed = oriya.bit
    oriya.delete()
    assert Gynecologist.objects.get(pk=doctor.pk).language_mask == 1 << hindi.bit
    konkani = Language.objects.create(name="Konkani", slug="konkani")
    assert konkani.bit == freed
    assert list(Gynecologist.objects.speaking_all([konkani])) == []
    assert doctor_cards(Gynecologist.objects.for_cards())[0]["languages"] == "Hindi"


def test_moving_a_languages_bit_moves_it_in_its_speakers_masks():
    marathi = LanguageFactory(name="Marathi")
    doctor = GynecologistFactory(languages=[marathi])
    marathi.bit = 40
    marathi.save()
    assert Gynecologist.objects.get(pk=doctor.pk).language_mask == 1 << 40
    assert list(Gynecologist.objects.speaking_all([marathi])) == [doctor]

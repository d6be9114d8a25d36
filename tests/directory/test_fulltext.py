"""SQLite full-text index (FTS5) behind the text filters: kept in step by triggers, word-prefix matches."""

import pytest
from django.db import connection

from directory.models import Gynecologist, MaternityPackage
from tests.factories import GynecologistFactory, HospitalFactory, MaternityPackageFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.sqlite_only(reason="FTS5 is SQLite's; PostgreSQL uses trigram indexes"),
]


def found(q):
    return list(Gynecologist.objects.search(q).values_list("name", flat=True))


def test_words_are_found_by_their_beginning_in_any_order():
    GynecologistFactory(
        name="Dr Asha Kulkarni", hospitals=[HospitalFactory(name="Sahyadri Hospital", locality="Kothrud")]
    )
    GynecologistFactory(name="Dr Meera Iyer")
    assert found("kulk") == ["Dr Asha Kulkarni"]
    assert found("kothrud asha") == ["Dr Asha Kulkarni"]
    assert found("KULKARNI") == ["Dr Asha Kulkarni"]
    assert found("asha iyer") == []
    assert found("!!!") == []


def test_the_index_follows_inserts_updates_and_deletes():
    doctor = GynecologistFactory(name="Dr Asha Kulkarni")
    doctor.name = "Dr Asha Deshpande"
    doctor.save()
    doctor.refresh_derived()
    assert found("deshpande") == ["Dr Asha Deshpande"]
    assert found("kulkarni") == []
    Gynecologist.objects.filter(pk=doctor.pk).delete()
    assert found("deshpande") == []


def test_packages_are_searched_through_their_index_too():
    MaternityPackageFactory(
        name="Normal delivery twin sharing", hospital=HospitalFactory(name="Cloudbirth Centre")
    )
    assert list(MaternityPackage.objects.search("cloudb").values_list("name", flat=True)) == [
        "Normal delivery twin sharing"
    ]


def test_a_text_search_reads_the_fulltext_index_not_the_table():
    sql, params = Gynecologist.objects.search("kulkarni").values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " ".join(row[3] for row in cursor.fetchall())
    assert "directory_gynecologist_fts VIRTUAL TABLE INDEX" in plan
    assert "SCAN directory_gynecologist " not in plan + " "


def test_every_trigger_survives_the_migrations():
    """Later migrations rebuild these tables on SQLite; post_migrate puts the triggers back."""
    from directory.fulltext import missing_triggers

    assert missing_triggers(connection) == []


def test_missing_triggers_are_put_back_after_migrate():
    from directory.apps import DirectoryConfig
    from directory.fulltext import ensure_triggers, missing_triggers

    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER directory_gynecologist_fts_update")
    assert missing_triggers(connection) == ["directory_gynecologist_fts_update"]
    ensure_triggers(DirectoryConfig)
    assert missing_triggers(connection) == []
    doctor = GynecologistFactory(name="Dr Nandini Rao")
    assert found("nandini") == ["Dr Nandini Rao"]
    Gynecologist.objects.filter(pk=doctor.pk).update(search_text="dr nandini rao-iyer")
    assert found("iyer") == ["Dr Nandini Rao"]

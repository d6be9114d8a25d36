"""The spelling vocabulary and the lexicon (directory.vocabulary, directory.lexicon): kept in step
with what the site lists, looked up through trigram indexes on both databases, and used to correct
a query that found nothing."""

import pytest
from django.db import connection

from directory import lexicon, vocabulary
from directory.models import SearchTerm, SearchWord
from tests.factories import ArticleFactory, CityFactory, GynecologistFactory, HospitalFactory, LanguageFactory

pytestmark = pytest.mark.django_db


def words():
    return set(SearchWord.objects.values_list("word", flat=True))


def test_saved_listings_and_articles_add_their_words():
    hospital = HospitalFactory(name="Sahyadri Mothercare", locality="Kothrud", city=CityFactory(name="Pune"))
    GynecologistFactory(name="Dr Asha Kulkarni", qualifications="MBBS, DGO", hospitals=[hospital])
    ArticleFactory(title="Leg cramps in pregnancy", standfirst="Why calves tighten at night.")
    assert {"sahyadri", "mothercare", "kothrud", "pune", "asha", "kulkarni", "mbbs", "dgo", "cramps",
            "calves", "tighten"} <= words()  # fmt: skip
    assert "dr" not in words()  # shorter than three letters: never corrected to


def test_rebuild_counts_how_many_texts_use_each_word():
    pune = CityFactory(name="Pune")
    for name in ("Dr Asha Kulkarni", "Dr Meera Kulkarni", "Dr Neha Joshi"):
        GynecologistFactory(name=name, city=pune)
    GynecologistFactory(name="Dr Retired Kulkarni", city=pune, is_active=False)
    SearchWord.objects.create(word="stale")
    vocabulary.rebuild()
    uses = dict(SearchWord.objects.values_list("word", "uses"))
    assert uses["kulkarni"] == 2 and uses["joshi"] == 1  # only what is listed
    assert "stale" not in uses and "retired" not in uses


def test_after_migrate_a_database_with_listings_but_no_vocabulary_gets_one():
    GynecologistFactory(name="Dr Asha Kulkarni")
    SearchWord.objects.all().delete()
    vocabulary.ensure_vocabulary(sender=None)
    assert "kulkarni" in words()
    SearchWord.objects.filter(word="kulkarni").delete()
    vocabulary.ensure_vocabulary(sender=None)  # it has a vocabulary: left alone
    assert "kulkarni" not in words()


@pytest.mark.parametrize(
    ("typed", "near"),
    [
        ("kulkarmi", "kulkarni"),
        ("kulkrani", "kulkarni"),
        ("deshpnde", "deshpande"),
        ("mothrcare", "mothercare"),
    ],
)
def test_words_spelled_nearly_alike_are_found_through_the_trigram_index(typed, near):
    centre = HospitalFactory(name="Sahyadri Mothercare")
    for name in ("Dr Asha Kulkarni", "Dr Ritu Deshpande", "Dr Meera Joshi", "Dr Kavita Shah"):
        GynecologistFactory(name=name, hospitals=[centre])
    assert near in [word for word, _ in vocabulary.near(typed)]


def test_the_lookup_has_a_trigram_index():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "EXPLAIN QUERY PLAN SELECT rowid FROM directory_searchword_fts "
                'WHERE directory_searchword_fts MATCH \'"kul" OR "ulk"\''
            )
            assert "VIRTUAL TABLE INDEX" in " ".join(row[3] for row in cursor.fetchall())
        else:
            # What `word % 'query'` needs (the planner scans a small table instead; at 200,000
            # words it reads this index: a bitmap index scan, about 2 ms).
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'searchword_trgm'")
            assert "USING gin (word gin_trgm_ops)" in cursor.fetchone()[0]


@pytest.fixture
def listed():
    pune = CityFactory(name="Pune", slug="pune")
    LanguageFactory(name="Marathi", slug="marathi")
    GynecologistFactory(name="Dr Asha Kulkarni", city=pune)
    GynecologistFactory(name="Dr Ritu Deshpande", city=pune)
    ArticleFactory(title="Back pain in pregnancy", standfirst="An aching back.").refresh_body_text()
    ArticleFactory(title="Leg cramps in pregnancy", standfirst="Calves at night.").refresh_body_text()
    ArticleFactory(title="Iron tablets", standfirst="Take 500 mg if you feel tired.").refresh_body_text()


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("kulkarmi", "kulkarni"),  # a surname one letter wrong
        ("dr kulkrani pune", "dr kulkarni pune"),  # two letters swapped, the rest kept
        ("backpain", "back pain"),  # a missing space
        ("legcramps", "leg cramps"),
        ("cramsp", "cramps"),
        ("कुलकर्णी", "kulkarni"),  # a name in Devanagari
        ("gynacologist pune", "gynecologist pune"),  # a word the search itself knows
        ("marathii", "marathi"),  # a language's name
        ("kulkarni", None),  # nothing to correct
        ("zzqxv", None),  # nothing close
        ("1500", None),  # a number is meant as typed, never "500"
        ("kulkarmi 1500", "kulkarni 1500"),
        ("fees 1500", None),  # "fees" is a word the search knows (the fee order), not "feel"
        ("", None),
    ],
)
def test_suggest_corrects_what_it_can(listed, typed, suggestion):
    assert vocabulary.suggest(typed, lexicon.lexicon()) == suggestion


def test_the_lexicon_is_read_in_one_query_and_kept_until_content_changes(django_assert_num_queries):
    CityFactory(name="Pune", slug="pune")
    lexicon.forget()
    with django_assert_num_queries(1):
        assert lexicon.read_query("pune").city.slug == "pune"
    with django_assert_num_queries(0):
        assert lexicon.read_query("pune").city.slug == "pune"
    SearchTerm.objects.create(phrase="Punya Nagari", means="pune", group="place")  # content changed
    with django_assert_num_queries(1):
        assert lexicon.read_query("punya nagari").city.slug == "pune"


def test_a_new_content_version_renews_the_lexicon(settings, django_assert_num_queries):
    versions = iter(["v1", "v1", "v2"])
    settings.SEARCH_CONTENT_VERSION = "tests.directory.test_vocabulary.version"
    VERSION["next"] = lambda: next(versions)
    lexicon.forget()
    with django_assert_num_queries(1):
        lexicon.lexicon()
    with django_assert_num_queries(0):
        lexicon.lexicon()
    with django_assert_num_queries(1):
        lexicon.lexicon()


VERSION = {}


def version():
    return VERSION["next"]()


def test_starter_terms_come_back_after_the_tables_are_emptied():
    SearchTerm.objects.all().delete()
    added = lexicon.install_starter_terms()
    assert added > 300
    assert SearchTerm.objects.get(phrase="acidity").means == "heartburn"
    assert SearchTerm.objects.get(phrase="bombay").means == "mumbai"
    assert lexicon.install_starter_terms() == 0


def test_a_search_reads_the_content_version_once(client, monkeypatch):
    """A doctor search asks for the lexicon several times (filters, city page, cards, the words); the
    version (a Redis read when Redis is the cache) is read once per request, and again by the next."""
    from portal import pagecache
    from tests.factories import GynecologistFactory, LanguageFactory

    pune = CityFactory(name="Pune", slug="pune")
    GynecologistFactory(city=pune, languages=[LanguageFactory(name="Marathi", slug="marathi")])
    reads = []
    monkeypatch.setattr(pagecache, "_read_version", lambda: reads.append(1) or "v1")
    for expected in (1, 2):
        response = client.get("/gynecologists/pune/", {"language": "marathi", "q": "dr", "fresh": len(reads)})
        assert response.status_code == 200 and len(reads) == expected
    lexicon.lexicon()
    lexicon.lexicon()
    assert len(reads) == 4  # outside a request, each call reads it

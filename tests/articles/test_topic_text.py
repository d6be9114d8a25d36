"""Article.topic_text (what search reads of its topics) stays true however the article is saved or
restored (review: each of these left it stale)."""

import json

import pytest
import reversion
from reversion.models import Version

from articles.models import Article
from tests.factories import ArticleFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_restoring_a_version_after_its_topic_was_renamed():
    nutrition = TopicFactory(name="Nutrition", name_hi="पोषण", slug="nutrition")
    with reversion.create_revision():
        article = ArticleFactory(title="Heartburn", slug="heartburn")
        article.topics.add(nutrition)
        article.save()
    nutrition.name = "Food and nutrition"
    nutrition.save()
    assert Article.objects.get().topic_text == "Food and nutrition पोषण"
    Version.objects.get_for_object(article).first().revision.revert()  # History > restore
    assert Article.objects.get().topic_text == "Food and nutrition पोषण"


def test_restoring_a_version_saved_before_topic_text_existed():
    nutrition = TopicFactory(name="Nutrition", name_hi="पोषण", slug="nutrition")
    with reversion.create_revision():
        article = ArticleFactory(title="Heartburn", slug="heartburn")
        article.topics.add(nutrition)
        article.save()
    version = Version.objects.get_for_object(article).first()
    data = json.loads(version.serialized_data)
    del data[0]["fields"]["topic_text"]  # as in every version saved before migration 0010
    Version.objects.filter(pk=version.pk).update(serialized_data=json.dumps(data))
    Version.objects.get(pk=version.pk).revision.revert()
    assert Article.objects.get().topic_text == "Nutrition पोषण"


def test_saving_an_instance_loaded_before_its_topics_changed():
    article = ArticleFactory(title="Heartburn", slug="heartburn")
    loaded = Article.objects.get(pk=article.pk)  # e.g. an admin form opened / a long job
    TopicFactory(name="Nutrition", slug="nutrition").articles.add(article)
    loaded.standfirst = "Edited."
    loaded.save()
    assert Article.objects.get().topic_text == "Nutrition"

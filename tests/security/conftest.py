"""Fixtures shared by the security tests: a fixed "now", the small public site, a client that answers
a crash with the 500 page a visitor would get."""

import pytest
import time_machine

from tests.client import FormClient
from tests.directory.public_data import NOW, build_directory
from tests.factories import ArticleFactory, ArticleSectionFactory, TopicFactory


@pytest.fixture
def frozen():
    """Time stands still at tests/directory/public_data.py's NOW (a module opts in with usefixtures)."""
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def site(db):
    """The public directory plus one published article, "Iron in pregnancy" (topic Nutrition)."""
    public = build_directory()
    topic = TopicFactory(name="Nutrition", slug="nutrition")
    article = ArticleFactory(title="Iron in pregnancy", slug="iron-in-pregnancy")
    article.topics.add(topic)
    ArticleSectionFactory(article=article, heading="How much iron do I need?")
    return public


@pytest.fixture
def http():
    """A client that turns a crash into the 500 a visitor would get, instead of raising."""
    return FormClient(raise_request_exception=False)

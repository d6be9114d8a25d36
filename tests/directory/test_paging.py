"""One address for each page of every list (directory/paging.py): "02", "２" or "२" is page 2 at another
address, which the page cache would store again and search engines index; it redirects to ?page=2."""

import pytest

from tests.factories import (
    ArticleFactory,
    CityFactory,
    GynecologistFactory,
    MaternityPackageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

OTHER_SPELLINGS = ["02", "002", "+2", " 2", "2 ", "２", "२", "٢"]
NOT_PAGES = ["abc", "2.0", "2\x00", "0", "-2", "00", "99999999999999999999", "03", "３", "३", "+3"]


@pytest.fixture
def two_pages_of_everything():
    pune = CityFactory(slug="pune")
    topic = TopicFactory(slug="nutrition")
    for n in range(21):
        GynecologistFactory(city=pune, slug=f"doctor-{n}")
        MaternityPackageFactory(city=pune, hospital__city=pune, slug=f"package-{n}")
    for n in range(13):
        ArticleFactory(slug=f"article-{n}").topics.add(topic)
    return [
        "/gynecologists/",
        "/gynecologists/pune/",
        "/maternity-packages/",
        "/maternity-packages/pune/",
        "/articles/",
        "/articles/topics/nutrition/",
        "/hi/gynecologists/",
    ]


def test_each_list_has_a_second_page_written_the_sites_way(client, two_pages_of_everything):
    for path in two_pages_of_everything:
        first, second = client.get(path), client.get(f"{path}?page=2")
        assert (first.status_code, second.status_code) == (200, 200), path
        assert first.content != second.content, path
        assert client.get(f"{path}?page=").status_code == 200, path  # an empty page is the first


@pytest.mark.parametrize("spelling", OTHER_SPELLINGS)
def test_page_two_spelled_another_way_redirects_to_page_two(client, two_pages_of_everything, spelling):
    for path in two_pages_of_everything:
        response = client.get(path, {"sort": "name", "page": spelling, "q": ""})
        assert response.status_code == 301, path
        assert response.headers["Location"] == f"{path}?sort=name&page=2&q=", path
        assert client.get(response.headers["Location"]).status_code == 200, path


@pytest.mark.parametrize("value", NOT_PAGES)
def test_no_page_number_or_a_page_past_the_end_is_a_404_with_no_redirect_first(
    client, two_pages_of_everything, value
):
    for path in two_pages_of_everything:
        assert client.get(path, {"page": value}).status_code == 404, path

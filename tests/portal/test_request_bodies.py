"""No request body the site has no use for is ever read: oversized, non-form or length-less bodies
are refused (413/415/411) before a byte is read."""

import io

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


class Untouchable(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise AssertionError("the body was read")


def send(path, content_type, length, **extra):
    client = Client()
    return client.generic(
        "POST",
        path,
        b"",
        content_type=content_type,
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": Untouchable(), **extra},
    )


def test_a_300_mb_multipart_upload_to_the_calculator_is_refused_unread():
    response = send("/due-date-calculator/", "multipart/form-data; boundary=x", 300 * 1024 * 1024)
    assert response.status_code == 413
    assert "far larger than any of our forms needs" in response.content.decode()


@pytest.mark.parametrize("path", ["/due-date-calculator/", "/due-date-calculator/calendar.ics"])
@pytest.mark.parametrize(
    "content_type", ["multipart/form-data; boundary=x", "application/json", "text/plain"]
)
def test_the_calculator_takes_only_a_urlencoded_form(path, content_type):
    response = send(path, content_type, 2000)
    assert response.status_code == 415


def test_a_body_without_a_length_is_refused():
    response = Client().generic(
        "POST",
        "/due-date-calculator/",
        b"",
        content_type="application/x-www-form-urlencoded",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": Untouchable()},
    )
    assert response.status_code == 411


def test_public_forms_are_capped_and_the_admin_takes_photo_sized_uploads():
    assert send("/privacy/grievance/", "application/x-www-form-urlencoded", 65 * 1024).status_code == 413
    response = send("/admin/login/", "multipart/form-data; boundary=x", 6 * 1024 * 1024)
    assert response.status_code != 413  # reaches the admin (which then answers as usual)
    assert send("/admin/login/", "multipart/form-data; boundary=x", 13 * 1024 * 1024).status_code == 413


def test_a_normal_calculator_post_still_works():
    response = Client().post(
        "/due-date-calculator/",
        "method=lmp&lmp=2025-01-01&cycle_length=28",
        "application/x-www-form-urlencoded",
    )
    assert response.status_code == 200 and 'data-result="due-date"' in response.content.decode()

"""The client address behind load balancers: what the enquiry limit and the sign-in lockout count."""

import pytest
from django.test import RequestFactory

from directory.ratelimit import client_address

rf = RequestFactory()


def address(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(rf.get("/", **meta))


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = 0
    assert address("203.0.113.7", "198.51.100.1") == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),  # the load balancer added the patient
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # whatever she sent first is ignored
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.5", "198.51.100.1"),  # CDN then load balancer
        (2, "198.51.100.1", "10.0.0.2"),  # fewer entries than proxies: the connection itself
        (1, "not-an-address", "10.0.0.2"),
        (1, "", "10.0.0.2"),
    ],
)
def test_the_nth_entry_from_the_right_is_the_client(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXIES = proxies
    assert address("10.0.0.2", forwarded) == expected


def test_ipv6_counts_per_64_and_mapped_ipv4_as_ipv4(settings):
    settings.TRUSTED_PROXIES = 1
    first = address("10.0.0.2", "2001:db8:aaaa:bbbb:1:2:3:4")
    second = address("10.0.0.2", "2001:db8:aaaa:bbbb:ffff::9")
    other = address("10.0.0.2", "2001:db8:aaaa:cccc::1")
    assert first == second == "2001:db8:aaaa:bbbb::"
    assert other != first
    assert address("10.0.0.2", "::ffff:198.51.100.4") == "198.51.100.4"


@pytest.mark.django_db
def test_the_enquiry_limit_counts_patients_not_the_load_balancer(client, settings):
    from tests.factories import GynecologistFactory, HospitalFactory

    settings.TRUSTED_PROXIES = 1
    doctor = GynecologistFactory(slug="dr-limit", hospitals=[HospitalFactory()])
    data = {"patient_name": "P", "phone": "9876543210", "consent": "on", "age": "adult", "website": ""}
    url = f"/doctors/{doctor.slug}/enquire/"
    for n in range(5):
        ok = client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"6.6.6.{n}, 198.51.100.1")
        assert ok.status_code == 302  # spoofed left entries do not buy her more
    assert (
        client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
    )
    other = client.post(url, data, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 302  # another patient behind the same load balancer

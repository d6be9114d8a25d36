"""The production shape behind a load balancer: two app servers behind a proxy on 127.0.0.1.

Every patient reaches the site through the proxy, so REMOTE_ADDR is always the proxy's; with
DJANGO_TRUSTED_PROXIES=1 the enquiry limit and the sign-in lockout still count each patient (each
test client connects from its own loopback address), and what a client writes into X-Forwarded-For
itself buys it nothing.
"""

import http.client
import http.cookies
import re
import urllib.parse

import pytest

from tests.e2e.server import _free_port, _manage, gunicorn_server, server_env, totp_code, totp_key
from tests.proxy import reverse_proxy

# Starts gunicorn servers, as the browser journeys do: under pytest-xdist they run on the same worker, one
# after the other, so the machine is not asked to run two sets of servers at once. (Each collects its
# static files into its own STATIC_ROOT: tests/e2e/server.py's server_env.)
pytestmark = pytest.mark.xdist_group("browser")

STAFF_KEY, RAVI_KEY = totp_key("proxy-staff"), totp_key("proxy-ravi")
SETUP = f"""
from django.contrib.auth.models import User
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.factories import GynecologistFactory, HospitalFactory
centre = HospitalFactory(name="Proxy Test Hospital", slug="proxy-test", phone="020 1111 2222")
GynecologistFactory(name="Dr Proxy Test", slug="dr-proxy-test", hospitals=[centre])
for name, key in [("staff", "{STAFF_KEY}"), ("ravi", "{RAVI_KEY}")]:
    staff = User.objects.create_user(name, password="a-long-staff-password", is_staff=True)
    TOTPDevice.objects.create(user=staff, name="Authenticator app", key=key, confirmed=True)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    work = tmp_path_factory.mktemp("proxy")
    env = server_env(work, DJANGO_TRUSTED_PROXIES="1", ENQUIRY_RATE_LIMIT="5")
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "shell", "-v", "0", "-c", SETUP)
    _manage(env, "collectstatic", "--noinput", "-v", "0")
    ports = [_free_port(), _free_port()]
    with (
        gunicorn_server(env, ports[0], work / "a.log", workers=1),
        gunicorn_server(env, ports[1], work / "b.log", workers=1),
        reverse_proxy([("127.0.0.1", port) for port in ports]) as proxy_port,
    ):
        yield proxy_port
    for log in ("a.log", "b.log"):
        assert "Traceback" not in (work / log).read_text()


class Patient:
    """A browser at its own loopback address, keeping its cookies."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, http.cookies.SimpleCookie()
        self.served_by = set()  # which app servers answered

    def request(self, method, path, data=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, source_address=(self.address, 0), timeout=30
        )
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode()
        self.served_by.add(response.getheader("X-Served-By"))
        for cookie in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(cookie)
        connection.close()
        return response

    def form_token(self, path):
        page = self.request("GET", path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


def enquire(patient, name, spoof=None):
    path = "/doctors/dr-proxy-test/enquire/"
    token = patient.form_token(path)
    data = {
        "csrfmiddlewaretoken": token,
        "patient_name": name,
        "phone": "9876543210",
        "consent": "on",
        "age": "adult",
        "website": "",
    }
    headers = {"Referer": f"http://127.0.0.1{path}"}
    if spoof:
        headers["X-Forwarded-For"] = spoof
    return patient.request("POST", path, data, headers)


def test_each_patient_has_her_own_five_an_hour_across_both_servers(site):
    priya, meena = Patient(site, "127.0.0.2"), Patient(site, "127.0.0.3")
    for n in range(5):
        response = enquire(priya, f"Priya {n}", spoof=f"203.0.113.{n}")  # a forged header buys nothing
        assert response.status == 302, response.text[:500]
    assert len(priya.served_by) == 2  # both app servers took part (the session is shared)
    sixth = enquire(priya, "Priya 6")
    assert sixth.status == 429
    assert 'value="Priya 6"' in sixth.text and "020 1111 2222" in sixth.text
    assert enquire(meena, "Meena").status == 302  # the next patient through the same proxy is not blocked


def login(patient, password, code, username="staff"):
    token = patient.form_token("/admin/login/")
    data = {"csrfmiddlewaretoken": token, "username": username, "password": password, "otp_token": code}
    return patient.request(
        "POST", "/admin/login/?next=/admin/", data, {"Referer": "http://127.0.0.1/admin/login/"}
    )


def test_failed_sign_ins_lock_out_the_guesser_not_everyone_behind_the_proxy(site):
    guesser, colleague = Patient(site, "127.0.0.4"), Patient(site, "127.0.0.5")
    code = totp_code("proxy-staff", STAFF_KEY)
    for _ in range(5):
        assert login(guesser, "wrong-password", code).status in (200, 429)
    locked = login(guesser, "a-long-staff-password", code)
    assert locked.status in (403, 429) and "locked" in locked.text.lower()
    signed_in = login(colleague, "a-long-staff-password", code)  # the guesses used up nothing
    assert signed_in.status == 302 and signed_in.getheader("Location") == "/admin/"
    assert colleague.request("GET", "/admin/").status == 200


def test_wrong_codes_lock_out_a_guesser_who_has_the_password(site):
    """Five wrong codes with the right password lock the account from that address, like five wrong
    passwords (the app's codes also wait longer after each failure, from any address: django-otp)."""
    guesser = Patient(site, "127.0.0.6")
    for wrong in ("000000", "111111", "222222", "333333", "444444"):
        response = login(guesser, "a-long-staff-password", wrong, username="ravi")
        assert response.status in (200, 429)
    locked = login(guesser, "a-long-staff-password", totp_code("proxy-ravi", RAVI_KEY), username="ravi")
    assert locked.status in (403, 429) and "locked" in locked.text.lower()

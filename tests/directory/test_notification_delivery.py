"""Notifications against a real SMTP server on 127.0.0.1: never lost while it is down, each sent
exactly once when it is back, retried with doubling waits for at least 24 hours, then shown as failed."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from directory import notifications
from directory.models import Enquiry, Notification
from tests.factories import GynecologistFactory, HospitalFactory
from tests.mailserver import free_port, smtp_server, use_smtp

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 11, 9, 0, tzinfo=datetime.UTC)


def enquiry_data(name):
    return {"patient_name": name, "phone": "98765 43210", "consent": "on", "age": "adult", "website": ""}


@pytest.fixture
def centres():
    alpha = HospitalFactory(name="Alpha Hospital", email="alpha@centres.example")
    beta = HospitalFactory(name="Beta Clinic", email="beta@centres.example")
    return {
        "alpha": GynecologistFactory(slug="dr-alpha", hospitals=[alpha]),
        "beta": GynecologistFactory(slug="dr-beta", hospitals=[beta]),
    }


def follow_retries(clock, notification, run_jobs, limit=None) -> list[int]:
    """Moves the clock to each retry of `notification` while it is waiting (at most `limit` times)
    and runs the due jobs; the waits, in seconds."""
    waits = []
    while notification.status == "pending" and (limit is None or len(waits) < limit):
        wait = notification.next_attempt - timezone.now()
        waits.append(int(wait.total_seconds()))
        clock.shift(wait)
        run_jobs()
        notification.refresh_from_db()
    return waits


def send(client, doctor, name, n):
    url = f"/doctors/{doctor.slug}/enquire/"
    response = client.post(url, enquiry_data(name), REMOTE_ADDR=f"198.51.100.{n}")
    assert response.status_code == 302
    return Enquiry.objects.get(patient_name=name)


def test_an_outage_loses_nothing_and_the_recovery_sends_each_once(client, settings, centres, run_jobs):
    port = free_port()
    use_smtp(settings, port)  # nothing listens there yet: the mail server is down
    with time_machine.travel(START, tick=False) as clock:
        sent = [
            send(client, centres["alpha"], "Anita", 1),
            send(client, centres["alpha"], "Bharti", 2),
            send(client, centres["beta"], "Chitra", 3),
        ]
        run_jobs()
        assert Enquiry.objects.count() == 3
        owed = Notification.objects.order_by("pk")
        assert [(n.status, n.attempts) for n in owed] == [("pending", 1)] * 3
        assert {n.next_attempt for n in owed} == {START + datetime.timedelta(seconds=60)}
        with smtp_server(port) as inbox:
            clock.shift(datetime.timedelta(seconds=59))
            run_jobs()
            assert len(inbox) == 0  # not due yet
            clock.shift(datetime.timedelta(seconds=1))
            run_jobs()
            alpha, beta = inbox.to("alpha@centres.example"), inbox.to("beta@centres.example")
            assert len(inbox) == 3
            assert sorted(m["Subject"].split()[2] for m in alpha) == sorted(e.reference for e in sent[:2])
            assert [m["Subject"].split()[2] for m in beta] == [sent[2].reference]
            assert all("Anita" not in m.get_payload() and "98765" not in m.get_payload() for m in alpha)
            run_jobs()
            clock.shift(datetime.timedelta(days=2))
            run_jobs()
            assert len(inbox) == 3  # never a second copy
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 2)}


def test_a_failing_send_is_retried_with_doubling_waits_for_a_day_then_shown_as_failed(
    client, settings, centres, run_jobs
):
    use_smtp(settings, free_port())  # and it never comes back
    settings.NOTIFY_RETRY_SECONDS = 60
    with time_machine.travel(START, tick=False) as clock:
        enquiry = send(client, centres["alpha"], "Devika", 4)
        run_jobs()
        notification = enquiry.notifications.get()
        waits = follow_retries(clock, notification, run_jobs)
        assert waits == [60, 120, 240, 480, 960, 1920, 3840, 7680, 15360, 30720, 61440]
        assert timezone.now() - START == datetime.timedelta(seconds=122_820)  # 34 hours 7 minutes
        assert (notification.status, notification.attempts) == ("failed", 12)
        assert notification.last_error == "ConnectionRefusedError"
    call_command("setup_roles", verbosity=0)
    staff = User.objects.create_user("alpha-staff", password="x" * 16, is_staff=True)
    staff.groups.add(Group.objects.get(name="Centre staff"))
    enquiry.hospital.staff.add(staff)
    client.force_login(staff)
    index = client.get("/admin/").content.decode()
    assert 'data-failed-notifications="1"' in index and enquiry.reference in index
    root = User.objects.create_superuser("root", password="x" * 16)
    client.force_login(root)
    listing = client.get("/admin/directory/notification/", {"status__exact": "failed"}).content.decode()
    assert enquiry.reference in listing


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_over_200_notifications_send_each_exactly_once(centres, tmp_path):
    """Two `db_worker` processes at once on PostgreSQL: the queue hands each job to one of them, and
    the notification's own claim (pending -> sending) would stop a second send anyway."""
    import os
    import subprocess
    import sys

    from django.db import connection

    from directory.notifications import queue
    from tests.factories import EnquiryFactory

    enquiries = [EnquiryFactory(doctor=centres["alpha" if n % 2 else "beta"], email="") for n in range(200)]
    for enquiry in enquiries:
        queue(enquiry, "new_enquiry")
    port = free_port()
    db = connection.settings_dict
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "DJANGO_SECRET_KEY": "race-test-" + "x" * 40,
        "DJANGO_HTTPS": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "DJANGO_EMAIL_HOST": "127.0.0.1",
        "DJANGO_EMAIL_PORT": str(port),
        "DJANGO_EMAIL_USE_TLS": "0",
    }
    env.pop("REDIS_URL", None)
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--batch",
        "--no-startup-delay",
        "--interval",
        "0.05",
    ]
    with smtp_server(port) as inbox:
        workers = [subprocess.Popen([*command, "--worker-id", f"race-{n}"], env=env) for n in range(2)]
        assert [worker.wait(timeout=300) for worker in workers] == [0, 0]
        subjects = [message["Subject"] for _, message in inbox.messages]
    assert len(subjects) == 200 and len(set(subjects)) == 200
    assert {e.reference for e in enquiries} == {s.split()[2] for s in subjects}
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 1)}
    from django_tasks_db.models import DBTaskResult

    ran = [worker for result in DBTaskResult.objects.all() for worker in result.worker_ids]
    assert len(ran) == 200 and set(ran) == {"race-0", "race-1"}  # both took part, each job once


def test_a_withdrawal_while_the_email_is_being_sent_is_not_undone_by_its_retry(centres, monkeypatch):
    """Review finding: the send failed after the patient withdrew, and its retry revived the cancelled
    email, which reached the centre after the withdrawal notice."""
    from smtplib import SMTPServerDisconnected

    from django.core.mail import EmailMessage

    from directory import notifications

    enquiry = Enquiry(doctor=centres["alpha"], patient_name="Asha", phone="+919811100077", consent=True)
    notifications.store_enquiry(enquiry)
    first = Notification.objects.get(enquiry=enquiry, kind="new_enquiry")

    def withdraw_then_fail(message, *args, **kwargs):
        notifications.withdraw(Enquiry.objects.get(pk=enquiry.pk))
        raise SMTPServerDisconnected("gone")

    monkeypatch.setattr(EmailMessage, "send", withdraw_then_fail)
    assert notifications.send_notification.call(first.pk).startswith("cancelled while sending")
    first.refresh_from_db()
    assert (first.status, first.last_error) == ("failed", "cancelled: the personal data was erased")


def test_after_an_outage_longer_than_a_day_a_superuser_sends_the_failed_emails_again(
    client, settings, centres, run_jobs
):
    """Retries stop after a day; once the mail server is back, a superuser sends what failed (and what
    a stopped worker left "being sent") again, once each. Nothing else is touched: not what was sent,
    not what an erasure cancelled; and centre staff are not offered it."""
    port = free_port()
    use_smtp(settings, port)
    with time_machine.travel(START, tick=False) as clock:
        failed = send(client, centres["alpha"], "Esha", 5)
        stuck = send(client, centres["beta"], "Farah", 6)
        erased = send(client, centres["alpha"], "Gauri", 7)
        clock.shift(datetime.timedelta(hours=25))
        run_jobs()  # one more try each, after the day: failed for good
        # Its worker was killed while sending: until the send would have timed out, it is just being sent.
        Notification.objects.filter(enquiry=stuck).update(status="sending", claimed=timezone.now())
        Enquiry.objects.filter(pk=erased.pk).erase_personal_data()
        assert set(Notification.objects.values_list("status", flat=True)) == {"failed", "sending"}
        assert notifications.send_again(Notification.objects.filter(enquiry=stuck)) == 0
        clock.shift(datetime.timedelta(minutes=6))
        url = "/admin/directory/notification/"
        everything = {
            "action": "send_again",
            "_selected_action": list(Notification.objects.values_list("pk", flat=True)),
        }
        call_command("setup_roles", verbosity=0)
        staff = User.objects.create_user("alpha-staff", password="x" * 16, is_staff=True)
        staff.groups.add(Group.objects.get(name="Centre staff"))
        failed.hospital.staff.add(staff)
        client.force_login(staff)
        assert "send_again" not in client.get(url).content.decode()
        client.post(url, everything)
        assert Notification.objects.filter(status="pending").count() == 0
        client.force_login(User.objects.create_superuser("root", password="x" * 16))
        index = client.get("/admin/").content.decode()
        assert 'data-failed-notifications="2"' in index  # the erased enquiry's email is not shown
        assert (
            'href="/admin/directory/notification/?status__exact=failed">send the failed emails again' in index
        )
        done = client.post(url, everything, follow=True).content.decode()
        assert "2 emails will be sent again by the worker" in done
        assert "1 left as it was (sent, waiting, or cancelled by an erasure)" in done
        with smtp_server(port) as inbox:
            run_jobs()
            run_jobs()
            assert len(inbox.to("alpha@centres.example")) == 1
            assert len(inbox.to("beta@centres.example")) == 1
            assert inbox.to("alpha@centres.example")[0]["Subject"].split()[2] == failed.reference
    statuses = dict(Notification.objects.values_list("enquiry__patient_name", "status"))
    assert statuses == {"Esha": "sent", "Farah": "sent", "": "failed"}


def test_an_email_queued_again_while_the_server_is_still_down_gets_a_new_day_of_retries(
    client, settings, centres, run_jobs
):
    """Sending again starts a new round of tries from that moment, as for a new email: a mail server
    still down (or down again for a moment) does not fail it for good at the first try."""
    port = free_port()
    use_smtp(settings, port)
    settings.NOTIFY_RETRY_SECONDS = 60
    with time_machine.travel(START, tick=False) as clock:
        enquiry = send(client, centres["alpha"], "Jaya", 10)
        clock.shift(datetime.timedelta(hours=25))
        run_jobs()
        notification = enquiry.notifications.get()
        assert (notification.status, notification.attempts) == ("failed", 1)
        clock.shift(datetime.timedelta(hours=3))
        queued_at = timezone.now()
        assert notifications.send_again(Notification.objects.all()) == 1
        run_jobs()  # the server is still down
        notification.refresh_from_db()
        assert (notification.status, notification.attempts) == ("pending", 1)
        assert notification.queued_again == queued_at
        assert notification.next_attempt == queued_at + datetime.timedelta(seconds=60)
        assert follow_retries(clock, notification, run_jobs, limit=5) == [60, 120, 240, 480, 960]
        assert (notification.status, notification.attempts) == ("pending", 6)
        with smtp_server(port) as inbox:
            clock.shift(notification.next_attempt - timezone.now())
            run_jobs()
            [message] = inbox.to("alpha@centres.example")
            assert message["Subject"].split()[2] == enquiry.reference
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("sent", 7)


def test_an_email_queued_again_fails_for_good_a_day_after_it_was_queued_again(
    client, settings, centres, run_jobs
):
    use_smtp(settings, free_port())  # and it never comes back
    settings.NOTIFY_RETRY_SECONDS = 3600
    with time_machine.travel(START, tick=False) as clock:
        enquiry = send(client, centres["alpha"], "Kavya", 11)
        clock.shift(datetime.timedelta(hours=25))
        run_jobs()
        clock.shift(datetime.timedelta(days=10))
        queued_at = timezone.now()
        notifications.send_again(Notification.objects.all())
        run_jobs()
        notification = enquiry.notifications.get()
        assert follow_retries(clock, notification, run_jobs) == [3600 * 2**n for n in range(5)]
        # Tries at once, then 1, 2, 4, 8 and 16 hours apart: the one 31 hours on is past the day.
        assert timezone.now() - queued_at == datetime.timedelta(hours=31)
        assert (notification.status, notification.attempts) == ("failed", 6)


def test_the_notice_of_a_withdrawal_that_failed_is_sent_again_though_the_enquiry_is_erased(
    client, settings, centres, run_jobs
):
    port = free_port()
    use_smtp(settings, port)
    with time_machine.travel(START, tick=False) as clock:
        enquiry = send(client, centres["alpha"], "Hema", 8)
        Notification.objects.filter(enquiry=enquiry).update(status="sent")  # the centre heard of it
        notifications.withdraw(enquiry)
        clock.shift(datetime.timedelta(hours=25))
        run_jobs()
        notice = Notification.objects.get(enquiry=enquiry, kind="withdrawal")
        assert notice.status == "failed"
        assert notifications.send_again(Notification.objects.all()) == 1
        with smtp_server(port) as inbox:
            run_jobs()
            [message] = inbox.to("alpha@centres.example")
            assert message["Subject"] == f"Enquiry {enquiry.reference} withdrawn"


def test_the_dashboard_shows_an_email_being_sent_only_once_its_worker_must_have_stopped(client, centres):
    from portal.dashboard import dashboard_for

    root = User.objects.create_superuser("root", password="x" * 16)
    with time_machine.travel(START, tick=False) as clock:
        enquiry = send(client, centres["alpha"], "Indu", 9)
        Notification.objects.filter(enquiry=enquiry).update(status="sending", claimed=timezone.now())
        clock.shift(datetime.timedelta(minutes=4))
        assert dashboard_for(root).failed_count == 0  # still within the mail server's timeouts
        clock.shift(datetime.timedelta(minutes=2))
        board = dashboard_for(root)
        assert board.failed_count == 1 and board.failed[0].enquiry == enquiry
        client.force_login(root)
        assert "outcome unknown (the worker stopped while sending)" in client.get("/admin/").content.decode()


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_with_debug_off_nothing_is_sent_through_a_backend_that_delivers_nothing(
    client, settings, centres, run_jobs, capsys, tmp_path, backend
):
    """The console backend, the default, would print the patient's private link into the log: with debug
    off the try fails and waits for a real mail server, like an outage, and then sends."""
    settings.DEBUG = False
    settings.EMAIL_BACKEND = backend
    settings.EMAIL_FILE_PATH = str(tmp_path)
    with time_machine.travel(START, tick=False) as clock:
        enquiry = send(client, centres["alpha"], "Esha", 5)
        run_jobs()
        notification = enquiry.notifications.get()
        assert (notification.status, notification.attempts) == ("pending", 1)
        assert notification.last_error == "NoDeliveringEmailBackend"
        assert enquiry.reference not in capsys.readouterr().out and list(tmp_path.iterdir()) == []
        port = free_port()
        use_smtp(settings, port)
        with smtp_server(port) as inbox:
            clock.shift(datetime.timedelta(seconds=60))
            run_jobs()
            assert [m["Subject"].split()[2] for m in inbox.to("alpha@centres.example")] == [enquiry.reference]
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("sent", 2)


def test_with_debug_on_the_console_backend_prints_as_make_run_expects(
    client, settings, centres, run_jobs, capsys
):
    settings.DEBUG = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    enquiry = send(client, centres["alpha"], "Farah", 6)
    run_jobs()
    assert enquiry.notifications.get().status == "sent"
    assert enquiry.reference in capsys.readouterr().out

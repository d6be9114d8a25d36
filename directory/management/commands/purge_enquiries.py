"""Erase the personal data we no longer need (run it daily; see the README).

- Every enquiry older than ENQUIRY_RETENTION_DAYS (or --days), whatever its status: name, mobile
  number, email, preferred date, message and staff notes are erased; the reference, centre, subject,
  dates and status stay, so the centre's records still add up.
- Every grievance closed more than GRIEVANCE_RETENTION_DAYS ago: its contact details and text.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import Enquiry, Grievance, GrievanceStatus, empty_write_ahead_log


class Command(BaseCommand):
    help = "Erase the personal data of enquiries older than --days (default ENQUIRY_RETENTION_DAYS) and of old grievances."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.ENQUIRY_RETENTION_DAYS)
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be erased; erase nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        now = timezone.now()
        enquiries = Enquiry.objects.older_than(days, now).filter(erased__isnull=True)
        cutoff = now - timedelta(days=settings.GRIEVANCE_RETENTION_DAYS)
        grievances = Grievance.objects.filter(status=GrievanceStatus.CLOSED, updated__lt=cutoff).exclude(
            name="", email="", phone="", message=""
        )
        verb = "would erase" if dry_run else "erased"
        if dry_run:
            counts = enquiries.count(), grievances.count()
        else:
            counts = (
                enquiries.erase_personal_data(),
                grievances.update(name="", email="", phone="", message="", officer_notes=""),
            )
        if not dry_run:
            # What an erasure's own checkpoint could not empty, with readers busy at the time.
            empty_write_ahead_log(wait_ms=20_000)
        self.stdout.write(
            f"{verb} the personal data of {counts[0]} enquiries sent before {now - timedelta(days=days):%Y-%m-%d} "
            f"and of {counts[1]} grievances closed before {cutoff:%Y-%m-%d}"
        )

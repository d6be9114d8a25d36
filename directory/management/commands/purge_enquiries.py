"""Delete closed enquiries older than the retention period: we keep patients' details no longer than needed."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from directory.models import Enquiry, EnquiryStatus


class Command(BaseCommand):
    help = "Delete closed enquiries not touched for --days days (default ENQUIRY_RETENTION_DAYS, 180)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.ENQUIRY_RETENTION_DAYS)
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted, delete nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        if days < 1:
            raise CommandError("--days must be at least 1")
        cutoff = timezone.now() - timedelta(days=days)
        stale = Enquiry.objects.filter(status=EnquiryStatus.CLOSED, updated__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"would delete {stale.count()} closed enquiries last updated before {cutoff:%Y-%m-%d}"
            )
            return
        deleted, _ = stale.delete()
        self.stdout.write(f"deleted {deleted} closed enquiries last updated before {cutoff:%Y-%m-%d}")

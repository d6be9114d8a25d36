"""CSV export of enquiries for centre staff, safe to open in a spreadsheet program."""

import csv

from django.http import HttpResponse
from django.utils import timezone


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab/CR) gets a quote."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _row(enquiry, with_contact: bool) -> list:
    row = [
        enquiry.reference,
        timezone.localtime(enquiry.created).strftime("%Y-%m-%d %H:%M"),
        enquiry.get_status_display(),
        enquiry.hospital.name if enquiry.hospital_id else "",
        enquiry.subject.name,
        enquiry.patient_name,
    ]
    if with_contact:
        row += [enquiry.phone, enquiry.email]
    row += [
        enquiry.preferred_date.isoformat() if enquiry.preferred_date else "",
        enquiry.message,
        enquiry.staff_notes,
    ]
    return row


def enquiries_csv(queryset, *, with_contact: bool) -> HttpResponse:
    """The enquiries as a CSV download; phone and email columns only `with_contact`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="enquiries-{stamp}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 names correctly
    writer = csv.writer(response)
    header = ["reference", "created", "status", "centre", "about", "patient_name"]
    if with_contact:
        header += ["phone", "email"]
    header += ["preferred_date", "message", "staff_notes"]
    writer.writerow(header)
    rows = queryset.select_related("doctor", "package", "hospital").order_by("-created", "pk")
    for enquiry in rows:
        writer.writerow([csv_safe(cell) for cell in _row(enquiry, with_contact)])
    return response

"""CSV export of enquiries for centre staff, safe to open in a spreadsheet program.

Every cell is quoted; a cell that a spreadsheet would read as a formula (= + - @, a tab or a carriage
return first) is neutralised with a leading apostrophe; Indian mobile numbers are written as a person
dials them in India ("98765 43210"): the space keeps them text, with no apostrophe and no lost digits.
"""

import csv
import re

from django.http import HttpResponse
from django.utils import timezone


def csv_safe(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ (or a tab/CR) gets a quote."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


INDIAN_MOBILE = re.compile(r"\+91(\d{5})(\d{5})")


def dialable(phone: str) -> str:
    """+919876543210 -> "98765 43210"; anything else as it is (then guarded like any cell)."""
    match = INDIAN_MOBILE.fullmatch(phone or "")
    return f"{match.group(1)} {match.group(2)}" if match else phone


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
        row += [dialable(enquiry.phone), enquiry.email]
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
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    header = ["reference", "created", "status", "centre", "about", "patient_name"]
    if with_contact:
        header += ["phone", "email"]
    header += ["preferred_date", "message", "staff_notes"]
    writer.writerow(header)
    rows = queryset.select_related("doctor", "package", "hospital").order_by("-created", "pk")
    for enquiry in rows:
        writer.writerow([csv_safe(cell) for cell in _row(enquiry, with_contact)])
    return response

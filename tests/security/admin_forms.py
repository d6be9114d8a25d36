"""Posting a Django admin form as a browser would: every field as the page shows it, then overrides."""

import datetime

from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget


def _wire(value):
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _add(data: dict, bound) -> None:
    widget = bound.field.widget
    value = bound.value()
    if isinstance(widget, MultiWidget):
        parts = widget.decompress(value) if not isinstance(value, list) else value
        for i, part in enumerate(parts):
            if part is not None:
                data[f"{bound.html_name}_{i}"] = _wire(part)
        return
    if value is None or isinstance(value, FieldFile):
        return  # empty, or a stored file (a browser sends a file input empty unless one is chosen)
    if isinstance(value, bool):
        if value:
            data[bound.html_name] = "on"
        return
    if isinstance(value, (list, tuple)):
        data[bound.html_name] = [str(v) for v in value]
        return
    data[bound.html_name] = _wire(value)


def admin_form_data(response) -> dict:
    """The POST body of the admin add/change page in `response`, with its inlines as they stand."""
    data = {}
    for bound in response.context["adminform"].form:
        _add(data, bound)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            _add(data, bound)
        for form in formset.forms:
            for bound in form:
                _add(data, bound)
    return data

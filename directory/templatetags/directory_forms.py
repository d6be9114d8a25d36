"""`{% error_summary form heading %}`: the one error summary every form of the site shows above
its fields, each message linking to the field it is about."""

from django import template

register = template.Library()


def summary_items(form) -> list[tuple[str | None, str]]:
    """(id of the input to link to or None, message) for each error of `form`, in page order.

    Each message follows its field's label ("Mobile number: Enter ..."), but a tick box's: its label is
    a whole sentence (the consent), which the message names already. A form may order them itself with
    an `error_list()` method (the calculator does)."""
    if hasattr(form, "error_list"):
        return list(form.error_list())
    items = []
    for field in form:
        if field.errors:
            multiple = field.widget_type in ("checkboxselectmultiple", "radioselect")
            target = f"{field.auto_id}_0" if multiple else field.auto_id
            message = " ".join(field.errors)
            if field.widget_type != "checkbox":  # a tick box's label is a sentence; its message says it all
                message = f"{str(field.label).rstrip(' .:?!।')}: {message}"
            items.append((target, message))
    items += [(None, error) for error in form.non_field_errors()]
    return items


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(form, heading):
    return {"items": summary_items(form) if form is not None and form.errors else [], "heading": heading}

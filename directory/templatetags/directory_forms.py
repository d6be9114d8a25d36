"""`{% error_summary form heading %}`: the one error summary every form of the site shows above
its fields, each message linking to the field it is about."""

from django import template

register = template.Library()


def summary_items(form) -> list[tuple[str | None, str]]:
    """(id of the input to link to or None, message) for each error of `form`, in page order.

    A form may order them itself with an `error_list()` method (the calculator does)."""
    if hasattr(form, "error_list"):
        return list(form.error_list())
    items = []
    for field in form:
        if field.errors:
            multiple = field.widget_type in ("checkboxselectmultiple", "radioselect")
            target = f"{field.auto_id}_0" if multiple else field.auto_id
            items.append((target, f"{field.label}: {' '.join(field.errors)}"))
    items += [(None, error) for error in form.non_field_errors()]
    return items


@register.inclusion_tag("includes/_error_summary.html")
def error_summary(form, heading):
    return {"items": summary_items(form) if form is not None and form.errors else [], "heading": heading}

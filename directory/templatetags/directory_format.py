"""`inr`: whole rupees in Indian digit grouping, `{{ package.price|inr }}` -> ₹1,25,000."""

from django import template

register = template.Library()


def indian_grouping(number: int) -> str:
    """1234567 -> '12,34,567': the last three digits, then groups of two."""
    sign = "-" if number < 0 else ""
    digits = str(abs(number))
    if len(digits) <= 3:
        return sign + digits
    head, tail = digits[:-3], digits[-3:]
    groups = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    groups.insert(0, head)
    return sign + ",".join([*groups, tail])


@register.filter
def inr(value):
    """Format a rupee amount; empty for None or text that is not a whole number."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return ""
    return f"₹{indian_grouping(number)}"

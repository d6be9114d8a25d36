"""`inr`: whole rupees in Indian digit grouping, `{{ package.price|inr }}` -> ₹1,25,000.
`mobile`: a stored mobile number as people read it, `{{ enquiry.phone|mobile }}` -> +91 98765 43210.
`state_name`: a state's stored (English) name in the page's language, `{{ city.state|state_name }}`."""

import re

from django import template

from directory.states import state_name as _state_name

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


@register.filter
def mobile(value):
    """+919876543210 -> '+91 98765 43210'; anything else unchanged."""
    match = re.fullmatch(r"\+91(\d{5})(\d{5})", value or "")
    return f"+91 {match.group(1)} {match.group(2)}" if match else value


@register.filter
def state_name(value):
    """ "Maharashtra" -> "महाराष्ट्र" on a Hindi page (directory.states)."""
    return _state_name(value or "")

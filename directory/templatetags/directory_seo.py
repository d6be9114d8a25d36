"""`{% json_ld data %}`: structured data in a <script type="application/ld+json"> element.

Encoded like Django's json_script: <, > and & become \\u003C, \\u003E and \\u0026, so text from the
database can never close the element or start markup. Browsers do not run ld+json, so the strict
CSP (no inline script) is unaffected.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    if not data:
        return ""
    encoded = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(encoded))

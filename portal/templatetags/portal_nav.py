"""Links in every page's header and footer.

`{% nav_link "url-name" "Label" %}`: a main-navigation link, marked as the current page while the
visitor is anywhere in that section (the section's URL is a prefix of the page's path).

`{% site_url "url-name" %}`: the address of a page that takes no arguments, as `{% url %}` gives it.
Every page names fourteen such addresses in its header and footer; `reverse()` works each one out again
on every request (about 0.5 ms a page, a twentieth of an uncached search), although it only changes with
the language, the URL configuration and the prefix the site is served under. So it is worked out once
for each of those and remembered by the process.
"""

import functools

from django import template
from django.core.signals import setting_changed
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@functools.lru_cache(maxsize=512)
def _reversed(url_name: str, language: str | None, urlconf: str | None, prefix: str) -> str:
    return reverse(url_name, urlconf=urlconf)


def fixed_url(url_name: str) -> str:
    """`reverse(url_name)` for a URL without arguments, remembered per language, URL configuration and
    script prefix (each of which changes what reverse() gives)."""
    return _reversed(url_name, get_language(), get_urlconf(), get_script_prefix())


def _forget(*, setting, **kwargs):
    if setting == "ROOT_URLCONF":  # tests that swap the URL configuration
        _reversed.cache_clear()


setting_changed.connect(_forget, dispatch_uid="portal-nav-fixed-urls")


@register.simple_tag
def site_url(url_name):
    return fixed_url(url_name)


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, label, exact=False):
    url = fixed_url(url_name)
    request = context.get("request")
    path = request.path if request is not None else ""
    current = path == url if exact else path.startswith(url)
    if current:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)

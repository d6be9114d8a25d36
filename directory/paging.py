"""One address for each page of a list (directory searches, city pages, articles, topics).

Django's Paginator, and ListView before it, read `?page=` with int(), which also takes "02", " 2",
"+2", "２" and "२": the same page at other addresses, each stored once more by the page cache and open
to search engines. Such a spelling is answered with a permanent redirect to the page number as the
site's own links write it (ASCII digits, no leading zero), the other parameters kept. What is not a
number at all, or is below 1 or past the end, stays the paginator's 404.
"""

import re

from django.http import HttpResponsePermanentRedirect

PAGE_NUMBER = re.compile(r"[1-9][0-9]*")


def page_redirect(request, parameter: str = "page") -> HttpResponsePermanentRedirect | None:
    """The redirect to this list with its page number written the site's way, or None when it already
    is (or is absent, or is no number: the paginator answers those)."""
    value = request.GET.get(parameter)
    if not value or PAGE_NUMBER.fullmatch(value):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    if number < 1:
        return None
    query = request.GET.copy()
    query[parameter] = str(number)
    return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")


class PageNumberMixin:
    """For a list view: `page_redirect()` before anything else."""

    def get(self, request, *args, **kwargs):
        return page_redirect(request, getattr(self, "page_kwarg", "page")) or super().get(
            request, *args, **kwargs
        )

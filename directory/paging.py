"""One address for each page of a list (directory searches, city pages, articles, topics).

Django's Paginator, and ListView before it, read `?page=` with int(), which also takes "02", " 2",
"+2", "２" and "२": the same page at other addresses, each stored once more by the page cache and open
to search engines. When such a spelling names a page that exists, the answer is a permanent redirect to
its number as the site's own links write it (ASCII digits, no leading zero), the other parameters kept.
What is no number, below 1 or past the end stays the paginator's 404, with no redirect first.
"""

import re

from django.http import HttpResponsePermanentRedirect

PAGE_NUMBER = re.compile(r"[1-9][0-9]*")


class RespelledPage(Exception):
    """The page exists, but `?page=` wrote its number another way."""

    def __init__(self, number: int):
        super().__init__(number)
        self.number = number


def check_spelling(request, number: int, parameter: str = "page") -> None:
    """Once page `number` has been found: raise RespelledPage if `?page=` wrote it another way than
    the site's links do. Only numbers: an empty `page` is the first page, and "last" (ListView's)
    the last."""
    value = request.GET.get(parameter)
    if not value or PAGE_NUMBER.fullmatch(value):
        return
    try:
        int(value)
    except ValueError:
        return
    raise RespelledPage(number)


class PageNumberMixin:
    """For a list view whose pagination calls check_spelling(): RespelledPage becomes the redirect."""

    page_kwarg = "page"

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except RespelledPage as respelled:
            query = request.GET.copy()
            query[self.page_kwarg] = str(respelled.number)
            return HttpResponsePermanentRedirect(f"{request.path}?{query.urlencode()}")

    def paginate_queryset(self, queryset, page_size):  # ListView's pagination
        paginator, page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        check_spelling(self.request, page.number, self.page_kwarg)
        return paginator, page, object_list, is_paginated

"""The page in the other language: `{% page_languages as languages %}` for the switcher in every page's
header and for the hreflang links in its head.

Each entry says the language's code, its hreflang (en-IN, hi-IN), its name in its own script, the
address of this page in it (None when there is no such page: an article without a translation), and
whether it is the page being shown. A view that knows better (an article, whose translation has another
address; a list whose pages differ by language) puts `page_translations` (language -> address or None)
in the context.
"""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@dataclass
class PageLanguage:
    code: str
    hreflang: str
    name: str
    url: str | None
    current: bool


@register.simple_tag(takes_context=True)
def page_languages(context) -> list[PageLanguage]:
    request = context.get("request")
    if request is None or getattr(request, "resolver_match", None) is None:
        return []
    current = get_language()
    known = context.get("page_translations")
    path = request.get_full_path()
    languages = []
    for code, name in settings.LANGUAGES:
        if code == current:
            url = path
        elif known is not None:
            url = known.get(code)
        else:
            url = translate_url(path, code)
            url = None if url == path else url
        languages.append(PageLanguage(code, settings.LANGUAGE_TAGS[code], name, url, code == current))
    return languages

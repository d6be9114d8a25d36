"""`{% trimester_reading trimester %}`: links to the articles about one trimester (all three when the
pregnancy is not in one today), for the due-date calculator's result. `{% danger_signs_url %}`: the
danger-signs article the home page links, in the page's language."""

from django import template
from django.urls import reverse
from django.utils.translation import override

from articles.models import DANGER_SIGNS_SLUG, Article, Language, Topic, current_language

register = template.Library()


@register.inclusion_tag("includes/_trimester_reading.html")
def trimester_reading(trimester=None):
    # name_hi too: the Hindi page shows the topic's Hindi name.
    return {
        "topics": list(
            Topic.objects.trimesters(trimester or None).only("name", "name_hi", "slug", "trimester")
        )
    }


@register.simple_tag
def danger_signs_url() -> str:
    """On a Hindi page, its published Hindi translation (one query); else, and when there is none yet,
    the English article, at its English address: never a /hi/ address that does not exist."""
    if current_language() == Language.HINDI:
        translation = (
            Article.objects.published()
            .in_language(Language.HINDI)
            .filter(translation_of__slug=DANGER_SIGNS_SLUG)
            .only("slug", "language")
            .first()
        )
        if translation is not None:
            return translation.get_absolute_url()
    with override(Language.ENGLISH):
        return reverse("articles:article_detail", kwargs={"slug": DANGER_SIGNS_SLUG})

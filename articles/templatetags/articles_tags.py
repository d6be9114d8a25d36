"""`{% trimester_reading trimester %}`: links to the articles about one trimester (all three when the
pregnancy is not in one today), for the due-date calculator's result. `{% danger_signs_url %}`: the
danger-signs article the home page links (no database query)."""

from django import template
from django.urls import reverse

from articles.models import DANGER_SIGNS_SLUG, Topic

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
    return reverse("articles:article_detail", kwargs={"slug": DANGER_SIGNS_SLUG})

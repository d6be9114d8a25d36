"""`{% trimester_reading trimester %}`: links to the articles about one trimester (all three when the
pregnancy is not in one today), for the due-date calculator's result."""

from django import template

from articles.models import Topic

register = template.Library()


@register.inclusion_tag("includes/_trimester_reading.html")
def trimester_reading(trimester=None):
    return {"topics": list(Topic.objects.trimesters(trimester or None))}

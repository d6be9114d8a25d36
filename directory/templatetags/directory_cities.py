"""`{% city_chooser "id" %}`: the "your city" chooser that leads to the doctors or the packages of a
city, on the home page, articles and the calculator's result."""

from django import template

from directory.models import City

register = template.Library()


@register.inclusion_tag("includes/_city_chooser.html")
def city_chooser(chooser_id="city-chooser"):
    return {"cities": City.objects.for_chooser(), "chooser_id": chooser_id}

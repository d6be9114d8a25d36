"""Filters that word the calculator's values in the page's language (see calculators.wording):
`{{ ga|ga }}` "10 weeks 3 days", `{{ ga|ga_short }}` "10w3d", `{{ mark.key|milestone_label }}`."""

from django import template

from calculators import wording

register = template.Library()


@register.filter(name="ga")
def ga_long(ga):
    return wording.ga_long(ga)


@register.filter
def ga_short(ga):
    return wording.ga_short(ga)


@register.filter
def milestone_label(key):
    return wording.label(key)

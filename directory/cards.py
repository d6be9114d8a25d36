"""What a doctor or package card shows, worked out once per list in Python.

A search page draws twenty cards for every new combination of filters. Asked of the model instances
in the template, each card cost a reverse() per link, a related manager per `.all`, a number
localisation per figure and an inclusion template for the photo: more than half of an uncached page.
Here each card is a plain dict of display-ready values and the card templates only print them
(templates/includes/_doctor_cards.html, _package_cards.html).

Links: `reverse()` runs once per list and view, and each slug is put in its place (see SlugUrls);
the result is what `get_absolute_url()` gives, and tests/directory/test_cards.py holds them equal.
"""

import functools
import re
from collections import defaultdict

from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from directory.lexicon import lexicon
from directory.models import DeliveryType, Gynecologist, RoomType, local
from directory.templatetags.directory_format import inr
from directory.templatetags.directory_images import photo_html

# The characters of Django's `slug` path converter: none of them is changed by reverse()'s quoting.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")


class SlugUrls:
    """URLs of a view addressed by one slug: reverse() once, then each slug put in its place.

    A slug that the `slug` converter would refuse goes through reverse() itself, so it fails just as
    `get_absolute_url()` would.
    """

    def __init__(self, viewname: str):
        self.viewname = viewname
        self.head, self.tail = reverse(viewname, kwargs={"slug": "_"}).rsplit("_", 1)

    def __call__(self, slug: str) -> str:
        if SLUG.fullmatch(slug):
            return f"{self.head}{slug}{self.tail}"
        return reverse(self.viewname, kwargs={"slug": slug})


def _by_doctor(rows) -> dict[int, list[tuple]]:
    grouped = defaultdict(list)
    for doctor_id, *values in rows:
        grouped[doctor_id].append(values)
    return grouped


def doctor_cards(doctors) -> list[dict]:
    """Cards for doctors from `Gynecologist.objects.for_cards()`.

    One query whatever the number of doctors: their active centres, in name order, read as plain rows
    straight from the join table. Their languages, in name order, come from each doctor's language
    mask and the languages of the search lexicon (directory.lexicon), which the process already holds.
    """
    doctors = list(doctors)
    ids = [doctor.pk for doctor in doctors]
    centres = {}
    if ids:
        centres = _by_doctor(
            Gynecologist.hospitals.through.objects.filter(gynecologist_id__in=ids, hospital__is_active=True)
            .order_by("hospital__name", "hospital_id")
            .values_list("gynecologist_id", "hospital__slug", "hospital__name", "hospital__locality")
        )
    languages = lexicon().languages if ids else ()
    doctor_url = SlugUrls("directory:doctor_detail")
    hospital_url = SlugUrls("directory:hospital_detail")
    # Each language name and number of years translated once per list, not once per card.
    language_name = functools.cache(gettext)
    experience = functools.cache(years_of_experience)
    return [
        {
            "slug": doctor.slug,
            "url": doctor_url(doctor.slug),
            "name": doctor.name,
            "photo": photo_html(doctor, 160, alt=""),
            "qualifications": doctor.qualifications,
            "experience": experience(doctor.experience_years),
            "fee": inr(doctor.consultation_fee),
            "languages": ", ".join(
                language_name(language.name) for language in languages if doctor.language_mask & language.mask
            ),
            "centres": [
                {"url": hospital_url(slug), "name": name, "locality": locality}
                for slug, name, locality in centres.get(doctor.pk, ())
            ],
        }
        for doctor in doctors
    ]


def years_of_experience(years: int) -> str:
    """ "1 year", "12 years" in the page's language."""
    return ngettext("%(count)d year", "%(count)d years", years) % {"count": years}


def nights_of_stay(nights: int) -> str:
    """ "1 night", "3 nights" in the page's language."""
    return ngettext("%(count)d night", "%(count)d nights", nights) % {"count": nights}


def caesarean_note(package) -> str:
    """For a normal delivery annotated by `with_caesarean_price()`: what a caesarean in the same room
    of the same centre would cost instead ("" for other packages, which are already surgical or
    assisted)."""
    if not package.has_caesarean_alternative or not hasattr(package, "caesarean_price"):
        return ""
    difference = package.caesarean_difference
    if difference is None:
        return gettext("No caesarean package listed here for this room: ask the hospital its price.")
    if difference > 0:
        note = gettext("If a caesarean is needed: %(price)s here, %(difference)s more.")
    elif difference < 0:
        note = gettext("If a caesarean is needed: %(price)s here, %(difference)s less.")
    else:
        note = gettext("If a caesarean is needed: %(price)s here, the same price.")
    return note % {"price": inr(package.caesarean_price), "difference": inr(package.caesarean_gap)}


def _with_values(translated: str, **values) -> str:
    """A translated label holding markup, with `values` put in its %(name)s places escaped: what
    {% blocktranslate with name=... %} gives. Only our own translations, from the .po files."""
    return mark_safe(translated % {key: conditional_escape(value) for key, value in values.items()})


def package_cards(packages) -> list[dict]:
    """Cards for packages from `MaternityPackage.objects.for_cards()` (centre and city joined),
    annotated with `with_caesarean_price()`."""
    package_url = SlugUrls("directory:package_detail")
    hospital_url = SlugUrls("directory:hospital_detail")
    # Each label translated once per list. get_FOO_display() builds a dict of every choice on each call,
    # and hashing a lazy label translates it: 8 gettext calls per card for two words.
    delivery_type = functools.cache(lambda value: str(DeliveryType(value).label))
    room_type = functools.cache(lambda value: str(RoomType(value).label))
    nights = functools.cache(nights_of_stay)
    # The card's two labels that name the package, translated once per list: as {% blocktranslate %}
    # in the card's loop they cost about 0.8 ms a search page. Same texts, so the same translations.
    all_inclusions = gettext('All inclusions and exclusions<span class="visually-hidden"> of %(name)s</span>')
    compare = gettext('Compare<span class="visually-hidden"> %(name)s at %(hospital)s</span>')
    return [
        {
            "slug": package.slug,
            "url": package_url(package.slug),
            "name": package.name,
            "hospital_url": hospital_url(package.hospital.slug),
            "hospital_name": package.hospital.name,
            "hospital_locality": package.hospital.locality,
            "city_name": local(package.city, "name"),
            "price": inr(package.price),
            "delivery_type": delivery_type(package.delivery_type),
            "room_type": room_type(package.room_type),
            "nights": nights(package.nights),
            "caesarean_note": caesarean_note(package),
            "inclusions": inclusions[:3],
            "more_inclusions": len(inclusions) > 3,
            "all_inclusions_label": _with_values(all_inclusions, name=package.name),
            "compare_label": _with_values(compare, name=package.name, hospital=package.hospital.name),
        }
        for package in packages
        for inclusions in [package.inclusions or []]
    ]

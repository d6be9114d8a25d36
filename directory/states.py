"""The names of India's states and union territories, in the page's language.

A `City` row holds its state in English ("Maharashtra"); the 28 states and 8 union territories are in
the translation catalogue (context "state name"), so a Hindi page says "महाराष्ट्र". Any other text is
shown as it is stored.
"""

from django.utils.translation import pgettext_lazy

NAMES = {
    "Andhra Pradesh": pgettext_lazy("state name", "Andhra Pradesh"),
    "Arunachal Pradesh": pgettext_lazy("state name", "Arunachal Pradesh"),
    "Assam": pgettext_lazy("state name", "Assam"),
    "Bihar": pgettext_lazy("state name", "Bihar"),
    "Chhattisgarh": pgettext_lazy("state name", "Chhattisgarh"),
    "Goa": pgettext_lazy("state name", "Goa"),
    "Gujarat": pgettext_lazy("state name", "Gujarat"),
    "Haryana": pgettext_lazy("state name", "Haryana"),
    "Himachal Pradesh": pgettext_lazy("state name", "Himachal Pradesh"),
    "Jharkhand": pgettext_lazy("state name", "Jharkhand"),
    "Karnataka": pgettext_lazy("state name", "Karnataka"),
    "Kerala": pgettext_lazy("state name", "Kerala"),
    "Madhya Pradesh": pgettext_lazy("state name", "Madhya Pradesh"),
    "Maharashtra": pgettext_lazy("state name", "Maharashtra"),
    "Manipur": pgettext_lazy("state name", "Manipur"),
    "Meghalaya": pgettext_lazy("state name", "Meghalaya"),
    "Mizoram": pgettext_lazy("state name", "Mizoram"),
    "Nagaland": pgettext_lazy("state name", "Nagaland"),
    "Odisha": pgettext_lazy("state name", "Odisha"),
    "Punjab": pgettext_lazy("state name", "Punjab"),
    "Rajasthan": pgettext_lazy("state name", "Rajasthan"),
    "Sikkim": pgettext_lazy("state name", "Sikkim"),
    "Tamil Nadu": pgettext_lazy("state name", "Tamil Nadu"),
    "Telangana": pgettext_lazy("state name", "Telangana"),
    "Tripura": pgettext_lazy("state name", "Tripura"),
    "Uttar Pradesh": pgettext_lazy("state name", "Uttar Pradesh"),
    "Uttarakhand": pgettext_lazy("state name", "Uttarakhand"),
    "West Bengal": pgettext_lazy("state name", "West Bengal"),
    "Andaman and Nicobar Islands": pgettext_lazy("state name", "Andaman and Nicobar Islands"),
    "Chandigarh": pgettext_lazy("state name", "Chandigarh"),
    "Dadra and Nagar Haveli and Daman and Diu": pgettext_lazy(
        "state name", "Dadra and Nagar Haveli and Daman and Diu"
    ),
    "Delhi": pgettext_lazy("state name", "Delhi"),
    "Jammu and Kashmir": pgettext_lazy("state name", "Jammu and Kashmir"),
    "Ladakh": pgettext_lazy("state name", "Ladakh"),
    "Lakshadweep": pgettext_lazy("state name", "Lakshadweep"),
    "Puducherry": pgettext_lazy("state name", "Puducherry"),
}


def state_name(name: str) -> str:
    """`name` (as stored, in English) in the active language, when the catalogue has it."""
    translated = NAMES.get(name)
    return str(translated) if translated is not None else name

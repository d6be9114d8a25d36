"""The names of the languages doctors consult in, in the page's language.

A `Language` row holds the name in English ("Marathi"). English and India's 22 scheduled languages
are in the translation catalogue (context "language name"), so a Hindi page says "मराठी"; any other
name is shown as it is stored.
"""

from django.utils.translation import pgettext_lazy

NAMES = {
    "English": pgettext_lazy("language name", "English"),
    "Hindi": pgettext_lazy("language name", "Hindi"),
    "Assamese": pgettext_lazy("language name", "Assamese"),
    "Bengali": pgettext_lazy("language name", "Bengali"),
    "Bodo": pgettext_lazy("language name", "Bodo"),
    "Dogri": pgettext_lazy("language name", "Dogri"),
    "Gujarati": pgettext_lazy("language name", "Gujarati"),
    "Kannada": pgettext_lazy("language name", "Kannada"),
    "Kashmiri": pgettext_lazy("language name", "Kashmiri"),
    "Konkani": pgettext_lazy("language name", "Konkani"),
    "Maithili": pgettext_lazy("language name", "Maithili"),
    "Malayalam": pgettext_lazy("language name", "Malayalam"),
    "Manipuri": pgettext_lazy("language name", "Manipuri"),
    "Marathi": pgettext_lazy("language name", "Marathi"),
    "Nepali": pgettext_lazy("language name", "Nepali"),
    "Odia": pgettext_lazy("language name", "Odia"),
    "Punjabi": pgettext_lazy("language name", "Punjabi"),
    "Sanskrit": pgettext_lazy("language name", "Sanskrit"),
    "Santali": pgettext_lazy("language name", "Santali"),
    "Sindhi": pgettext_lazy("language name", "Sindhi"),
    "Tamil": pgettext_lazy("language name", "Tamil"),
    "Telugu": pgettext_lazy("language name", "Telugu"),
    "Urdu": pgettext_lazy("language name", "Urdu"),
}


def language_name(name: str) -> str:
    """`name` (as stored, in English) in the active language, when the catalogue has it."""
    translated = NAMES.get(name)
    return str(translated) if translated is not None else name

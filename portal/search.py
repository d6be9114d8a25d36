"""Site-wide search: articles, doctors, hospitals and packages, read the way patients mean them.

The query is read by directory.understanding (through directory.lexicon): "gynecologist pune" asks
for Pune's gynecologists, "c section cost hyderabad" for Hyderabad's caesarean packages cheapest
first, "acidity" for the heartburn article. When it names a kind of listing (or implies one: a
language or a gender means doctors, a delivery type or a cost means packages), that group comes first
under a heading that says what was understood, with a link to the full list with the same filters;
articles follow when words are left to search. Otherwise every group is searched, in the city named if
any. Each group is one query.

When nothing matches, the spelling vocabulary corrects the words (directory.vocabulary: typos,
words run together, names in Devanagari) and the corrected query is shown if it finds something; then
the words without those that say when in the pregnancy ("bleeding at 30 weeks" finds "bleeding"). On
a Hindi page, words that find no Hindi article (Hinglish, English) find the English ones, shown as
their Hindi translations where there are any.
"""

import functools
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django import forms
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Language, current_language
from directory.cards import package_cards
from directory.lexicon import lexicon, read_query
from directory.models import DeliveryType, Gynecologist, Hospital, MaternityPackage, local
from directory.understanding import DOCTORS, HOSPITALS, PACKAGES, Reading, tokens
from directory.vocabulary import suggest

MAX_QUERY_LENGTH = 100
GROUP_SIZE = 8


class SiteSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Please use at most %(limit_value)d characters.")},
    )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())


@dataclass
class Group:
    """One kind of result: the first GROUP_SIZE items, whether there are more, and how many match."""

    key: str
    title: str
    items: list = field(default_factory=list)
    has_more: bool = False
    total: int = 0  # every match, not only the items shown
    more_url: str = ""
    lead: bool = False  # the group the query asked for
    query: str = ""

    @property
    def more_label(self) -> str:
        """The words of the link to the rest ("" when there is no link to show): the group the
        query asked for always links to its full list; the others when they have more."""
        if not self.more_url:
            return ""
        if self.lead:
            return gettext("All %(listing)s") % {"listing": f"{self.title[0].lower()}{self.title[1:]}"}
        if not self.has_more:
            return ""
        return gettext("More %(listing)s matching “%(query)s”") % {
            "listing": self.title.lower(),
            "query": self.query,
        }


@dataclass
class SearchResults:
    query: str
    groups: list[Group]
    reading: Reading | None = None
    corrected_from: str = ""  # what was typed, when these are the results of its correction

    @property
    def total_shown(self) -> int:
        return sum(len(group.items) for group in self.groups)

    @property
    def total(self) -> int:
        """Every match of every group (the page's data-result-count), not only those shown."""
        return sum(group.total for group in self.groups)

    @property
    def asked_for(self) -> bool:
        """Whether the first group is a listing the query asked for (its heading says its order)."""
        return bool(self.groups and self.groups[0].lead and self.groups[0].items)


def _first(queryset: QuerySet, group: Group, cards=None) -> Group:
    """The group's first items, and its total: the items themselves when they are all there is, else a
    COUNT of the same query. A count sent with each row (a window) would make the database read every
    match instead of stopping at the first nine: with 100,000 doctors that took "pune" from 9 to 39 ms."""
    rows = list(queryset[: GROUP_SIZE + 1])
    group.items, group.has_more = rows[:GROUP_SIZE], len(rows) > GROUP_SIZE
    group.total = queryset.count() if group.has_more else len(group.items)
    if cards is not None:
        group.items = cards(group.items)
    return group


# ---- What each group searches ----


def _doctors(reading: Reading) -> QuerySet:
    return (
        Gynecologist.objects.active(scan=bool(reading.text))
        .matching(reading)
        .select_related("city")
        .only(
            "name",
            "slug",
            "qualifications",
            "experience_years",
            "consultation_fee",
            "city__name",
            "city__name_hi",
        )
    )


def _packages(reading: Reading) -> QuerySet:
    return MaternityPackage.objects.listed().matching(reading).for_cards().by_price()


def _hospitals(reading: Reading) -> QuerySet:
    return (
        Hospital.objects.active()
        .matching(reading)
        .select_related("city")
        .only("name", "slug", "locality", "city__name", "city__name_hi")
    )


# What an article in the results shows (templates/search/results.html).
ARTICLE_FIELDS = ("title", "slug", "language", "standfirst", "publish_at", "last_reviewed")


def _articles(reading: Reading, language=None) -> QuerySet:
    return (
        Article.objects.published()
        .in_language(language)
        .search(reading.article_query())
        .only(*ARTICLE_FIELDS)
    )


def _with_english_articles(reading: Reading, group: Group) -> Group:
    """On a Hindi page, while the Hindi articles the words found leave room: after them, the English
    articles the words find, each replaced by its Hindi translation where one is published, and none
    listed twice. Hinglish and English ("ulti", "bleeding") meet the English text; and "कमर दर्द" finds
    a Hindi article that names back pain among its danger signs, but the article about back pain, not
    translated yet, only through the search terms' English.

    One query, with each English article's published translation (the oldest, if there are several)
    named by id; a second only for translations that are not listed already.

    The group's total: the Hindi articles found (all of them listed, or this is not called), and the
    English articles found that are not shown as one of those (their translation is not among them),
    counted by one more query only when more of them match than the group can show."""
    translation = (
        Article.objects.published()
        .in_language(Language.HINDI)
        .filter(translation_of=OuterRef("pk"))
        .order_by("pk")
        .values("pk")[:1]
    )
    hindi = {item.pk: item for item in group.items}
    listed = set(hindi)
    found = _articles(reading, Language.ENGLISH).annotate(translation_id=Subquery(translation))
    english = list(found[: GROUP_SIZE + 1])
    # Every Hindi article found is listed: an English one is new unless its translation is one of them.
    if len(english) > GROUP_SIZE:
        group.total += found.filter(Q(translation_id__isnull=True) | ~Q(translation_id__in=listed)).count()
    else:
        group.total += sum(item.translation_id not in listed for item in english)
    wanted = {item.translation_id for item in english if item.translation_id} - listed
    if wanted:
        hindi.update(
            (article.pk, article) for article in Article.objects.filter(pk__in=wanted).only(*ARTICLE_FIELDS)
        )
    added = []
    for item in english:
        shown = hindi.get(item.translation_id, item)
        if shown.pk not in listed:
            listed.add(shown.pk)
            added.append(shown)
    if added or not group.items:
        items = group.items + added
        group.items, group.has_more = items[:GROUP_SIZE], group.has_more or len(items) > GROUP_SIZE
        group.more_url = ""  # the Hindi article list searches Hindi articles only: it would not show these
    return group


# ---- The group the query asked for ----


# "<delivery type> packages", one phrase each so that Hindi can say them naturally; English is the
# delivery type's label followed by "packages".
PACKAGE_NOUNS = {
    DeliveryType.NORMAL.value: _("Normal delivery packages"),
    DeliveryType.INSTRUMENTAL.value: _("Assisted (instrumental) delivery packages"),
    DeliveryType.CAESAREAN.value: _("Caesarean section packages"),
    DeliveryType.CAESAREAN_TUBECTOMY.value: _("Caesarean with tubectomy packages"),
}


# "... who speak Marathi": a woman who speaks it is "बोलने वाली" in Hindi, anyone else "बोलने वाले".
SPEAKING = {
    "female": (
        pgettext_lazy("female", "%(noun)s in %(city)s who speak %(languages)s"),
        pgettext_lazy("female", "%(noun)s who speak %(languages)s"),
    ),
    "doctors": (
        pgettext_lazy("doctors", "%(noun)s in %(city)s who speak %(languages)s"),
        pgettext_lazy("doctors", "%(noun)s who speak %(languages)s"),
    ),
}


def _city_name(reading: Reading) -> str:
    """The name of the city the query named, in the page's language."""
    return local(reading.city, "name")


def _languages(reading: Reading) -> str:
    """ "Marathi and Hindi", in the page's language."""
    names = [gettext(tongue.name) for tongue in reading.tongues]
    return functools.reduce(
        lambda left, right: gettext("%(left)s and %(right)s") % {"left": left, "right": right}, names
    )


def describe(reading: Reading, *, full: bool = True) -> str:
    """What a reading asks for, as a heading: "Female gynecologists in Pune who speak Marathi".
    Without `full`, only the kind of listing and the city (the heading of a group not asked for)."""
    city = _city_name(reading) if reading.city else ""
    if reading.listing == DOCTORS:
        gender = reading.gender if full else None
        noun = {"female": gettext("Female gynecologists"), "male": gettext("Male gynecologists")}.get(
            gender, gettext("Gynecologists")
        )
        speaks = _languages(reading) if reading.tongues and full else ""
        in_city_speaking, speaking = SPEAKING["female" if gender == "female" else "doctors"]
        if city and speaks:
            title = in_city_speaking % {"noun": noun, "city": city, "languages": speaks}
        elif speaks:
            title = speaking % {"noun": noun, "languages": speaks}
        elif city:
            title = gettext("%(noun)s in %(city)s") % {"noun": noun, "city": city}
        else:
            title = noun
        if not full:
            return title
        title = _matching(title, reading)
        return gettext("%(listing)s, lowest fee first") % {"listing": title} if reading.by_price else title
    if reading.listing == PACKAGES:
        delivery = reading.delivery_type if full else None
        noun = str(PACKAGE_NOUNS.get(delivery, "")) if delivery else gettext("Maternity packages")
        noun = noun or f"{DeliveryType(delivery).label} packages"
        title = gettext("%(noun)s in %(city)s") % {"noun": noun, "city": city} if city else noun
        if not full:
            return title
        return gettext("%(listing)s, cheapest first") % {"listing": _matching(title, reading)}
    noun = gettext("Hospitals")
    title = gettext("%(noun)s in %(city)s") % {"noun": noun, "city": city} if city else noun
    return _matching(title, reading) if full else title


def _matching(title: str, reading: Reading) -> str:
    """The heading followed by the words searched for, if any."""
    if not reading.text:
        return title
    return gettext("%(listing)s matching “%(words)s”") % {"listing": title, "words": reading.text}


def listing_url(reading: Reading) -> str:
    """The doctor or package search page with the filters the reading found ("" for hospitals)."""
    names = {DOCTORS: ("doctor_search", "doctor_city"), PACKAGES: ("package_search", "package_city")}
    if reading.listing not in names:
        return ""
    everywhere, one_city = names[reading.listing]
    if reading.city:
        url = reverse(f"directory:{one_city}", kwargs={"city": reading.city.slug})
    else:
        url = reverse(f"directory:{everywhere}")
    params = [("q", str(reading.text))] if reading.text else []
    if reading.listing == DOCTORS:
        params += [("language", tongue.slug) for tongue in reading.tongues]
        params += [("gender", reading.gender)] if reading.gender else []
        params += [("sort", "fee")] if reading.by_price else []
    elif reading.delivery_type:
        params.append(("delivery_type", reading.delivery_type))
    return f"{url}?{urlencode(params)}" if params else url


def _lead(reading: Reading) -> Group:
    title = describe(reading)
    group = Group(reading.listing, title, lead=True, more_url=listing_url(reading))
    if reading.listing == DOCTORS:
        return _first(_doctors(reading), group)
    if reading.listing == PACKAGES:
        return _first(_packages(reading), group, cards=package_cards)
    return _first(_hospitals(reading), group)


# ---- The search ----


def _search(reading: Reading) -> SearchResults:
    results = SearchResults(query=reading.typed, groups=[], reading=reading)
    if reading.empty:
        return results
    typed = reading.typed
    if reading.listing:
        results.groups.append(_lead(reading))
    if reading.article_query():
        more = f"{reverse('articles:article_list')}?{urlencode({'q': str(reading.article_query())})}"
        articles = _first(
            _articles(reading), Group("articles", gettext("Articles"), more_url=more, query=typed)
        )
        if len(articles.items) < GROUP_SIZE and current_language() == Language.HINDI:
            articles = _with_english_articles(reading, articles)
        results.groups.append(articles)
    if not reading.listing:
        doctors, hospitals, packages = (
            Group(
                kind,
                describe(_as(reading, kind), full=False),
                more_url=listing_url(_as(reading, kind)),
                query=typed,
            )
            for kind in (DOCTORS, HOSPITALS, PACKAGES)
        )
        results.groups += [
            _first(_doctors(reading), doctors),
            _first(_hospitals(reading), hospitals),
            _first(_packages(reading), packages, cards=package_cards),
        ]
    return results


def _as(reading: Reading, listing: str) -> Reading:
    """The same reading, asking for one kind of listing (for its "more" link)."""
    return replace(reading, kind=listing)


# When in the pregnancy something happens ("at 30 weeks", "7th month", "third trimester", "30 हफ्ते"):
# words the articles rarely hold as typed, which would otherwise make "bleeding at 30 weeks" find
# nothing at all. Left out of the query only when it finds nothing with them.
WHEN_WORDS = frozenset(
    tokens(
        """week weeks wk wks month months trimester trimesters first second third pregnant hafte hafta
    haftey hafton mahine mahina mahinon maheene saptah तिमाही हफ्ते हफ्ता हफ्तों हफ़्ते हफ़्ता सप्ताह
    महीने महीना महीनों माह पहली दूसरी तीसरी वें वां वीं"""  # as tokens() spells them (NFKC)
    )
)
NUMBER = re.compile(r"[0-9०-९]+(st|nd|rd|th|वें|वां|वीं)?")


def without_when_words(query: str) -> str:
    """`query` without the words that say when in the pregnancy, and the filler words that went with
    them ("bleeding at 30 weeks": "bleeding"); "" when nothing else is left."""
    terms = lexicon().terms
    words = [word for word in tokens(query) if word not in WHEN_WORDS and not NUMBER.fullmatch(word)]
    return " ".join(word for word in words if terms.get((word,)) != ())


def site_search(query: str) -> SearchResults:
    """Search everything for `query` (already stripped and at most MAX_QUERY_LENGTH long). When
    nothing matches: its spelling corrected, then its words without those saying when in the pregnancy
    (and those corrected), the first that finds something, shown as what was searched instead."""
    results = _search(read_query(query))
    if results.total_shown or results.reading.empty:
        return results
    shorter = without_when_words(query)
    tried = {query.casefold()}
    for candidate in (suggest(query, lexicon()), shorter, shorter and suggest(shorter, lexicon())):
        if not candidate or candidate.casefold() in tried:
            continue
        tried.add(candidate.casefold())
        instead = _search(read_query(candidate))
        if instead.total_shown:
            instead.corrected_from = query
            return instead
    return results

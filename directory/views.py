"""Public pages of the directory: searches, city pages, profiles, compare and enquiries."""

import re

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods
from django.views.generic import DetailView, TemplateView

from directory import notifications, structured_data
from directory.cards import doctor_cards, package_cards
from directory.filters import DoctorFilter, PackageFilter
from directory.forms import CityChoiceForm, EnquiryForm
from directory.lexicon import city_row, lexicon, read_query
from directory.models import City, Enquiry, Gynecologist, Hospital, Language, MaternityPackage, new_reference
from directory.paging import PageNumberMixin, check_spelling
from directory.ratelimit import client_key
from directory.vocabulary import suggest

PAGE_SIZE = 20
COMPARE_MIN, COMPARE_MAX = 2, 4
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
SESSION_REFERENCES = "directory_enquiry_references"
SESSION_LINKS_SHOWN = "directory_private_links_shown"


def paginate(request, queryset, per_page=PAGE_SIZE):
    """The requested page; a page that is not a number or lies past the end is a 404, and one whose
    number is written another way than the site's links write it ("02") a redirect (directory.paging)."""
    try:
        page = Paginator(queryset, per_page).page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404("No such page of results.") from exc
    check_spelling(request, page.number)
    return page


# ---- Searches and city pages ----


class SearchView(PageNumberMixin, TemplateView):
    """A FilterSet over an already-optimised queryset, optionally fixed to one city."""

    filterset_class = None
    city_url_name = None
    search_url_name = None
    noun = None  # the page's heading without a city ("Gynecologists")
    noun_in_city = None  # with one ("Gynecologists in %(city)s")
    no_match = see_more = None  # what an empty page says
    cards = None  # directory.cards builder for the page's results

    def get_queryset(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        city = None
        if kwargs.get("city"):
            # From the search lexicon, with no query; a slug it does not know is asked of the database
            # (a city added on another machine a moment ago) before the page is a 404.
            city = city_row(kwargs["city"]) or get_object_or_404(City, slug=kwargs["city"])
        filterset = self.filterset_class(self.request.GET, queryset=self.get_queryset(), city=city)
        page = paginate(self.request, filterset.qs)
        # The city of the page, or the one chosen with ?city= (when it was valid).
        place = city or filterset.form.cleaned_data.get("city")
        context.update(
            city=city,
            place=place,
            filter=filterset,
            form=filterset.form,
            page_obj=page,
            results=page.object_list,
            cards=self.cards(page.object_list),
            result_count=page.paginator.count,
            has_filters=any(v for k, v in self.request.GET.lists() if k not in ("page", "sort") and any(v)),
            variant=any(k != "page" for k in self.request.GET),
            form_action=(
                reverse(self.city_url_name, kwargs={"city": city.slug})
                if city
                else reverse(self.search_url_name)
            ),
            search_url=reverse(self.search_url_name),
            heading=self.noun_in_city % {"city": place.local_name} if place else self.noun,
            found=self.found(page.paginator.count),
            no_match=self.no_match,
            see_more=self.see_more,
            sort_label=self.sort_label(filterset.form),
            breadcrumbs=[
                (self.noun, reverse(self.search_url_name) if city else None),
                *([(city.local_name, None)] if city else []),
            ],
            **self.did_you_mean(filterset, page.paginator.count),
        )
        return context

    def did_you_mean(self, filterset, count) -> dict:
        """When the words found nothing: the same search with their spelling corrected, as a link."""
        typed = filterset.form.cleaned_data.get("q") if not filterset.form.errors.get("q") else ""
        suggestion = suggest(typed, lexicon()) if typed and not count else None
        if not suggestion:
            return {}
        params = self.request.GET.copy()
        params["q"] = suggestion
        params.pop("page", None)
        return {"suggestion": suggestion, "suggestion_url": f"?{params.urlencode()}"}

    def found(self, count: int) -> str:
        """ "12 gynecologists found" in the page's language."""
        raise NotImplementedError

    def sort_label(self, form):
        data = getattr(form, "cleaned_data", {})
        return self.sort_labels.get((data.get("sort") or self.default_sort, bool(data.get("q"))))


class DoctorSearchView(SearchView):
    template_name = "directory/gynecologist_list.html"
    filterset_class = DoctorFilter
    page_cache_params = frozenset([*DoctorFilter.base_filters, "page"])  # what the page cache keys on
    city_url_name = "directory:doctor_city"
    search_url_name = "directory:doctor_search"
    noun = _("Gynecologists")
    noun_in_city = _("Gynecologists in %(city)s")
    no_match = _("No gynecologist matches all of these filters.")
    see_more = _("To see more gynecologists:")
    cards = staticmethod(doctor_cards)
    default_sort = "relevance"
    sort_labels = {
        ("relevance", True): _("best match first"),
        ("relevance", False): _("most experienced first"),
        ("experience", True): _("most experienced first"),
        ("experience", False): _("most experienced first"),
        ("fee", True): _("lowest fee first"),
        ("fee", False): _("lowest fee first"),
        ("name", True): _("by name"),
        ("name", False): _("by name"),
    }

    def found(self, count):
        return ngettext("%(count)s gynecologist found", "%(count)s gynecologists found", count) % {
            "count": count
        }

    def get_queryset(self):
        return self.queryset_for(self.request.GET.get("q", ""))

    @staticmethod
    def queryset_for(q: str):
        """The doctors a search starts from: a table scan only when words are left to search after
        the box is read ("gynecologist pune" has none, so the index walk of a city page)."""
        text_search = bool(read_query(q[:100]).text)
        return Gynecologist.objects.active(scan=text_search).for_cards().by_experience()


class PackageSearchView(SearchView):
    template_name = "directory/maternitypackage_list.html"
    filterset_class = PackageFilter
    page_cache_params = frozenset([*PackageFilter.base_filters, "page"])
    city_url_name = "directory:package_city"
    search_url_name = "directory:package_search"
    noun = _("Maternity packages")
    noun_in_city = _("Maternity packages in %(city)s")
    no_match = _("No package matches all of these filters.")
    see_more = _("To see more packages:")
    cards = staticmethod(package_cards)
    default_sort = "price"
    sort_labels = {
        (sort, searched): label
        for sort, label in [
            ("price", _("lowest price first")),
            ("-price", _("highest price first")),
            ("nights", _("fewest nights first")),
        ]
        for searched in (True, False)
    }

    def found(self, count):
        return ngettext("%(count)s package found", "%(count)s packages found", count) % {"count": count}

    def get_queryset(self):
        return MaternityPackage.objects.listed().for_cards().by_price()


@require_GET
def choose_city(request):
    """Where the "choose your city" chooser sends its answer: the city's doctors or packages page, or
    the chooser again with a message when no city (or one we do not list) was chosen."""
    form = CityChoiceForm(request.GET, auto_id="choose-%s")
    if form.is_valid():
        url_name = (
            "directory:package_city" if form.cleaned_data["find"] == "packages" else "directory:doctor_city"
        )
        return redirect(url_name, city=form.cleaned_data["city"].slug)
    return render(
        request,
        "directory/choose_city.html",
        {"form": form, "cities": form.fields["city"].queryset, "error": form.errors["city"][0]},
    )


choose_city.page_cache_params = frozenset({"city", "find"})  # the page cache keys on these (portal.pagecache)


# ---- Detail pages ----


class ListedDetailView(DetailView):
    """A detail page whose object may exist but no longer be listed: then a helpful 404."""

    def is_listed(self, obj) -> bool:
        raise NotImplementedError

    def alternatives(self, obj):
        """(heading, link) to the current search that replaces this page."""
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.is_listed(self.object):
            label, url = self.alternatives(self.object)
            context = {"object": self.object, "alternatives_label": label, "alternatives_url": url}
            return render(request, "directory/not_listed.html", context, status=404)
        return self.render_to_response(self.get_context_data(object=self.object))


def _centres():
    return Prefetch(
        "hospitals", queryset=Hospital.objects.active().select_related("city").order_by("name", "id")
    )


class DoctorDetailView(ListedDetailView):
    template_name = "directory/gynecologist_detail.html"

    def get_queryset(self):
        return Gynecologist.objects.select_related("city").prefetch_related(
            Prefetch("languages", queryset=Language.objects.only("id", "name", "slug")), _centres()
        )

    def is_listed(self, obj):
        return obj.is_active

    def alternatives(self, obj):
        return (
            gettext("Gynecologists in %(city)s") % {"city": obj.city.local_name},
            reverse("directory:doctor_city", kwargs={"city": obj.city.slug}),
        )

    def get_context_data(self, **kwargs):
        doctor = self.object
        return super().get_context_data(
            structured_data=structured_data.physician(self.request, doctor),
            breadcrumbs=[
                (gettext("Gynecologists"), reverse("directory:doctor_search")),
                (doctor.city.local_name, reverse("directory:doctor_city", kwargs={"city": doctor.city.slug})),
                (doctor.name, None),
            ],
            **kwargs,
        )


class HospitalDetailView(ListedDetailView):
    template_name = "directory/hospital_detail.html"
    doctors_shown = 12

    def get_queryset(self):
        return Hospital.objects.select_related("city")

    def is_listed(self, obj):
        return obj.is_active

    def alternatives(self, obj):
        return (
            gettext("Maternity packages in %(city)s") % {"city": obj.city.local_name},
            reverse("directory:package_city", kwargs={"city": obj.city.slug}),
        )

    def get_context_data(self, **kwargs):
        hospital = self.object
        doctors = Gynecologist.objects.active().filter(hospitals=hospital)
        return super().get_context_data(
            doctors=doctor_cards(doctors.for_cards().by_experience()[: self.doctors_shown]),
            doctor_count=doctors.count(),
            packages=package_cards(
                MaternityPackage.objects.listed().filter(hospital=hospital).for_cards().by_price()
            ),
            structured_data=structured_data.hospital(self.request, hospital),
            breadcrumbs=[
                (gettext("Maternity packages"), reverse("directory:package_search")),
                (
                    hospital.city.local_name,
                    reverse("directory:package_city", kwargs={"city": hospital.city.slug}),
                ),
                (hospital.name, None),
            ],
            **kwargs,
        )


class PackageDetailView(ListedDetailView):
    template_name = "directory/maternitypackage_detail.html"

    def get_queryset(self):
        return MaternityPackage.objects.with_caesarean_price().select_related("hospital", "city")

    def is_listed(self, obj):
        return obj.is_listed()

    def alternatives(self, obj):
        return (
            gettext("Maternity packages in %(city)s") % {"city": obj.city.local_name},
            reverse("directory:package_city", kwargs={"city": obj.city.slug}),
        )

    def get_context_data(self, **kwargs):
        package = self.object
        return super().get_context_data(
            price_out_of_date=package.price_may_be_out_of_date(),
            structured_data=structured_data.offer(self.request, package),
            breadcrumbs=[
                (gettext("Maternity packages"), reverse("directory:package_search")),
                (
                    package.city.local_name,
                    reverse("directory:package_city", kwargs={"city": package.city.slug}),
                ),
                (package.hospital.name, package.hospital.get_absolute_url()),
                (package.name, None),
            ],
            **kwargs,
        )


# ---- Compare ----


@require_GET
def package_compare(request):
    slugs = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
    # Only well-formed slugs reach the database (PostgreSQL refuses text with NUL bytes, for one).
    lookup = [s for s in slugs[:20] if SLUG.fullmatch(s)]
    found = {
        p.slug: p
        for p in MaternityPackage.objects.listed()
        .filter(slug__in=lookup)
        .with_caesarean_price()
        .select_related("hospital", "city")
    }
    packages = [found[s] for s in slugs if s in found]
    unknown = [s for s in slugs[:20] if s not in found]
    problems = []
    if unknown:
        names = ", ".join(f"“{s}”" for s in unknown[:4])
        if len(unknown) > 4:
            names = gettext("%(names)s and others") % {"names": names}
        problems.append(
            ngettext(
                "We could not find %(names)s among the packages listed today, so it is left out.",
                "We could not find %(names)s among the packages listed today, so they are left out.",
                len(unknown),
            )
            % {"names": names}
        )
    if len(packages) > COMPARE_MAX:
        problems.append(
            gettext("You can compare up to %(count)s packages at a time: showing the first four.")
            % {"count": COMPARE_MAX}
        )
        packages = packages[:COMPARE_MAX]
    if len(packages) < COMPARE_MIN:
        problems.append(
            gettext(
                "Choose at least two packages to compare: tick “Compare” on the packages you like, "
                "then press “Compare selected”."
            )
        )
        packages = []
    return render(
        request,
        "directory/maternitypackage_compare.html",
        {
            "packages": packages,
            "problems": problems,
            "breadcrumbs": [
                (gettext("Maternity packages"), reverse("directory:package_search")),
                (gettext("Compare"), None),
            ],
        },
    )


package_compare.page_cache_params = frozenset({"p"})  # the page cache keys on these (portal.pagecache)


# ---- Enquiries ----


def _enquiry_subject(kind, slug):
    """The doctor or package being asked about, the centres that may answer, and whether it is listed."""
    if kind == "doctor":
        doctor = get_object_or_404(
            Gynecologist.objects.select_related("city").prefetch_related(_centres()), slug=slug
        )
        return doctor, list(doctor.hospitals.all()), doctor.is_active
    package = get_object_or_404(MaternityPackage.objects.select_related("hospital", "city"), slug=slug)
    return package, [package.hospital], package.is_listed()


def _alternatives(kind, subject):
    if kind == "doctor":
        label, url_name = gettext("Gynecologists in %(city)s"), "directory:doctor_city"
    else:
        label, url_name = gettext("Maternity packages in %(city)s"), "directory:package_city"
    label %= {"city": subject.city.local_name}
    return {"alternatives_label": label, "alternatives_url": reverse(url_name, args=[subject.city.slug])}


def _store(request, form, kind, subject) -> str | None:
    """Store the enquiry (or nothing, for a bot); its reference, or None when over the rate limit."""
    if form.is_spam:
        return new_reference()  # the bot sees the usual thank-you page; nothing is stored
    enquiry = form.save(commit=False)
    setattr(enquiry, kind, subject)
    enquiry.hospital = form.chosen_centre
    # Her confirmation email goes out in the language she wrote in.
    languages = dict(settings.LANGUAGES)
    enquiry.language = request.LANGUAGE_CODE if request.LANGUAGE_CODE in languages else settings.LANGUAGE_CODE
    return notifications.store_enquiry(enquiry, client_key=client_key(request))


@never_cache
@sensitive_post_parameters("patient_name", "phone", "email", "message")
@require_http_methods(["GET", "POST"])
def enquire(request, slug, kind):
    subject, centres, listed = _enquiry_subject(kind, slug)
    context = {"object": subject, "subject": subject, "kind": kind, **_alternatives(kind, subject)}
    if not listed:
        return render(request, "directory/not_listed.html", context, status=404)
    if not centres:
        # Nobody would receive it: say so, and where else to look, rather than promise a call back.
        return render(request, "directory/enquiry_unavailable.html", context)
    form = EnquiryForm(request.POST or None, centres=centres)
    context |= {
        "form": form,
        "centres": centres,
        "retention_days": settings.ENQUIRY_RETENTION_DAYS,
        "breadcrumbs": [(subject.name, subject.get_absolute_url()), (gettext("Send an enquiry"), None)],
    }
    if request.method == "POST" and form.is_valid():
        if form.needs_a_guardian and not form.is_spam:
            # Under 18 without a parent's or guardian's agreement: nothing is stored (DPDP Act s. 9).
            return render(request, "directory/enquiry_under_18.html", context)
        reference = _store(request, form, kind, subject)
        if reference is None:
            # Over the limit: keep what she typed, and give the centre's phone to call instead.
            return render(
                request, "directory/enquiry_form.html", context | {"rate_limited": True}, status=429
            )
        references = request.session.get(SESSION_REFERENCES, [])[-9:]
        request.session[SESSION_REFERENCES] = [*references, reference]
        return redirect("directory:enquiry_thanks", reference=reference)
    return render(request, "directory/enquiry_form.html", context)


@never_cache
@require_GET
def enquiry_thanks(request, reference):
    """Shown only to the browser that sent the enquiry (the reference is kept in its session): what
    was sent to whom, and the mobile number the centre will call."""
    if reference not in request.session.get(SESSION_REFERENCES, []):
        raise Http404("No such enquiry in this browser.")
    enquiry = (
        Enquiry.objects.select_related("hospital", "doctor", "package")
        .filter(reference=reference, erased__isnull=True)
        .only(
            "reference",
            "phone",
            "email",
            "access_nonce",
            "hospital__name",
            "hospital__phone",
            "hospital__slug",
            "doctor__name",
            "doctor__slug",
            "package__name",
            "package__slug",
        )
        .first()
    )
    # The private link is shown once (and again only in the confirmation email).
    shown = request.session.get(SESSION_LINKS_SHOWN, [])
    private_url = None
    if enquiry is not None and reference not in shown:
        private_url = request.build_absolute_uri(enquiry.get_private_url())
        request.session[SESSION_LINKS_SHOWN] = [*shown[-9:], reference]
    context = {"reference": reference, "enquiry": enquiry, "private_url": private_url}
    return render(request, "directory/enquiry_thanks.html", context)

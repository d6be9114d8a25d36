"""The due-date calculator page and its calendar download.

Health data stays out of URLs, logs and caches: the form POSTs (exempt from CSRF because it changes
nothing on the server), POST responses are `no-store`, `sensitive_post_parameters` keeps the values out
of error reports, and nothing is written to the session, the database or the cache.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from calculators import wording
from calculators.antenatal import PMSMA, dated_steps, pmsma_days
from calculators.forms import DueDateForm, section_forms
from calculators.ics import build_calendar
from calculators.timeline import build_timeline

TEMPLATE = "calculators/due_date.html"
FORM_PAGE_MAX_AGE = 300  # the form is the same for everyone; its date limits change at midnight


def _render(request, today, form=None, status=200):
    context = {
        "forms": section_forms(today, form),
        "form": form,
        "today": today,
        "breadcrumbs": [(gettext("Due-date calculator"), None)],
    }
    if form is not None and form.is_valid():
        result = form.result()
        care = dated_steps(result)
        context |= {
            "result": result,
            "reason": wording.reason(result),
            "notes": wording.notes(result),
            "overdue_advice": wording.overdue_advice(result),
            "trimester": wording.trimester_name(result),
            "timeline": build_timeline(result, care),
            "care": care,
            "pmsma_days": pmsma_days(result),
            "pmsma": PMSMA,
        }
    response = render(request, TEMPLATE, context, status=status)
    if request.method == "POST":
        add_never_cache_headers(response)
    return response


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters()
def due_date(request):
    today = timezone.localdate()
    if request.method == "POST":
        return _render(request, today, DueDateForm(request.POST, today=today))
    response = _render(request, today)
    patch_cache_control(response, public=True, max_age=FORM_PAGE_MAX_AGE)
    return response


@csrf_exempt
@require_POST
@sensitive_post_parameters()
def due_date_calendar(request):
    today = timezone.localdate()
    form = DueDateForm(request.POST, today=today)
    if not form.is_valid():
        return _render(request, today, form, status=400)
    response = HttpResponse(build_calendar(form.result()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pregnancy-milestones.ics"'
    add_never_cache_headers(response)
    return response


# Both take anyone's POST (exempt from CSRF): only a small urlencoded form is read (portal.middleware).
due_date.form_body_only = due_date_calendar.form_body_only = True

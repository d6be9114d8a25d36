"""Patients' data rights (Digital Personal Data Protection Act 2023): the notice, the private enquiry
page (access, correction, withdrawal with erasure) and grievances.

The private page is found only by its unguessable token, is never cached or indexed, never sends a
Referer, and the token never reaches a log (portal.logging and gunicorn.conf.py mask it).
"""

import copy
import logging

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from directory import notifications, ratelimit
from directory.forms import CorrectionForm, GrievanceForm
from directory.models import Enquiry, Grievance, new_grievance_reference

logger = logging.getLogger(__name__)

SESSION_GRIEVANCES = "directory_grievance_references"


def _private(response):
    """No cache, no index, and no Referer to other sites for a page reached by a secret link."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Never sent to another site; sent to our own pages, which CSRF checks need.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_safe
def privacy_notice(request):
    """/privacy/: what the enquiry form collects, why, who receives it, for how long, and the rights."""
    context = {
        "retention_days": settings.ENQUIRY_RETENTION_DAYS,
        "response_days": settings.GRIEVANCE_RESPONSE_DAYS,
        "officer_name": settings.GRIEVANCE_OFFICER_NAME,
        "officer_email": settings.GRIEVANCE_OFFICER_EMAIL,
        "breadcrumbs": [(gettext("Privacy notice"), None)],
    }
    return render(request, "directory/privacy.html", context)


def _find(token):
    enquiry = Enquiry.objects.with_access_token(token).select_related("hospital", "doctor", "package").first()
    if enquiry is None:
        raise Http404("No enquiry has this link (it may have been withdrawn).")
    return enquiry


@never_cache
@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
def my_enquiry(request, token):
    """/my-enquiry/<token>/: everything stored about the enquiry, a form to correct it, and one button
    (action=withdraw) that withdraws consent and erases the personal data at once."""
    enquiry = _find(token)
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "withdraw":
        notifications.withdraw(enquiry)
        context = {"reference": enquiry.reference, "centre": enquiry.hospital}
        return _private(render(request, "directory/my_enquiry_withdrawn.html", context))
    # The form checks a copy: a correction it refuses never shows in "What we hold" as if it were stored.
    form = CorrectionForm(request.POST if action == "correct" else None, instance=copy.copy(enquiry))
    saved = False
    if action == "correct" and form.is_valid():
        with transaction.atomic():
            # Read again, locked, and only the corrected fields written: a withdrawal, an erasure or a
            # new private link since this request read the enquiry stands (saving that older copy whole
            # would bring back her erased details, or her old link).
            enquiry = (
                Enquiry.objects.select_for_update(of=("self",))
                .with_access_token(token)
                .filter(pk=enquiry.pk)
                .select_related("hospital", "doctor", "package")
                .first()
            )
            if enquiry is None:
                raise Http404("No enquiry has this link (it may have been withdrawn).")
            for name in CorrectionForm.Meta.fields:
                setattr(enquiry, name, getattr(form.instance, name))
            enquiry.save(update_fields=[*CorrectionForm.Meta.fields, "updated"])
        logger.info("enquiry corrected by the patient", extra={"reference": enquiry.reference})
        saved = True
        form = CorrectionForm(instance=copy.copy(enquiry))
    context = {
        "enquiry": enquiry,
        "form": form,
        "saved": saved,
        "retention_days": settings.ENQUIRY_RETENTION_DAYS,
    }
    status = 400 if action not in (None, "correct") or (action == "correct" and not saved) else 200
    return _private(render(request, "directory/my_enquiry.html", context, status=status))


@never_cache
@sensitive_post_parameters("name", "email", "phone", "message")
@require_http_methods(["GET", "POST"])
def grievance(request):
    """/privacy/grievance/: a request or complaint, answered by the grievance officer."""
    form = GrievanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = _store_grievance(request, form)
        if reference is None:
            context = {"form": form, "rate_limited": True, "breadcrumbs": _grievance_crumbs()}
            return render(request, "directory/grievance_form.html", context, status=429)
        references = request.session.get(SESSION_GRIEVANCES, [])[-9:]
        request.session[SESSION_GRIEVANCES] = [*references, reference]
        return redirect("directory:grievance_thanks", reference=reference)
    return render(
        request, "directory/grievance_form.html", {"form": form, "breadcrumbs": _grievance_crumbs()}
    )


def _grievance_crumbs():
    return [
        (gettext("Privacy notice"), reverse("directory:privacy")),
        (gettext("Requests and complaints"), None),
    ]


def _store_grievance(request, form) -> str | None:
    """Store it (nothing for a bot); its reference, or None over the same hourly limit as enquiries."""
    if form.is_spam:
        return new_grievance_reference()
    key = ratelimit.client_key(request)
    with transaction.atomic():
        ratelimit.lock_client(key)
        if ratelimit.over_limit(Grievance.objects.all(), key):
            return None
        grievance = form.save(commit=False)
        grievance.client_key = key
        grievance.save()
    logger.info("grievance stored", extra={"reference": grievance.reference})
    return grievance.reference


@never_cache
@require_GET
def grievance_thanks(request, reference):
    if reference not in request.session.get(SESSION_GRIEVANCES, []):
        raise Http404("No such request in this browser.")
    grievance = Grievance.objects.filter(reference=reference).only("reference", "due").first()
    context = {
        "reference": reference,
        "grievance": grievance,
        "officer_name": settings.GRIEVANCE_OFFICER_NAME,
        "officer_email": settings.GRIEVANCE_OFFICER_EMAIL,
    }
    return render(request, "directory/grievance_thanks.html", context)

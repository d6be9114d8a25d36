"""The one admin site: the usual Django admin behind two-factor sign-in, whose index also shows each
person what needs doing.

- Signing in takes a password and a one-time code in one form (portal/twofactor.py); no admin page
  opens for a session that has not been verified by a code, superusers included.
- A staff account without an authenticator app signs in with its password and is sent to set one up
  (`two-factor/setup/`); that page, and signing out, are all it can reach until it has.
- Sign-in attempts are limited per client address before any password is hashed (portal/throttle.py).
- "View on site" (`r/<content type>/<id>/`) opens only objects the user may view in the admin.
- An action on a selection that names anything but object ids is a 400 (Django's admin filters by the
  ids as given, and "abc" or an id past 64 bits was a 500).
"""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import BadRequest, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import user_has_device

from portal import twofactor
from portal.dashboard import dashboard_for
from portal.throttle import sign_in_attempts_exceeded


def is_verified(user) -> bool:
    """Whether this session was signed in with a one-time code (django-otp's OTPMiddleware)."""
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def _selection_is_ids(request, model_admin) -> bool:
    """Whether the objects selected for an admin action (if any) are named by values their model's
    primary key can hold (a number in range, or a UUID for the task results)."""
    if request.method != "POST" or model_admin is None:
        return True
    pk = model_admin.model._meta.pk
    try:
        for value in request.POST.getlist(ACTION_CHECKBOX_NAME):
            pk.run_validators(pk.to_python(value))
    except ValidationError:
        return False
    return True


def needs_enrolment(user) -> bool:
    """A signed-in staff account that has no authenticator app (nor backup codes) yet."""
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and not is_verified(user)
        and not user_has_device(user)
    )


class PortalAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} administration"
    site_title = f"{settings.SITE_NAME} admin"
    index_title = "Editorial and directory administration"
    login_form = twofactor.TwoFactorAuthenticationForm
    login_template = "admin/two_factor_login.html"

    def admin_view(self, view, cacheable=False):
        model_admin = getattr(view, "__self__", None)  # a ModelAdmin's own views are its methods
        if not isinstance(model_admin, admin.ModelAdmin):
            model_admin = None

        def checked(request, *args, **kwargs):
            if not _selection_is_ids(request, model_admin):
                raise BadRequest("The selected objects must be named by their ids.")
            return view(request, *args, **kwargs)

        # Inside Django's wrapper: the sign-in, two-factor and CSRF checks come first.
        return super().admin_view(update_wrapper(checked, view), cacheable)

    def has_permission(self, request):
        return super().has_permission(request) and is_verified(request.user)

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard_for(request.user)}
        return super().index(request, extra_context)

    def login(self, request, extra_context=None):
        if request.method == "POST":
            wait = sign_in_attempts_exceeded(request)
            if wait:
                response = TemplateResponse(
                    request,
                    "admin/sign_in_throttled.html",
                    {"limit": settings.ADMIN_LOGIN_RATE_LIMIT},
                    status=429,
                )
                response["Retry-After"] = str(wait)
                return response
        elif needs_enrolment(request.user):
            return HttpResponseRedirect(reverse("admin:two_factor_setup", current_app=self.name))
        extra_context = {**(extra_context or {}), "needs_code": request.user.is_authenticated}
        response = super().login(request, extra_context)
        if request.method == "POST" and needs_enrolment(request.user):
            return HttpResponseRedirect(reverse("admin:two_factor_setup", current_app=self.name))
        return response

    def get_urls(self):
        setup = require_http_methods(["GET", "POST"])(self.two_factor_setup)
        urls = [
            path("two-factor/setup/", self._own_view(setup), name="two_factor_setup"),
            path(
                "two-factor/sign-out/",
                self._own_view(require_POST(self.two_factor_sign_out)),
                name="two_factor_sign_out",
            ),
        ]
        for pattern in super().get_urls():
            if getattr(pattern, "name", None) == "view_on_site":
                view = self._wrap(self.view_on_site)
                pattern = path("r/<path:content_type_id>/<path:object_id>/", view, name="view_on_site")
            urls.append(pattern)
        return urls

    def _wrap(self, view):
        def wrapper(*args, **kwargs):
            return self.admin_view(view)(*args, **kwargs)

        wrapper.admin_site = self
        return update_wrapper(wrapper, view)

    def _own_view(self, view):
        """The two-factor pages: open to a signed-in staff account before its session is verified."""
        return update_wrapper(never_cache(csrf_protect(view)), view)

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut, for objects this user may view in the admin only: anything else is a 404
        (without this, any staff account could learn the slugs of draft articles through it)."""
        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ValueError, ContentType.DoesNotExist):
            raise Http404("No such object.") from None
        model_admin = self._registry.get(model)
        obj = model_admin.get_object(request, object_id) if model_admin else None
        if obj is None or not model_admin.has_view_or_change_permission(request, obj):
            raise Http404("No such object.")
        return shortcut(request, content_type_id, object_id)

    def _context(self, request, **context):
        # Nothing of the admin's navigation: this session may not open any of it yet.
        return {
            **self.each_context(request),
            "available_apps": [],
            "is_nav_sidebar_enabled": False,
            **context,
        }

    def two_factor_setup(self, request):
        """Set up an authenticator app: scan the QR code (or type the key), confirm a code it shows;
        then the session is verified and the backup codes are shown, once."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return redirect_to_login(request.get_full_path(), reverse("admin:login", current_app=self.name))
        if is_verified(user):
            return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
        if user_has_device(user):  # set up already: signing in needs a code
            return HttpResponseRedirect(reverse("admin:login", current_app=self.name))
        device = twofactor.pending_app_device(user)
        form = twofactor.EnrolmentForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            codes = twofactor.confirm_app(request, device, form.cleaned_data["otp_token"])
            if codes:
                context = self._context(request, title="Your backup codes", codes=codes)
                return TemplateResponse(request, "admin/two_factor_backup_codes.html", context)
            form.add_error(
                "otp_token",
                "That is not the code the app shows now for this key. Check that the app added the key "
                "shown on this page, then enter the code it shows now.",
            )
        context = self._context(
            request,
            title="Set up two-factor sign-in",
            form=form,
            qr_code=twofactor.qr_code_svg(device),
            key=twofactor.key_for_typing(device),
        )
        return TemplateResponse(request, "admin/two_factor_setup.html", context)

    def two_factor_sign_out(self, request):
        auth_logout(request)
        return HttpResponseRedirect(reverse("admin:login", current_app=self.name))

import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext

from .languages import is_offered
from .roles import is_staff_member

ADMIN_PREFIX = "/admin/"


class SessionIdleTimeoutMiddleware:
    """Keep a sliding idle timeout without writing the session on every request.

    SESSION_COOKIE_AGE equals the idle timeout; touching the session moves its
    expiry forward, so an active person stays signed in and an idle session ends
    SESSION_IDLE_TIMEOUT seconds after the last touch. A touch is a write, so it
    happens at most every SESSION_TOUCH_INTERVAL seconds, and at least every
    tenth of the timeout: with a short timeout a fixed minute would let the
    session lapse between two requests of someone who is active.
    """

    # The share of the timeout that may pass between touches.
    TOUCH_FRACTION = 10

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            touch_every = min(
                getattr(settings, "SESSION_TOUCH_INTERVAL", 60),
                settings.SESSION_COOKIE_AGE // self.TOUCH_FRACTION,
            )
            now = int(time.time())
            if now - session.get("_last_touch", 0) >= touch_every:
                session["_last_touch"] = now
        return response


class StaffAdminGuardMiddleware:
    """Guard the Wagtail admin.

    - A signed-in person without admin access (a learner) gets a plain 403
      page instead of being bounced between the admin and the login page.
    - Staff roles must have TOTP switched on before they can use the admin:
      allauth has no setting that requires MFA, so this sends them to set it up.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(ADMIN_PREFIX) and request.user.is_authenticated:
            user = request.user
            if not user.has_perm("wagtailadmin.access_admin"):
                return render(request, "403_admin.html", status=403)
            if is_staff_member(user) and not is_mfa_enabled(user):
                messages.info(
                    request,
                    gettext(
                        "Staff accounts protect learners' records with two-step sign-in. "
                        "Set up an authenticator app to continue to the admin."
                    ),
                )
                return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Pages for a signed-in person are theirs alone: tell every cache (a proxy,
    a CDN, a shared browser cache) not to keep them for anyone else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            cache_control = response.get("Cache-Control", "")
            if "no-store" not in cache_control:
                patch_cache_control(response, private=True)
        return response


class LanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, with the person's own choice first.

    The language of a page: the signed-in person's profile (User.language),
    else the language cookie (set by the switcher, for people not signed in),
    else the browser's Accept-Language, else LANGUAGE_CODE. URLs carry no
    language prefix (a certificate's printed URL must answer as it is), so
    after AuthenticationMiddleware, where the person is known. The response
    varies on Accept-Language and Cookie (LocaleMiddleware's own), so no
    shared cache serves one person's language to another."""

    def process_request(self, request):
        user = getattr(request, "user", None)
        chosen = getattr(user, "language", "") if user is not None else ""
        if chosen and is_offered(chosen):
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)

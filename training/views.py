import logging

from allauth.account.views import LoginView as AllauthLoginView
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.documents.views.serve import serve as wagtail_document_serve
from wagtail.views import serve as wagtail_serve

from .content_cache import site_for_request
from .languages import is_offered
from .ranges import answer_range
from .services import person_language_choose

logger = logging.getLogger(__name__)


class LoginView(AllauthLoginView):
    """allauth's sign-in page, answering a locked-out sign-in (too many failed
    attempts for that address, allauth's `login_failed` rate limit) with 429
    instead of 200. The page and its message stay allauth's, and an unknown
    address is locked out and answered the same way as a known one. allauth
    has no adapter hook for the status, hence this one view."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "too_many_login_attempts"):
            response.status_code = 429
        return response


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"
        logger.exception("Health check: the database did not answer")
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def document_serve(request, document_id: int, document_filename: str):
    """Wagtail's document view, whose `before_serve_document` hooks decide who
    may open the file (courses/wagtail_hooks.py), answering byte ranges as
    video players on phones need (training/ranges.py)."""
    return answer_range(request, wagtail_document_serve(request, document_id, document_filename))


# A forged cross-site post can do no more than set the language cookie: the
# session cookie is SameSite=Lax, so such a post arrives signed out and never
# changes a profile. Exempt, so the switcher on every page needs no CSRF token
# (a token would give every anonymous page a cookie and a Vary: Cookie).
@csrf_exempt
@require_POST
def choose_language(request):
    """The language switcher (header and account page): kept in the signed-in
    person's profile, and in a cookie for the device (so it stays after signing
    out), then back to the page the person was on."""
    next_url = request.POST.get("next", "")
    # A path on this site only; redirect() would take other text for a view name.
    if not next_url.startswith("/") or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    language = request.POST.get("language", "")
    if not is_offered(language):
        messages.error(request, _("That language isn't available. Nothing was changed."))
        return HttpResponseRedirect(next_url)
    if request.user.is_authenticated:
        person_language_choose(person=request.user, language=language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def serve_page(request, path):
    """Wagtail's page serving, routed in the default locale's tree whatever
    the reader's language. With localisation on, Wagtail would start from the
    home page's translation in the active language (`root_page.localized`):
    two more queries on every page, and a 404 for every page not yet
    translated. Here a URL always names the same page; the page's views show
    the reader's translation of it (training/page_translations.py)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = site_for_request(request)
        components = [component for component in path.split("/") if component]
        try:
            request._wagtail_route_for_request = (
                site.root_page.specific.route(request, components) if site else None
            )
        except Http404:
            request._wagtail_route_for_request = None
    return wagtail_serve(request, path)

import logging

from allauth.account.views import LoginView as AllauthLoginView
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.documents.views.serve import serve as wagtail_document_serve

from .ranges import answer_range

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

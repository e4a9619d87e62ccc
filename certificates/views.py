from allauth.core.internal import ratelimit
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from .codes import MAX_INPUT_LENGTH, normalise
from .selectors import public_record

RATE_LIMIT_ACTION = "verify_certificate"


def _limited(request) -> bool:
    """True when this client address has looked up too many codes lately.

    allauth's limiter is used so the client address follows the same rule as
    sign-in limits (ALLAUTH_TRUSTED_PROXY_COUNT). Its public wrapper skips GET
    requests, so this calls the implementation with limit_get; the tests in
    tests/certificates/test_verification.py catch a change on upgrade."""
    usage = ratelimit.consume(
        request, app="allauth.account", action=RATE_LIMIT_ACTION, limit_get=True
    )
    return usage is None


def _too_many(request, as_json=False):
    message = "Too many lookups from your address. Please wait a minute and try again."
    if as_json:
        return JsonResponse({"error": message}, status=429)
    return render(request, "certificates/verify_form.html", {"error": message}, status=429)


@require_GET
def verify_form(request):
    raw = request.GET.get("code", "")
    if not raw:
        return render(request, "certificates/verify_form.html", {})
    code = normalise(raw)
    if code is None:
        error = (
            "That doesn't look like a certificate number. It has 12 letters and digits "
            "after PRM, like PRM-7KQ4-M2XD-9HT3."
        )
        return render(
            request,
            "certificates/verify_form.html",
            {"error": error, "value": raw[:MAX_INPUT_LENGTH]},
            status=400,
        )
    return redirect("certificates:verify", code=code)


@require_GET
def verify(request, code: str):
    if _limited(request):
        return _too_many(request)
    record = public_record(code)
    if record is None:
        return render(
            request,
            "certificates/verify_unknown.html",
            {"code": code[:MAX_INPUT_LENGTH]},
            status=404,
        )
    if record.code != code:
        return redirect("certificates:verify", code=record.code)
    return render(request, "certificates/verify.html", {"record": record})


@require_GET
def verify_json(request, code: str):
    if _limited(request):
        return _too_many(request, as_json=True)
    record = public_record(code)
    if record is None:
        return JsonResponse({"error": "No certificate with this code."}, status=404)
    return JsonResponse(record.as_json())

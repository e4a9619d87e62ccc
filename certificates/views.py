import logging

from allauth.core.internal import ratelimit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import MemoryFileUploadHandler, StopUpload
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from programs.models import Enrollment
from training.forms import SiteForm
from training.languages import base_language, in_language, is_fallback

from . import credential_keys, status_lists, vc_jwt
from .codes import MAX_INPUT_LENGTH, normalise
from .credentials import STATUS_LIST_SECONDS, status_list_credential
from .models import Certificate, ProgramCertification
from .pdf_check import UnreadablePdf, pdf_check
from .selectors import holder_certificates, public_record
from .services import (
    attestation_record,
    certificate_download_file,
    certificate_render_ask,
    current_attestation,
    name_change_request,
)


class AttestationForm(SiteForm):
    typed_name = forms.CharField(
        label=gettext_lazy("Type your full name to sign"),
        max_length=150,
        help_text=gettext_lazy("Your typed name is your signature on this version of the code."),
    )

    def __init__(self, *args, printed_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if printed_name:
            self.fields["typed_name"].help_text = _(
                "As it will be printed on your certificate: %(name)s. Your typed name is your "
                "signature on this version of the code."
            ) % {"name": printed_name}


class NameChangeForm(SiteForm):
    new_name = forms.CharField(
        label=gettext_lazy("Your name as it should be printed"),
        min_length=2,
        max_length=150,
        help_text=gettext_lazy(
            "Exactly as you want it on your certificate, with any accents and capitals."
        ),
    )
    reason = forms.CharField(
        label=gettext_lazy("A few words for the coordinators"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Only the program's coordinators read this. It is never printed or shown "
            "to employers. A sentence is enough."
        ),
    )

    def clean_new_name(self):
        # As the certificate will print it.
        return " ".join(self.cleaned_data["new_name"].split())


logger = logging.getLogger(__name__)

RATE_LIMIT_ACTION = "verify_certificate"
DOWNLOAD_RATE_LIMIT_ACTION = "download_certificate"
UPLOAD_RATE_LIMIT_ACTION = "verify_upload"


def _limited(request, action: str = RATE_LIMIT_ACTION) -> bool:
    """True when this client address (or person, as ACCOUNT_RATE_LIMITS says)
    has used `action` too often lately.

    allauth's limiter is used so the client address follows the same rule as
    sign-in limits (ALLAUTH_TRUSTED_PROXY_COUNT). Its public wrapper skips GET
    requests, so this calls the implementation with limit_get; the tests in
    tests/certificates/test_verification.py and test_downloads.py catch a
    change on upgrade."""
    usage = ratelimit.consume(request, app="allauth.account", action=action, limit_get=True)
    return usage is None


# The JSON answers are read by programs: their words stay English.
TOO_MANY = gettext_noop("Too many lookups from your address. Please wait a minute and try again.")


def _too_many(request, as_json=False):
    if as_json:
        return JsonResponse({"error": TOO_MANY}, status=429)
    return render(request, "certificates/verify_form.html", {"error": _(TOO_MANY)}, status=429)


# csrf_exempt only so the upload handler can be set before the body is read;
# _verify_upload checks the token itself (csrf_protect).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def verify_form(request):
    if request.method == "POST":
        return _verify_upload(request)
    raw = request.GET.get("code", "")
    if not raw:
        return render(request, "certificates/verify_form.html", {})
    code = normalise(raw)
    if code is None:
        error = _(
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


class CappedMemoryUpload(MemoryFileUploadHandler):
    """Keeps an uploaded file in memory (never on disk, never in storage) up
    to `limit` bytes; one that grows past it is dropped there and the rest of
    the body is read and thrown away, so the answer can still be a page."""

    def __init__(self, request, *, limit: int):
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        # Always in memory: the view has refused bodies much over `limit`.
        self.activated = True

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        return super().receive_data_chunk(raw_data, start)


# Room for the form's other fields and the multipart boundaries.
UPLOAD_BODY_ALLOWANCE = 64 * 1024
UPLOAD_TOO_LARGE = gettext_lazy(
    "This file is larger than 5 MB, so we didn't check it. Certificates we issue are much smaller."
)
UPLOAD_UNREADABLE = gettext_lazy(
    "We couldn't read this file as a PDF. It may be damaged, protected with a "
    "password, or not a PDF at all. Try the file exactly as you received it, or "
    "enter the certificate number above."
)


def _upload_refused(request, message: str, status: int):
    return render(
        request, "certificates/verify_form.html", {"upload_error": message}, status=status
    )


def _verify_upload(request):
    if _limited(request, UPLOAD_RATE_LIMIT_ACTION):
        return _too_many(request)
    limit = settings.VERIFY_UPLOAD_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > limit + UPLOAD_BODY_ALLOWANCE:
        # Refused before a byte of the body is read.
        return _upload_refused(request, UPLOAD_TOO_LARGE, status=413)
    handler = CappedMemoryUpload(request, limit=limit)
    request.upload_handlers = [handler]
    return _verify_upload_checked(request, handler)


@csrf_protect
def _verify_upload_checked(request, handler):
    upload = request.FILES.get("pdf")
    if handler.too_large:
        return _upload_refused(request, UPLOAD_TOO_LARGE, status=413)
    if upload is None:
        return _upload_refused(request, _("Choose a PDF file to check."), status=400)
    with upload:
        data = upload.read()
    try:
        answer = pdf_check(data)
    except UnreadablePdf as error:
        logger.info("Verify by upload: unreadable file (%s)", str(error)[-200:])
        return _upload_refused(request, UPLOAD_UNREADABLE, status=400)
    return render(request, "certificates/verify_upload.html", {"answer": answer})


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


# DID Core 1.0 (section 6.3): a DID document with an @context is the JSON-LD
# representation, whose media type is this one (both JSON media types parse
# as JSON in the resolvers we know of).
DID_DOCUMENT_CONTENT_TYPE = "application/did+ld+json"


@require_GET
def did_document(request):
    """The credential issuer's did:web document: public keys only, the same
    for everyone, so it is not rate limited and caches may keep it a while
    (five minutes: a rotated-in key is visible soon after a restart)."""
    response = JsonResponse(credential_keys.did_document(), content_type=DID_DOCUMENT_CONTENT_TYPE)
    patch_cache_control(response, public=True, max_age=300)
    # Verifiers running in a browser on another site must be able to read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


# The media type of a Verifiable Credential secured in itself (VC Data Model 2.0).
CREDENTIAL_CONTENT_TYPE = "application/vc"


@require_GET
def credential(request, code: str, as_jwt: bool = False):
    """The certificate's signed Open Badges 3.0 credential, rate limited like
    the verification page. Until the worker has made it: 202 and a retry."""
    if _limited(request):
        return _too_many(request, as_json=True)
    certificate = (
        Certificate.objects.filter(code=normalise(code) or "")
        .only("pk", "code", "credential", "credential_jwt", "pdf", "revoked_at", "superseded_at")
        .first()
    )
    if certificate is None:
        return JsonResponse({"error": "No certificate with this code."}, status=404)
    if certificate.credential is None and certificate_render_ask(certificate=certificate):
        # The immediate task backend (development) has made it already.
        certificate.refresh_from_db(fields=["credential", "credential_jwt"])
    if certificate.credential is None:
        response = JsonResponse(
            {"status": "being prepared", "retry_after_seconds": PREPARING_RETRY_AFTER_SECONDS},
            status=202,
        )
        response["Retry-After"] = str(PREPARING_RETRY_AFTER_SECONDS)
        return response
    if as_jwt:
        response = HttpResponse(certificate.credential_jwt, content_type=vc_jwt.MEDIA_TYPE)
        name = f"{certificate.code}.credential.jwt"
    else:
        response = JsonResponse(certificate.credential, content_type=CREDENTIAL_CONTENT_TYPE)
        name = f"{certificate.code}.credential.json"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def status_list(request, purpose: str):
    """A signed Bitstring Status List credential (revocation or suspension):
    the same for everyone, cached five minutes by verifiers and by us."""
    if purpose not in status_lists.PURPOSES:
        raise Http404("No such status list.")
    response = JsonResponse(status_list_credential(purpose), content_type=CREDENTIAL_CONTENT_TYPE)
    patch_cache_control(response, public=True, max_age=STATUS_LIST_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- The learner's own pages -------------------------------------------------------


@login_required
@require_GET
def mine(request):
    return render(
        request, "certificates/mine.html", {"certificates": holder_certificates(request.user)}
    )


def _add_errors(form, error: ValidationError) -> None:
    """A service's refusal on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_http_methods(["GET", "POST"])
def name_change(request, code: str):
    """The holder asks for their certificate in a new name. Someone else's
    certificate answers 404, as if it did not exist."""
    certificate = get_object_or_404(
        Certificate.objects.with_suspension(),
        code=normalise(code) or "",
        enrollment__learner=request.user,
    )
    form = NameChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                name_change_request(
                    certificate_id=certificate.pk,
                    holder=request.user,
                    new_name=form.cleaned_data["new_name"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _add_errors(form, error)
                # A field's error is bad input; otherwise the certificate's state
                # refuses it (not in force, a request waiting): a conflict.
                status = 400 if hasattr(error, "error_dict") else 409
            else:
                messages.success(
                    request,
                    _(
                        "Thank you. Your request is with the coordinators; you will get an "
                        "email when they have looked at it."
                    ),
                )
                return redirect("certificates:mine")
    return render(
        request,
        "certificates/name_change.html",
        {"certificate": certificate, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ethics(request, program_slug: str):
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("program"),
        learner=request.user,
        program__slug=program_slug,
        status=Enrollment.Status.ACTIVE,
    )
    certification = ProgramCertification.objects.filter(program=enrollment.program).first()
    attestation = (
        current_attestation(learner=request.user, program=enrollment.program)
        if certification
        else None
    )
    form = AttestationForm(request.POST or None, printed_name=request.user.name_for_certificate)
    if request.method == "POST" and form.is_valid():
        try:
            attestation_record(
                learner=request.user,
                program=enrollment.program,
                typed_name=form.cleaned_data["typed_name"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. Your signature on the code of ethics is recorded.")
            )
            return redirect("dashboard")
    return render(
        request,
        "certificates/ethics.html",
        {
            "enrollment": enrollment,
            "certification": certification,
            "attestation": attestation,
            "form": form,
            **_ethics_text(certification),
        },
    )


def _ethics_text(certification) -> dict:
    """The code of ethics in the page's language where it is written, else the
    English, with the language it is in (`ethics_language`) so the page can
    mark it. The English stays the text of record (ProgramCertification)."""
    if certification is None:
        return {"ethics_text": "", "ethics_language": "en"}
    language = base_language()
    fallback = is_fallback(certification, "code_of_ethics", language)
    return {
        "ethics_text": in_language(certification, "code_of_ethics", language),
        "ethics_language": "en" if fallback else language,
    }


# How long the "being prepared" page asks a browser to wait before trying again.
PREPARING_RETRY_AFTER_SECONDS = 60


@login_required
@require_GET
def download(request, code: str):
    if _limited(request, DOWNLOAD_RATE_LIMIT_ACTION):
        return render(request, "certificates/download_limited.html", status=429)
    certificate = get_object_or_404(
        Certificate.objects.with_suspension().select_related("enrollment"),
        code=normalise(code) or "",
    )
    is_holder = certificate.enrollment.learner_id == request.user.pk
    if not is_holder and not request.user.has_perm("certificates.view_certificate"):
        # Nobody else may download it: answer as if it did not exist.
        raise Http404
    stored = certificate_download_file(certificate=certificate)
    if stored is None:
        # 202, not 503: the request was taken and the work is queued; nothing is
        # down, so monitoring and proxies leave this calm page alone.
        response = render(request, "certificates/pdf_preparing.html", status=202)
        response["Retry-After"] = str(PREPARING_RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "private, no-store"
        return response
    with stored.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/pdf")
    suffix = f"-{certificate.stamp}" if certificate.stamp else ""
    response["Content-Disposition"] = f'attachment; filename="{certificate.code}{suffix}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response

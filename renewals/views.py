"""The holders' continuing education log: the list with their renewal progress,
add, edit and delete an entry, and the private proof download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from certificates.models import Certificate
from certificates.selectors import printed

from . import selectors, services
from .forms import CEEntryForm
from .models import CECategory

VIEW_PERMISSION = "renewals.view_ceentry"


@login_required
def ce_log(request):
    certificates = list(selectors.holder_certificates(request.user))
    cycles = [
        {
            "certificate": certificate,
            # The credential as the certificate prints it (its own language).
            "credential": printed(certificate.snapshot, "credential", certificate.language),
            "progress": selectors.renewal_progress(certificate),
            "entries": list(selectors.ce_entries(certificate)),
            "renewal": selectors.latest_renewal(certificate),
        }
        for certificate in certificates
    ]
    return render(request, "renewals/log.html", {"cycles": cycles})


def _own_certificate(request, code) -> Certificate:
    certificate = selectors.holder_certificates(request.user).filter(code=code).first()
    if certificate is None:
        raise Http404(_("No current certificate of yours has this number."))
    return certificate


def _own_entry(request, public_id):
    entry = selectors.ce_entry_for(request.user, public_id)
    if entry is None:
        raise Http404(_("No entry of yours has this address."))
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def ce_add(request, code):
    return _form_view(request, _own_certificate(request, code))


@login_required
@require_http_methods(["GET", "POST"])
def ce_edit(request, public_id):
    entry = _own_entry(request, public_id)
    return _form_view(request, entry.certificate, entry)


FIELDS = ("activity", "provider", "date", "hours", "category", "notes")


def _form_view(request, certificate, entry=None):
    categories = list(CECategory.objects.all())
    flagged = request.method == "POST" and "confirm_no_client_info" in request.POST
    initial = {name: getattr(entry, name) for name in FIELDS} if entry is not None else {}
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = CEEntryForm(
        data, files, categories=categories, entry=entry, ask_confirmation=flagged, initial=initial
    )
    findings = []
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in FIELDS}
        values["proof"] = form.cleaned_data.get("proof")
        try:
            if entry is None:
                services.ce_entry_record(
                    holder=request.user,
                    certificate=certificate,
                    confirmed_no_identifiers=form.confirmed,
                    **values,
                )
                messages.success(request, _("Saved to your continuing education log."))
            else:
                services.ce_entry_update(
                    holder=request.user,
                    entry=entry,
                    remove_proof=bool(form.cleaned_data.get("remove_proof")),
                    confirmed_no_identifiers=form.confirmed,
                    **values,
                )
                messages.success(request, _("Your changes are saved."))
            return redirect("renewals:log")
        except services.IdentifiersFound as found:
            findings = found.findings
            form = CEEntryForm(
                request.POST,
                request.FILES,
                categories=categories,
                entry=entry,
                ask_confirmation=True,
            )
            form.is_valid()
        except ValidationError as error:
            form.add_error(None, error)
    return render(
        request,
        "renewals/entry_form.html",
        {
            "certificate": certificate,
            "entry": entry,
            "form": form,
            "findings": findings,
            "proof_lost": request.method == "POST" and bool(request.FILES.get("proof")),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["POST"])
def renewal_ask(request, code):
    certificate = _own_certificate(request, code)
    try:
        renewal = services.renewal_request(certificate_id=certificate.pk, holder=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Thank you. Your renewal is with the coordinators now; you'll get an email "
                "when it's decided. Your renewal was picked at random for a proof check, so "
                "please make sure each activity has its proof uploaded."
            )
            if renewal.audit
            else _(
                "Thank you. Your renewal is with the coordinators now; you'll get an email "
                "when it's decided."
            ),
        )
    return redirect("renewals:log")


@login_required
@require_http_methods(["GET", "POST"])
def ce_delete(request, public_id):
    entry = _own_entry(request, public_id)
    if request.method == "POST":
        services.ce_entry_delete(holder=request.user, entry=entry)
        messages.success(
            request, _("“%(activity)s” is deleted from your log.") % {"activity": entry.activity}
        )
        return redirect("renewals:log")
    return render(request, "renewals/entry_delete.html", {"entry": entry})


@login_required
def ce_proof(request, public_id):
    """The proof, to its owner and to coordinators; anyone else gets a 404."""
    entry = selectors.ce_entry_for(request.user, public_id)
    if entry is None and request.user.has_perm(VIEW_PERMISSION):
        entry = selectors.ce_entry_for_staff(public_id)
    if entry is None or not entry.proof:
        raise Http404(_("No proof here."))
    extension = entry.proof.name.rsplit(".", 1)[-1]
    try:
        handle = entry.proof.open("rb")
    except FileNotFoundError as missing:
        raise Http404(_("The proof file is missing.")) from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"ce-proof-{entry.date:%Y-%m-%d}.{extension}",
        content_type=services.PROOF_CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

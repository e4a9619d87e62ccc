"""The coordinators' renewal queue: waiting renewals with their evidence,
approval one by one or together (those not picked for a proof audit), and
returning one to its holder with a note."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from certificates.admin_views import requires
from training.errors import message_of
from training.ids import plain_id

from . import selectors, services
from .models import Renewal

DECIDE = "renewals.change_renewal"


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What the holder needs to add or fix"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "The holder sees this on their continuing education page and by email."
        ),
    )


class ApproveForm(forms.Form):
    proofs_checked = forms.BooleanField(
        label=gettext_lazy("I opened the proof of every activity and it supports the hours logged"),
        required=False,
    )


@require_http_methods(["GET", "POST"])
@requires(DECIDE)
def queue(request):
    if request.method == "POST":
        ids = [plain_id(value) for value in request.POST.getlist("renewal")]
        ids = [renewal_id for renewal_id in ids if renewal_id is not None]
        if not ids:
            messages.error(request, _("Tick the renewals to approve first."))
        else:
            approved, problems = services.renewals_approve_many(renewal_ids=ids, by=request.user)
            if approved:
                codes = ", ".join(renewal.successor.code for renewal in approved)
                messages.success(
                    request,
                    ngettext(
                        "%(count)s renewed: new certificates %(codes)s. Each holder is "
                        "emailed; the PDFs are being prepared.",
                        "%(count)s renewed: new certificates %(codes)s. Each holder is "
                        "emailed; the PDFs are being prepared.",
                        len(approved),
                    )
                    % {"count": len(approved), "codes": codes},
                )
            for problem in problems:
                messages.error(request, problem)
        return redirect("renewals_admin_queue")
    waiting = selectors.renewals_waiting()
    page = Paginator(waiting, 50).get_page(request.GET.get("p"))
    return render(request, "renewals/admin/queue.html", {"page_obj": page})


@require_http_methods(["GET", "POST"])
@requires(DECIDE)
def review(request, renewal_id: int):
    renewal = selectors.renewal_for_review(renewal_id)
    if renewal is None:
        raise Http404(_("No renewal with this number."))
    approve_form, return_form, status = ApproveForm(), ReturnForm(), 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "approve":
                approve_form = ApproveForm(request.POST)
                approve_form.is_valid()
                services.renewal_approve(
                    renewal_id=renewal.pk,
                    by=request.user,
                    proofs_checked=approve_form.cleaned_data.get("proofs_checked", False),
                )
                renewal.refresh_from_db()
                messages.success(
                    request,
                    _(
                        "Renewed: certificate %(new)s replaces %(old)s. The holder is emailed; "
                        "the PDF is being prepared."
                    )
                    % {"new": renewal.successor.code, "old": renewal.certificate.code},
                )
                return redirect("renewals_admin_queue")
            if action == "return":
                return_form = ReturnForm(request.POST)
                if return_form.is_valid():
                    services.renewal_return(
                        renewal_id=renewal.pk,
                        by=request.user,
                        reason=return_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Returned to the holder with your note."))
                    return redirect("renewals_admin_queue")
                status = 400
        except ValidationError as error:
            if hasattr(error, "error_dict") and "proofs_checked" in error.error_dict:
                approve_form.add_error("proofs_checked", error.error_dict["proofs_checked"])
                status = 400
            else:
                messages.error(request, message_of(error))
                status = 409
    certificate = renewal.certificate
    progress = selectors.renewal_progress(certificate)
    entries = list(selectors.ce_entries(certificate))
    return render(
        request,
        "renewals/admin/review.html",
        {
            "renewal": renewal,
            "certificate": certificate,
            "progress": progress,
            "entries": entries,
            "missing_proofs": sum(1 for entry in entries if not entry.proof),
            "approve_form": approve_form,
            "return_form": return_form,
            "pending": renewal.status == Renewal.Status.PENDING,
        },
        status=status,
    )

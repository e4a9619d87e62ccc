"""The coordinator's verification queue, evidence page, issue/return, revoke,
suspend and reinstate, and name changes."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Max, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from django.views.defaults import permission_denied
from wagtail.admin import messages as admin_messages

from practice.models import HoursEntry
from practice.selectors import hours_summaries
from programs.models import ActivityType, Enrollment
from training.errors import message_of

from . import eligibility
from .models import Certificate, CertificateSuspension, NameChangeRequest
from .selectors import name_changes_waiting, signature_of
from .services import (
    add_months,
    build_snapshot,
    certificate_issue,
    certificate_language,
    certificate_reinstate,
    certificate_revoke,
    certificate_suspend,
    certification_reopen,
    certification_return,
    coordinator_signature_set,
    issue_check,
    name_change_approve,
    name_change_decline,
    snapshot_check,
)

ISSUE = "certificates.add_certificate"
REVOKE = "certificates.change_certificate"


class IssueForm(forms.Form):
    name_as_printed = forms.CharField(
        label=gettext_lazy("Name as it will be printed"),
        max_length=150,
        help_text=gettext_lazy("Check the spelling with the learner if in doubt."),
    )

    def clean_name_as_printed(self):
        # As certificate_issue prints it, so the confirmation shows the same.
        return " ".join(self.cleaned_data["name_as_printed"].split())


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("What the learner needs to do"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy("The learner sees this and gets it by email."),
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for re-opening (kept internal)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "What changed since the revocation. It shows on the evidence page with "
            "your name and the date."
        ),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept internal)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept internal)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy(
            "Shown on the evidence page with your name and the date. The holder and "
            "the public see only the dates."
        ),
    )


class DeclineNameChangeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why it is declined (the holder reads this)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=gettext_lazy(
            "Emailed to the holder and shown on their certificates page. Say what "
            "would let you approve it, if anything."
        ),
    )


class ReinstateForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note (optional, kept internal)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=gettext_lazy("How the review ended. Shown on the evidence page only."),
    )


def requires(permission: str):
    """Refuse with 403 whoever lacks `permission`. Returned, not raised: Wagtail
    turns a raised PermissionDenied into a redirect to the admin home."""

    def decorator(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not request.user.has_perm(permission):
                return permission_denied(request, PermissionDenied())
            return view(request, *args, **kwargs)

        return checked

    return decorator


def eligible_enrollments():
    """Active enrollments without a live certificate whose requirements are all
    met.

    The database first keeps only enrollments whose approved practice and
    supervision hours reach the program's totals: the caps only ever lower what
    is creditable, so no one else can be eligible, and the page's cost follows
    the people close to certification rather than every learner. The exact
    hours (caps, domains), courses and ethics are then checked for those alone."""
    practice = Q(activity_type__counts_as=ActivityType.CountsAs.PRACTICE)
    supervision = Q(activity_type__counts_as=ActivityType.CountsAs.SUPERVISION)
    near = (
        HoursEntry.objects.filter(
            status=HoursEntry.Status.APPROVED, enrollment__status=Enrollment.Status.ACTIVE
        )
        .values("enrollment_id")
        .annotate(
            practice=Sum("hours", filter=practice, default=0),
            supervision=Sum("hours", filter=supervision, default=0),
            practice_required=Max("enrollment__program__practice_hours_required"),
            supervision_required=Max("enrollment__program__supervision_hours_required"),
        )
        .filter(practice__gte=F("practice_required"), supervision__gte=F("supervision_required"))
        .values_list("enrollment_id", flat=True)
    )
    # A program that asks for no hours at all: its learners need no entries.
    no_hours = Q(
        program__practice_hours_required__lte=0, program__supervision_hours_required__lte=0
    )
    candidates = list(
        Enrollment.objects.filter(Q(pk__in=list(near)) | no_hours, status=Enrollment.Status.ACTIVE)
        .exclude(pk__in=Certificate.objects.live().values("enrollment_id"))
        # A revoked certificate closes the case until a coordinator re-opens it.
        .exclude(pk__in=Certificate.objects.awaiting_reopening().values("enrollment_id"))
        .select_related("learner", "program", "cohort")
        .order_by("enrolled_at", "pk")
    )
    summaries = hours_summaries(candidates)
    hours_met = [e for e in candidates if summaries[e.pk].requirements_met]
    results = eligibility.check_many(hours_met)
    return [results[e.pk] for e in hours_met if results[e.pk].eligible]


@requires(ISSUE)
def queue(request):
    page = Paginator(eligible_enrollments(), 25).get_page(request.GET.get("p"))
    return render(request, "certificates/admin/queue.html", {"page_obj": page})


# The value of the confirmation page's hidden field: only a POST carrying it issues.
CONFIRM = "yes"


@require_http_methods(["GET", "POST"])
@requires(ISSUE)
def review(request, enrollment_id: int):
    enrollment = get_object_or_404(Enrollment, pk=enrollment_id)
    issue_form = return_form = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "issue":
                issue_form = IssueForm(request.POST)
                if issue_form.is_valid():
                    name = issue_form.cleaned_data["name_as_printed"]
                    if request.POST.get("confirm") != CONFIRM:
                        return issue_confirmation(request, enrollment, name)
                    certificate = certificate_issue(
                        enrollment_id=enrollment.pk, issued_by=request.user, name_as_printed=name
                    )
                    inspect_url = reverse("issued_certificates:inspect", args=[certificate.pk])
                    admin_messages.success(
                        request,
                        _(
                            "Certificate %(code)s issued. Its PDF is being prepared in the "
                            "background; the holder is emailed now and can download it in a "
                            "minute or two."
                        )
                        % {"code": certificate.code},
                        buttons=[admin_messages.button(inspect_url, _("See the certificate"))],
                    )
                    return redirect("certificates_admin_queue")
            elif action == "return":
                return_form = ReturnForm(request.POST)
                if return_form.is_valid():
                    certification_return(
                        enrollment_id=enrollment.pk,
                        returned_by=request.user,
                        reason=return_form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Returned to the learner with your note."))
                    return redirect("certificates_admin_queue")
        except ValidationError as error:
            # The enrollment's state refuses it (not eligible, already issued):
            # the page again with the reason, answered as a conflict.
            messages.error(request, message_of(error))
            status = 409
    # Checked only for the page shown: an issue checks it itself (once, under the
    # enrollment's row lock) and a success answers with a redirect.
    return review_page(request, enrollment, issue_form, return_form, status=status)


def review_page(request, enrollment, issue_form=None, return_form=None, *, status=200, result=None):
    """The evidence page: requirements, courses, hours, signature, the history of
    revocations and re-openings, and the forms the enrollment's state allows."""
    suspensions = CertificateSuspension.objects.filter(
        certificate__enrollment=enrollment
    ).select_related("certificate", "suspended_by", "reinstated_by")
    revoked = list(
        enrollment.certificates.filter(revoked_at__isnull=False)
        .select_related("revoked_by", "reopening__reopened_by")
        .order_by("revoked_at")
    )
    initial = {"name_as_printed": enrollment.learner.name_for_certificate}
    return render(
        request,
        "certificates/admin/review.html",
        {
            "enrollment": enrollment,
            "result": result or eligibility.check(enrollment),
            "revoked": revoked,
            "suspensions": suspensions,
            "closed": next((c for c in revoked if not hasattr(c, "reopening")), None),
            "issue_form": issue_form or IssueForm(initial=initial),
            "return_form": return_form or ReturnForm(),
            "supervisors": enrollment.supervisor_assignments.select_related("supervisor"),
        },
        status=status,
    )


def issue_confirmation(request, enrollment, name: str):
    """The second step before issuing: what the certificate will print. Nothing
    is written; refused (409) when the enrollment cannot be issued now."""
    result = eligibility.check(enrollment)
    language, bilingual = certificate_language(enrollment.learner, result.certification)
    try:
        issue_check(enrollment=enrollment, result=result)
        snapshot = build_snapshot(
            result, name_as_printed=name, coordinator=request.user, language=language
        )
        snapshot_check(snapshot)
    except ValidationError as error:
        messages.error(request, message_of(error))
        return review_page(request, enrollment, status=409, result=result)
    today = timezone.localdate()
    return render(
        request,
        "certificates/admin/issue_confirm.html",
        {
            "enrollment": enrollment,
            "snapshot": snapshot,
            "issued_on": today,
            "expires_on": add_months(today, result.certification.validity_months),
            "language": language,
            "bilingual": bilingual,
            "confirm": CONFIRM,
        },
    )


def went_through(request, service, **arguments) -> bool:
    """Call `service`; its refusal (the record's state) becomes an error message.
    True when it went through."""
    try:
        service(**arguments)
    except ValidationError as error:
        messages.error(request, message_of(error))
        return False
    return True


@require_http_methods(["GET", "POST"])
@requires(ISSUE)
def reopen(request, certificate_id: int):
    certificate = get_object_or_404(
        Certificate.objects.select_related("enrollment__learner", "revoked_by"), pk=certificate_id
    )
    form = ReopenForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if went_through(
            request,
            certification_reopen,
            certificate_id=certificate.pk,
            reopened_by=request.user,
            reason=form.cleaned_data["reason"],
        ):
            messages.success(
                request,
                _("Case re-opened. Review the evidence again before issuing a new certificate."),
            )
            return redirect("certificates_admin_review", enrollment_id=certificate.enrollment_id)
        status = 409
    return render(
        request,
        "certificates/admin/reopen.html",
        {"certificate": certificate, "form": form},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@requires(REVOKE)
def revoke(request, certificate_id: int):
    certificate = get_object_or_404(Certificate, pk=certificate_id)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if went_through(
            request,
            certificate_revoke,
            certificate_id=certificate.pk,
            revoked_by=request.user,
            reason=form.cleaned_data["reason"],
        ):
            messages.success(
                request, _("Certificate %(code)s revoked.") % {"code": certificate.code}
            )
        return redirect("certificates_admin_revoke", certificate_id=certificate.pk)
    return render(
        request, "certificates/admin/revoke.html", {"certificate": certificate, "form": form}
    )


def certificate_for_action(certificate_id: int) -> Certificate:
    return get_object_or_404(
        Certificate.objects.with_suspension().select_related("enrollment__learner"),
        pk=certificate_id,
    )


def confirmed_action(
    request, form, *, template: str, context: dict, act, done: str, then: str
) -> HttpResponse:
    """An action taken in two steps: its form (a reason, a note, or nothing),
    then a page saying what follows, whose POST carries `confirm`. `act(data)`
    calls the service with the form's cleaned data; its refusal (the record's
    state) shows on the page, answered 409, and a form with bad input 400.
    On success `done` is the message and `then` the URL to go to."""
    status = 200
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") != CONFIRM:
            confirming = {"form": form, "confirming": True, "confirm": CONFIRM}
            return render(request, template, {**context, **confirming})
        if went_through(request, act, data=form.cleaned_data):
            messages.success(request, done)
            return redirect(then)
        status = 409
    elif request.method == "POST":
        status = 400
    return render(request, template, {**context, "form": form, "confirm": CONFIRM}, status=status)


@require_http_methods(["GET", "POST"])
@requires(REVOKE)
def suspend(request, certificate_id: int):
    """Suspend, in two steps: the reason, then a confirmation of what follows."""
    certificate = certificate_for_action(certificate_id)
    return confirmed_action(
        request,
        SuspendForm(request.POST or None),
        template="certificates/admin/suspend.html",
        context={"certificate": certificate},
        act=lambda data: certificate_suspend(
            certificate_id=certificate.pk, by=request.user, reason=data["reason"]
        ),
        done=_(
            "Certificate %(code)s suspended. The holder is emailed; the public verification "
            "page says Suspended since today."
        )
        % {"code": certificate.code},
        then=reverse("certificates_admin_suspend", args=[certificate.pk]),
    )


@require_http_methods(["GET", "POST"])
@requires(REVOKE)
def reinstate(request, certificate_id: int):
    """Reinstate, in two steps: an optional note, then a confirmation."""
    certificate = certificate_for_action(certificate_id)
    return confirmed_action(
        request,
        ReinstateForm(request.POST or None),
        template="certificates/admin/reinstate.html",
        context={"certificate": certificate},
        act=lambda data: certificate_reinstate(
            certificate_id=certificate.pk, by=request.user, note=data["note"]
        ),
        done=_(
            "Certificate %(code)s reinstated. The holder is emailed; the public verification "
            "page no longer shows it as suspended."
        )
        % {"code": certificate.code},
        then=reverse("certificates_admin_reinstate", args=[certificate.pk]),
    )


# --- Name changes ----------------------------------------------------------------


@requires(REVOKE)
def name_changes(request):
    """The name changes holders asked for and no coordinator has decided yet, oldest first."""
    waiting = name_changes_waiting()
    page = Paginator(waiting, 25).get_page(request.GET.get("p"))
    return render(request, "certificates/admin/name_changes.html", {"page_obj": page})


def name_change_for_action(request_id: int) -> NameChangeRequest:
    return get_object_or_404(
        NameChangeRequest.objects.select_related(
            "certificate__enrollment__learner", "decided_by", "successor"
        ),
        pk=request_id,
    )


@require_http_methods(["GET", "POST"])
@requires(REVOKE)
def name_change_approve_view(request, request_id: int):
    """Approve: the page says what follows; its button confirms."""
    name_change = name_change_for_action(request_id)
    return confirmed_action(
        request,
        # Nothing to fill in; an empty POST is still an answer.
        forms.Form(request.POST if request.method == "POST" else None),
        template="certificates/admin/name_change_approve.html",
        context={"name_change": name_change, "certificate": name_change.certificate},
        act=lambda data: name_change_approve(request_id=name_change.pk, by=request.user),
        done=_(
            "A new certificate in the name %(name)s replaces %(code)s. Its PDF is being "
            "prepared; the holder is emailed the new number."
        )
        % {"name": name_change.new_name, "code": name_change.certificate.code},
        then=reverse("name_changes:index"),
    )


@require_http_methods(["GET", "POST"])
@requires(REVOKE)
def name_change_decline_view(request, request_id: int):
    """Decline, in two steps: the reason the holder reads, then a confirmation."""
    name_change = name_change_for_action(request_id)
    return confirmed_action(
        request,
        DeclineNameChangeForm(request.POST or None),
        template="certificates/admin/name_change_decline.html",
        context={"name_change": name_change, "certificate": name_change.certificate},
        act=lambda data: name_change_decline(
            request_id=name_change.pk, by=request.user, reason=data["reason"]
        ),
        done=_(
            "Name change declined. The holder is emailed your reason and sees it on their "
            "certificates page."
        ),
        then=reverse("name_changes:index"),
    )


# --- Signature image ---------------------------------------------------------------


class SignatureForm(forms.Form):
    image = forms.FileField(
        label=gettext_lazy("Your signature image"),
        help_text=gettext_lazy(
            "A scan or photo of your signature, cropped close. PNG with a transparent "
            "background looks best; JPEG works. At most 1 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )


@require_http_methods(["GET", "POST"])
@requires(REVOKE)
def signature(request):
    """The signed-in coordinator's own signature image, printed above their
    name on the certificates they issue. Never shown back at a URL: the page
    says what is on file, the certificate PDF is where it appears."""
    form = SignatureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            coordinator_signature_set(user=request.user, image=form.cleaned_data["image"])
        except ValidationError as error:
            form.add_error("image", error.messages)
        else:
            admin_messages.success(
                request,
                _(
                    "Signature image saved. Certificates you issue from now on print it; "
                    "certificates issued before keep the signature they were issued with."
                ),
            )
            return redirect("certificate_signature:edit")
    on_file = signature_of(request.user)
    return render(
        request,
        "certificates/admin/signature.html",
        {"form": form, "on_file": on_file},
    )

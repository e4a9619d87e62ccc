"""The learner's dashboard: gathers everything for one person.

It sits above every other app (see docs/architecture.md), so it may import
from training, courses, assessments and certificates.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from practice.selectors import supervisor_home_for
from programs.selectors import join_requests_for_dashboard
from training.errors import message_of
from training.forms import SiteForm
from training.roles import is_staff_member

from .data import export_for
from .models import AccountClosure
from .selectors import learning_for_dashboard
from .services import account_close_request, account_erase

CONFIRM_ERASURE = "dashboard.change_accountclosure"


@login_required
def dashboard(request):
    staff = is_staff_member(request.user)
    programs = learning_for_dashboard(request.user)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "show_admin_link": staff,
            "programs": programs,
            # Learner wording (reflections, "optional for learners") for people
            # who study here: anyone enrolled, and everyone who isn't staff.
            "is_learner": bool(programs) or not staff,
            "supervision": supervisor_home_for(request.user) if staff else None,
            "join_requests": join_requests_for_dashboard(request.user),
        },
    )


# --- Your data -----------------------------------------------------------------------


class CloseAccountForm(SiteForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("I understand that I will be signed out now and can't sign in again"),
        error_messages={
            "required": gettext_lazy("Tick the box if you want to close your account.")
        },
    )


@login_required
@require_GET
def data(request):
    return render(request, "dashboard/data.html", {"form": CloseAccountForm()})


@login_required
@require_GET
def data_export(request):
    """The signed-in person's own data. There is no parameter naming whose."""
    response = HttpResponse(export_for(request.user), content_type="application/zip")
    filename = f"peerpath-my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["POST"])
def data_close(request):
    form = CloseAccountForm(request.POST)
    if not form.is_valid():
        return render(request, "dashboard/data.html", {"form": form}, status=400)
    account_close_request(user=request.user)
    logout(request)
    return redirect("dashboard_closed")


@require_GET
def closed(request):
    # Public: the person is signed out by the time they see it.
    return render(request, "dashboard/closed.html")


# --- Coordinators (Wagtail admin) ----------------------------------------------------


@require_http_methods(["GET", "POST"])
def admin_confirm_erasure(request, closure_id: int):
    if not request.user.has_perm(CONFIRM_ERASURE):
        raise PermissionDenied
    closure = get_object_or_404(AccountClosure.objects.select_related("user"), pk=closure_id)
    if request.method == "POST":
        try:
            account_erase(closure_id=closure.pk, confirmed_by=request.user)
        except ValidationError as error:
            messages.error(request, message_of(error))
        else:
            messages.success(
                request,
                _("Personal details erased for %(email)s.") % {"email": closure.user_email},
            )
        return redirect("dashboard_admin_confirm_erasure", closure_id=closure.pk)
    return render(request, "dashboard/admin/confirm_erasure.html", {"closure": closure})

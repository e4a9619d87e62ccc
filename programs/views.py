"""Public pages of programs: the list, join requests and invitations."""

from urllib.parse import urlencode

from allauth.account.adapter import get_adapter as get_account_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from programs import selectors, services
from programs.adapters import INVITATION_SESSION_KEY
from programs.forms import JoinRequestForm
from programs.models import Enrollment, JoinRequest, Program
from training.errors import message_of

# --- Programs, join requests and invitations (public side) -------------------------


def program_list(request):
    """Programs that accept requests to join, and where the visitor stands with each."""
    programs = list(selectors.programs_accepting_requests())
    states = selectors.program_join_states(person=request.user, programs=programs)
    return render(
        request,
        "programs/program_list.html",
        {"programs": [(program, states.get(program.pk)) for program in programs]},
    )


@login_required
def join_request_create(request, slug):
    program = get_object_or_404(Program, slug=slug)
    enrollment = selectors.enrollment_of(person=request.user, program=program)
    pending = (
        selectors.join_requests_of(request.user)
        .filter(program=program, status=JoinRequest.Status.PENDING)
        .first()
    )
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            join_request = services.join_request_create(
                person=request.user, program=program, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your request to join %(program)s was sent; a coordinator will "
                    "reply by email."
                )
                % {"program": program},
            )
            return redirect("programs:join_request_detail", pk=join_request.pk)
    return render(
        request,
        "programs/join_request_form.html",
        {
            "program": program,
            "form": form,
            "enrolled": enrollment is not None and enrollment.status != Enrollment.Status.WITHDRAWN,
            "pending": pending,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def join_request_list(request):
    return render(
        request,
        "programs/join_request_list.html",
        {"join_requests": selectors.join_requests_of(request.user)},
    )


@login_required
def join_request_detail(request, pk):
    # Only the person's own requests can be found: anyone else's is a 404.
    join_request = get_object_or_404(selectors.join_requests_of(request.user), pk=pk)
    return render(request, "programs/join_request_detail.html", {"join_request": join_request})


@never_cache
def invitation(request, token):
    """The page an invitation email links to.

    Opening it never accepts anything (mail scanners open links too): a visitor
    without an account is led to sign up, a signed-in person confirms with a POST."""
    invitation = selectors.invitation_by_token(token)
    if invitation is None:
        return render(request, "programs/invitation_invalid.html", status=404)
    state = selectors.invitation_state(invitation)
    user = request.user
    email_matches = selectors.invitation_matches_user(invitation, user)

    if request.method == "POST":
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        try:
            enrollment = services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            messages.error(request, message_of(error))
            return redirect("programs:invitation", token=token)
        if enrollment is not None:
            messages.success(
                request,
                _("You're enrolled in %(program)s. Welcome!") % {"program": enrollment.program},
            )
        else:
            messages.success(request, _("You now have the Supervisor role. Welcome!"))
        return redirect("dashboard")

    if state == selectors.InvitationState.PENDING and not user.is_authenticated:
        # Signing up next applies the invitation (programs.adapters); the address
        # counts as verified because the link reached its inbox.
        request.session[INVITATION_SESSION_KEY] = invitation.token
        get_account_adapter(request).stash_verified_email(request, invitation.email)
    return render(
        request,
        "programs/invitation.html",
        {
            "invitation": invitation,
            "state": state,
            "email_matches": email_matches,
            "accepted_by_you": user.is_authenticated and invitation.accepted_by_id == user.pk,
            "signup_url": reverse("account_signup") + "?" + urlencode({"email": invitation.email}),
            "login_url": reverse("account_login") + "?" + urlencode({"next": request.path}),
        },
    )

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from training import roles
from training.errors import message_of

from . import selectors, services

# Set by the invitation page (programs.views.invitation) for a visitor who is
# not signed in, so that signing up next applies the invitation.
INVITATION_SESSION_KEY = "peerpath_invitation_token"


class AccountAdapter(DefaultAccountAdapter):
    """Our single customisation point for allauth."""

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.first_name = data.get("first_name", "").strip()
        user.last_name = data.get("last_name", "").strip()
        if commit:
            user.save()
            # Everyone who signs up on the public site starts as a learner.
            user.groups.add(Group.objects.get(name=roles.LEARNER))
            self.apply_invitation(request, user)
        return user

    def apply_invitation(self, request, user) -> None:
        """Accept the invitation this visitor arrived with, if it was sent to the
        address they signed up with. A problem never blocks the sign-up itself."""
        session = getattr(request, "session", None)
        token = session.get(INVITATION_SESSION_KEY) if session is not None else None
        if not token:
            return
        invitation = selectors.invitation_by_token(token)
        if invitation is None:
            session.pop(INVITATION_SESSION_KEY, None)
            self.unstash_verified_email(request)
            return
        if invitation.email.lower() != (user.email or "").lower():
            # allauth would otherwise attach the invited address, as verified, to
            # this other account; this account verifies its own address instead.
            # The token stays: they may still sign up with the invited address.
            self.unstash_verified_email(request)
            messages.info(
                request,
                "Your invitation was sent to a different email address, so it wasn't "
                "applied to this account.",
            )
            return
        session.pop(INVITATION_SESSION_KEY, None)
        try:
            enrollment = services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            messages.warning(request, message_of(error))
            return
        if enrollment is not None:
            messages.success(request, f"Welcome! You're enrolled in {enrollment.program}.")
        else:
            messages.success(request, "Welcome! You now have the Supervisor role.")

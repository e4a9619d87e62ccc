from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from training import roles
from training.errors import message_of
from training.languages import is_offered, language_of

from . import selectors, services

# Set by the invitation page (programs.views.invitation) for a visitor who is
# not signed in, so that signing up next applies the invitation.
INVITATION_SESSION_KEY = "peerpath_invitation_token"


class AccountAdapter(DefaultAccountAdapter):
    """Our single customisation point for allauth."""

    # allauth's messages that a person reads on the account pages, in Peerpath's
    # words: "sign in" rather than "login", and what to do next (issue #19).
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": gettext_lazy("This account isn't active at the moment."),
        "cannot_remove_primary_email": gettext_lazy("Your primary email address can't be removed."),
        "duplicate_email": gettext_lazy("This email address is already on your account."),
        "email_password_mismatch": gettext_lazy(
            "That email address and password don't match. Check them and try again."
        ),
        "email_taken": gettext_lazy("This email address already belongs to an account."),
        "enter_current_password": gettext_lazy("Please enter your current password."),
        "incorrect_code": gettext_lazy("That code didn't work. Check it and try again."),
        "incorrect_password": gettext_lazy("That password isn't right. Check it and try again."),
        "invalid_or_expired_key": gettext_lazy(
            "This link or code has expired or was already used."
        ),
        "invalid_password_reset": gettext_lazy("This reset link no longer works."),
        "rate_limited": gettext_lazy(
            "Too many requests in a short time. Please wait a moment and try again."
        ),
        "same_as_current": gettext_lazy("That's the same as the current one."),
        "too_many_login_attempts": gettext_lazy(
            "Too many sign-in attempts didn't work. Please wait a few minutes and try again, "
            "or reset your password."
        ),
        "unverified_primary_email": gettext_lazy(
            "Please confirm your primary email address first."
        ),
    }

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's emails, named like Peerpath's own (`training.emails.email_send`):
        Peerpath does not use django.contrib.sites, so allauth's `current_site` would
        be the host the request came in on ("127.0.0.1:8000")."""
        site = SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(settings.SITE_URL).netloc
        )
        # The greeting names the person only when allauth says whose account the
        # email is about, never the signed-in person the request happens to carry.
        context = {"site_name": site.name, "current_site": site, "user": None, **context}
        # In the language of the person whose account it is about; for an
        # address with no account, the language of the page that asked.
        user = context["user"]
        language = language_of(user) if user is not None else translation.get_language()
        with translation.override(language or settings.LANGUAGE_CODE):
            super().send_mail(template_prefix, email, context)

    # The other ways to confirm it's you, as the reauthentication page offers them.
    REAUTHENTICATION_WORDS = {
        "reauthenticate": gettext_lazy("Use your password"),
        "reauthenticate_by_code": gettext_lazy("Email me a code"),
        "mfa_reauthenticate": gettext_lazy("Use your authenticator app or a recovery code"),
    }

    def get_reauthentication_methods(self, user) -> list[dict]:
        methods = super().get_reauthentication_methods(user)
        for method in methods:
            method["description"] = self.REAUTHENTICATION_WORDS.get(
                method["id"], method["description"]
            )
        return methods

    @transaction.atomic
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        user.first_name = data.get("first_name", "").strip()
        user.last_name = data.get("last_name", "").strip()
        # The language the sign-up page was in: their emails and certificates
        # follow it until they choose another.
        language = translation.get_language() or ""
        if is_offered(language):
            user.language = language
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
                _(
                    "Your invitation was sent to a different email address, so it wasn't "
                    "applied to this account."
                ),
            )
            return
        session.pop(INVITATION_SESSION_KEY, None)
        try:
            enrollment = services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            messages.warning(request, message_of(error))
            return
        if enrollment is not None:
            messages.success(
                request,
                _("Welcome! You're enrolled in %(program)s.") % {"program": enrollment.program},
            )
        else:
            messages.success(request, _("Welcome! You now have the Supervisor role."))


class MFAAdapter(DefaultMFAAdapter):
    """allauth's two-step sign-in messages in Peerpath's words (issue #19)."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "add_email_blocked": gettext_lazy(
            "An account with two-step sign-in can't add an email address here. Please ask "
            "an administrator to change it."
        ),
        "cannot_delete_authenticator": gettext_lazy(
            "Two-step sign-in can't be turned off for this account."
        ),
        "cannot_generate_recovery_codes": gettext_lazy(
            "Set up two-step sign-in first: recovery codes come with it."
        ),
        "incorrect_code": gettext_lazy(
            "That code didn't work. Check your authenticator app and try again."
        ),
        "unverified_email": gettext_lazy(
            "Please confirm your email address before you set up two-step sign-in."
        ),
    }

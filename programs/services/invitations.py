"""Writes of invitations: inviting learners and supervisors by email, and accepting.
Same rules as programs/services/enrollment.py.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from programs import selectors
from programs.models import (
    Cohort,
    Enrollment,
    Invitation,
    Program,
)
from training import roles
from training.emails import email_send, site_url
from training.errors import message_of

from .enrollment import (
    BULK_EMAIL_LIMIT,
    _check_cohort,
    _check_supervisor,
    _ensure_role,
    _lock,
    enrollment_create,
    parse_email_list,
)

LOG_INVITATION_ACCEPT = "peerpath.invitation.accept"

LOG_INVITE = "peerpath.invitation.create"

INVITATION_VALID_FOR = datetime.timedelta(days=14)

# --- Invitations ---------------------------------------------------------------------


@transaction.atomic
def invitation_create(
    *,
    email: str,
    role: str = Invitation.Role.LEARNER,
    program: Program | None = None,
    cohort: Cohort | None = None,
    supervisor=None,
    invited_by,
    valid_for: datetime.timedelta = INVITATION_VALID_FOR,
) -> Invitation:
    """Invite someone by email: to a program as a learner, or to the Supervisor role.

    The email carries a single-use link that expires after `valid_for`."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("“%(email)s” isn't an email address.") % {"email": email}) from None
    if role == Invitation.Role.LEARNER:
        if program is None:
            raise ValidationError(_("Choose the program to invite a learner to."))
        _check_cohort(program=program, cohort=cohort)
        _check_supervisor(supervisor=supervisor)
        if selectors.users_by_email([email]):
            raise ValidationError(
                _(
                    "%(email)s already has an account: enroll them directly instead of "
                    "inviting them."
                )
                % {"email": email}
            )
    elif role == Invitation.Role.SUPERVISOR:
        # Supervisors are invited to the role, not to a program.
        program, cohort, supervisor = None, None, None
        existing = selectors.users_by_email([email]).get(email.lower())
        if existing is not None and roles.user_has_role(existing, roles.SUPERVISOR):
            raise ValidationError(
                _("%(email)s already has the Supervisor role.") % {"email": email}
            )
    else:
        raise ValidationError(_("Choose whether you invite a learner or a supervisor."))
    already = selectors.open_invitation_for(email=email, role=role, program=program)
    if already is not None:
        raise ValidationError(
            _("%(email)s was already invited on %(sent)s; that invitation is open until %(until)s.")
            % {
                "email": email,
                "sent": date_format(already.created_at, _("j F Y")),
                "until": date_format(already.expires_at, _("j F Y")),
            }
        )
    now = timezone.now()
    invitation = Invitation(
        email=email,
        role=role,
        program=program,
        cohort=cohort,
        supervisor=supervisor,
        token=secrets.token_urlsafe(32),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + valid_for,
    )
    invitation.full_clean()
    invitation.save()
    log(invitation, LOG_INVITE, user=invited_by)
    email_send(
        to=email,
        language=translation.get_language(),
        template=f"programs/emails/invitation_{role}",
        context={
            "invitation": invitation,
            "invited_by": invited_by,
            "link": site_url(reverse("programs:invitation", args=[invitation.token])),
        },
    )
    return invitation


@dataclass
class BulkInvitationResult:
    invited: list = field(default_factory=list)  # Invitation
    refused: list[tuple[str, str]] = field(default_factory=list)  # (email, why)


def invitation_bulk_create(
    *,
    text: str,
    role: str = Invitation.Role.LEARNER,
    program: Program | None = None,
    cohort: Cohort | None = None,
    supervisor=None,
    invited_by,
) -> BulkInvitationResult:
    """Invite each pasted address; one refusal doesn't stop the others.

    Each invitation is its own transaction: an email that went out stays valid."""
    emails, invalid = parse_email_list(text)
    if not emails and not invalid:
        raise ValidationError(_("Enter at least one email address."))
    if len(emails) > BULK_EMAIL_LIMIT:
        raise ValidationError(
            _("That's %(count)s addresses; invite at most %(limit)s at a time.")
            % {"count": len(emails), "limit": BULK_EMAIL_LIMIT}
        )
    result = BulkInvitationResult()
    result.refused.extend((entry, _("This isn't an email address.")) for entry in invalid)
    for email in emails:
        try:
            result.invited.append(
                invitation_create(
                    email=email,
                    role=role,
                    program=program,
                    cohort=cohort,
                    supervisor=supervisor,
                    invited_by=invited_by,
                )
            )
        except ValidationError as error:
            result.refused.append((email, message_of(error)))
    return result


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Enrollment | None:
    """Apply an invitation to the account whose address it was sent to.

    Learner invitations enroll (returning the enrollment); supervisor
    invitations grant the Supervisor role (returning None)."""
    invitation = _lock(Invitation, invitation)
    if invitation.accepted_at is not None:
        raise ValidationError(
            _("This invitation has already been used. If that was you, sign in to continue.")
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation expired on %(date)s. Ask your coordinator to send you a new one.")
            % {"date": date_format(invitation.expires_at, _("j F Y"))}
        )
    if not selectors.invitation_matches_user(invitation, user):
        raise ValidationError(
            _(
                "This invitation was sent to a different email address than the one on your "
                "account. Sign in with the invited address, or ask your coordinator for a new "
                "invitation."
            )
        )
    now = timezone.now()
    # Guarded update: of two simultaneous acceptances exactly one changes the row.
    if not Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        accepted_at=now, accepted_by=user
    ):
        raise ValidationError(_("This invitation has already been used."))
    enrollment = None
    if invitation.role == Invitation.Role.SUPERVISOR:
        _ensure_role(user, roles.SUPERVISOR)
    else:
        supervisor = invitation.supervisor
        if supervisor is not None and (
            supervisor.pk == user.pk or not roles.user_has_role(supervisor, roles.SUPERVISOR)
        ):
            # The supervisor lost the role since the invitation: enroll without
            # one rather than refuse the person; a coordinator assigns another.
            supervisor = None
        enrollment = enrollment_create(
            learner=user,
            program=invitation.program,
            cohort=invitation.cohort,
            supervisor=supervisor,
            enrolled_by=invitation.invited_by,
            notify=False,
        )
    invitation.refresh_from_db()
    log(invitation, LOG_INVITATION_ACCEPT, user=user)
    return enrollment

"""Closing an account and, once a coordinator confirms, erasing personal details.

What is erased and what is kept (and why) is written down in
docs/architecture.md, "Your data, closing an account and how long records are kept".
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from assessments.models import Accommodation
from certificates.models import NameChangeRequest
from courses.models import Reflection
from practice.models import HoursEntry, HoursEntryEvent
from programs.models import Invitation, JoinRequest
from renewals.models import CEEntry
from training.models import User

from .models import AccountClosure


def erased_email(user_id: int) -> str:
    # `.invalid` is reserved (RFC 2606): the placeholder can never reach anyone.
    return f"erased-{user_id}@invalid"


@transaction.atomic
def account_close_request(*, user: User) -> AccountClosure:
    """Stop the account at once (Django refuses inactive users, so every session
    of theirs ends on its next request) and record the request for a coordinator.
    Asking again returns the request already waiting."""
    user = User.objects.select_for_update().get(pk=user.pk)
    closure = AccountClosure.objects.filter(user=user, confirmed_at__isnull=True).first()
    if closure is None:
        closure = AccountClosure(user=user, user_email=user.email)
        closure.full_clean()
        closure.save()
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return closure


@transaction.atomic
def account_erase(*, closure_id: int, confirmed_by: User) -> AccountClosure:
    """Erase what identifies the person, keeping the records a certificate rests on.

    Certificates are left as they are: their snapshot keeps the name as printed so
    the public verification page still answers employers and auditors."""
    # Lock the closure row (two coordinators confirming at once erase once).
    closure = AccountClosure.objects.select_for_update().filter(pk=closure_id).first()
    if closure is None:
        raise ValidationError(_("This closure request no longer exists."))
    if closure.is_erased:
        erased_on = timezone.localtime(closure.confirmed_at)
        raise ValidationError(
            _("This account was already erased on %(date)s. There is nothing more to do.")
            # Translators: a date format (Django's `date` filter), "07 December 2026".
            % {"date": date_format(erased_on, _("d F Y"))}
        )
    user = closure.user
    if user is None:
        raise ValidationError(_("The account for this request no longer exists."))
    if user.is_active:
        raise ValidationError(
            _("This account is active again, so it can't be erased. Ask the person first.")
        )

    # Their own words: reflections go; notes are blanked in the log and its history.
    Reflection.objects.filter(author=user).delete()
    entries = HoursEntry.objects.filter(enrollment__learner=user)
    entries.update(notes="")
    for event in HoursEntryEvent.objects.filter(entry__in=entries).only("snapshot"):
        if event.snapshot.get("notes"):
            event.snapshot["notes"] = ""
            event.save(update_fields=["snapshot"])
    JoinRequest.objects.filter(person=user).update(message="")
    # The CE log keeps what was done (activity, provider, date, hours); notes go,
    # and so do the proofs, which are scans of documents about the person.
    ce_entries = CEEntry.objects.filter(certificate__enrollment__learner=user)
    proofs = [(e.proof.storage, e.proof.name) for e in ce_entries.exclude(proof="")]
    ce_entries.update(notes="", proof="", proof_name="")
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in proofs])
    # Name changes: the person's words go. A request that was approved stays (its
    # new name is printed on the certificate it made, which is kept); the others
    # name the person and nothing rests on them.
    name_changes = NameChangeRequest.objects.filter(certificate__enrollment__learner=user)
    name_changes.exclude(status=NameChangeRequest.Status.APPROVED).delete()
    name_changes.update(reason="")
    # An accommodation's reason can touch on health; with no more studying it has no use.
    Accommodation.objects.filter(learner=user).delete()

    old_email = user.email
    placeholder = erased_email(user.pk)
    Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=old_email)).update(
        email=placeholder
    )
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()

    user.first_name = ""
    user.last_name = ""
    user.certificate_name = ""
    user.email = placeholder
    user.is_active = False
    user.set_unusable_password()
    user.save()

    closure.confirmed_at = timezone.now()
    closure.confirmed_by = confirmed_by
    closure.full_clean()
    closure.save()
    return closure

"""Writes of renewal rules and of the holders' CE log.

Every function is keyword-only, runs in one transaction and raises
`ValidationError` with a message meant for the person who asked; when it
raises, nothing has changed (a proof already written is removed again)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from certificates.models import Certificate, ProgramCertification
from practice import identifiers
from programs.hours import format_hours, is_quarter_hours
from programs.models import Domain

from .models import (
    DEFAULT_ETHICS_HOURS,
    ETHICS,
    CECategory,
    CEEntry,
    DomainCECategory,
    RenewalCategoryRequirement,
    RenewalRules,
)
from .selectors import cycle_of

ETHICS_DOMAIN_SLUG = "ethical-responsibility"

# --- Renewal rules ------------------------------------------------------------------


@transaction.atomic
def renewal_rules_ensure(*, certification: ProgramCertification) -> RenewalRules:
    """The certification's renewal rules, created with the defaults if it has
    none: a 24-month cycle, 20 CE hours of which 6 in Ethics, the window opening
    90 days before expiry, 90 days of grace, then applying again in full; courses
    in Ethical Responsibility count toward Ethics."""
    existing = RenewalRules.objects.filter(certification=certification).first()
    if existing is not None:
        return existing
    rules = RenewalRules.objects.create(certification=certification)
    ethics, _ = CECategory.objects.get_or_create(name=ETHICS)
    RenewalCategoryRequirement.objects.create(
        rules=rules, category=ethics, hours=DEFAULT_ETHICS_HOURS
    )
    domain = Domain.objects.filter(slug=ETHICS_DOMAIN_SLUG).first()
    if domain is not None:
        DomainCECategory.objects.create(rules=rules, domain=domain, category=ethics)
    return rules


# --- The CE log ---------------------------------------------------------------------

PROOF_TYPES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
}
PROOF_CONTENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


class IdentifiersFound(ValidationError):
    """The notes look like they hold client identifiers and the holder hasn't
    confirmed they don't. Carries the findings so the form can show them."""

    def __init__(self, findings):
        self.findings = findings
        super().__init__(
            {
                "notes": [
                    "Your notes may identify someone you supported: "
                    + "; ".join(identifiers.describe(findings))
                    + ". Please rewrite them without names, contact details, dates of birth, "
                    "addresses or record numbers, or confirm that they hold no client "
                    "information."
                ]
            },
            code="identifiers",
        )


def proof_kind(upload) -> str | None:
    """ "pdf", "png" or "jpg" by the file's first bytes, whatever its name says."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind, signatures in PROOF_TYPES.items():
        if any(head.startswith(signature) for signature in signatures):
            return kind
    return None


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


def _check_proof(upload, errors) -> str | None:
    limit = settings.CE_PROOF_MAX_BYTES
    if upload.size > limit:
        megabytes = format_hours(Decimal(limit) / (1024 * 1024))
        errors.setdefault("proof", []).append(
            f"This file is larger than {megabytes} MB. Please upload a smaller scan or photo."
        )
        return None
    kind = proof_kind(upload)
    if kind is None:
        errors.setdefault("proof", []).append(
            "Upload your proof as a PDF, PNG or JPEG file. This file is none of these."
        )
    return kind


def _check_values(*, certificate, activity, provider, date, hours, category, notes, errors):
    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    if not (activity or "").strip():
        refuse("activity", "Enter the name of the course, workshop or activity.")
    elif len(activity) > 200:
        refuse("activity", "Keep the activity's name to 200 characters.")
    if not (provider or "").strip():
        refuse("provider", "Enter who offered it, e.g. the training organisation.")
    elif len(provider) > 200:
        refuse("provider", "Keep the provider's name to 200 characters.")
    if len(notes or "") > 2000:
        refuse("notes", "Keep your notes to 2,000 characters.")

    cycle = cycle_of(certificate)
    today = timezone.localdate()
    if date is None:
        refuse("date", "Enter the date you completed it.")
    elif date > today:
        refuse("date", "The date can't be in the future.")
    elif date < cycle.starts_on or date > cycle.grace_ends_on:
        refuse(
            "date",
            f"Only activities from your current certification cycle count: between "
            f"{_day(cycle.starts_on)} and {_day(min(cycle.grace_ends_on, today))}.",
        )

    if hours is None:
        refuse("hours", "Enter the number of CE hours.")
    else:
        try:
            hours = Decimal(hours)
        except (InvalidOperation, TypeError, ValueError):
            refuse("hours", "Enter the hours as a number, for example 1.5.")
            hours = None
        if hours is not None:
            if not hours.is_finite() or hours <= 0:
                refuse("hours", "Enter more than 0 hours.")
            elif hours > CEEntry.MAX_HOURS:
                refuse(
                    "hours",
                    f"One entry can hold at most {format_hours(CEEntry.MAX_HOURS)} hours. "
                    "Log a longer program as several entries, one per part.",
                )
            elif not is_quarter_hours(hours):
                refuse("hours", "Use quarter-hour steps: for example 0.25, 0.5, 0.75 or 1.")
    if category is not None and not isinstance(category, CECategory):
        refuse("category", "Choose one of the listed categories.")
    return hours


def _check_holder(certificate: Certificate, holder) -> None:
    if (
        certificate.enrollment.learner_id != holder.pk
        or certificate.revoked_at is not None
        or certificate.is_superseded
    ):
        raise ValidationError("You can only log CE hours for your own current certificate.")


def _check_notes(notes: str, confirmed_no_identifiers: bool) -> None:
    if notes and not confirmed_no_identifiers:
        findings = identifiers.find_identifiers(notes)
        if findings:
            raise IdentifiersFound(findings)


@transaction.atomic
def ce_entry_record(
    *,
    holder,
    certificate: Certificate,
    activity: str,
    provider: str,
    date,
    hours,
    category: CECategory | None = None,
    notes: str = "",
    proof=None,
    confirmed_no_identifiers: bool = False,
) -> CEEntry:
    _check_holder(certificate, holder)
    entry = CEEntry(certificate=certificate)
    return _save(
        entry,
        activity=activity,
        provider=provider,
        date=date,
        hours=hours,
        category=category,
        notes=notes,
        proof=proof,
        confirmed_no_identifiers=confirmed_no_identifiers,
    )


@transaction.atomic
def ce_entry_update(
    *,
    holder,
    entry: CEEntry,
    activity: str,
    provider: str,
    date,
    hours,
    category: CECategory | None = None,
    notes: str = "",
    proof=None,
    remove_proof: bool = False,
    confirmed_no_identifiers: bool = False,
) -> CEEntry:
    entry = (
        CEEntry.objects.select_for_update()
        .select_related("certificate__enrollment")
        .get(pk=entry.pk)
    )
    _check_holder(entry.certificate, holder)
    return _save(
        entry,
        activity=activity,
        provider=provider,
        date=date,
        hours=hours,
        category=category,
        notes=notes,
        proof=proof,
        remove_proof=remove_proof,
        confirmed_no_identifiers=confirmed_no_identifiers,
    )


@transaction.atomic
def ce_entry_delete(*, holder, entry: CEEntry) -> None:
    entry = CEEntry.objects.select_related("certificate__enrollment").get(pk=entry.pk)
    if entry.certificate.enrollment.learner_id != holder.pk:
        raise ValidationError("You can only delete entries from your own CE log.")
    old = entry.proof.name
    storage = entry.proof.storage
    entry.delete()
    if old:
        transaction.on_commit(lambda: storage.delete(old))


def _save(
    entry,
    *,
    activity,
    provider,
    date,
    hours,
    category,
    notes,
    proof,
    confirmed_no_identifiers,
    remove_proof=False,
) -> CEEntry:
    errors: dict[str, list[str]] = {}
    hours = _check_values(
        certificate=entry.certificate,
        activity=activity,
        provider=provider,
        date=date,
        hours=hours,
        category=category,
        notes=notes,
        errors=errors,
    )
    kind = _check_proof(proof, errors) if proof else None
    if errors:
        raise ValidationError(errors)
    _check_notes(notes, confirmed_no_identifiers)

    entry.activity = activity.strip()
    entry.provider = provider.strip()
    entry.date = date
    entry.hours = hours
    entry.category = category
    entry.notes = notes or ""
    storage = entry.proof.storage
    old = entry.proof.name
    if proof:
        original = (getattr(proof, "name", "") or "proof").rsplit("/", 1)[-1][:200]
        entry.proof.save(f"proof.{kind}", proof, save=False)
        entry.proof_name = original
    elif remove_proof:
        entry.proof = ""
        entry.proof_name = ""
    try:
        entry.save()
    except Exception:
        # The row was not saved: the file written for it goes too.
        if proof:
            storage.delete(entry.proof.name)
        raise
    if old and old != entry.proof.name:
        transaction.on_commit(lambda: storage.delete(old))
    return entry

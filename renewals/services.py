"""Writes of renewal rules and of the holders' CE log.

Every function is keyword-only, runs in one transaction and raises
`ValidationError` with a message meant for the person who asked; when it
raises, nothing has changed (a proof already written is removed again)."""

from __future__ import annotations

import datetime
import secrets
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from certificates.models import Certificate, ProgramCertification
from certificates.services import SIGNER_ROLE, add_months, certificate_supersede
from practice import identifiers
from programs.hours import format_hours, is_quarter_hours
from programs.models import Domain
from training.emails import email_send, site_url
from training.languages import language_of

from .models import (
    DEFAULT_ETHICS_HOURS,
    ETHICS,
    CECategory,
    CEEntry,
    DomainCECategory,
    Renewal,
    RenewalCategoryRequirement,
    RenewalRules,
)
from .selectors import cycle_of, renewal_progress

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
                    _(
                        "Your notes may identify someone you supported: %(findings)s. Please "
                        "rewrite them without names, contact details, dates of birth, "
                        "addresses or record numbers, or confirm that they hold no client "
                        "information."
                    )
                    % {"findings": "; ".join(identifiers.describe(findings))}
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
    return date_format(value, _("j F Y"))


def _check_proof(upload, errors) -> str | None:
    limit = settings.CE_PROOF_MAX_BYTES
    if upload.size > limit:
        megabytes = format_hours(Decimal(limit) / (1024 * 1024))
        errors.setdefault("proof", []).append(
            _("This file is larger than %(size)s MB. Please upload a smaller scan or photo.")
            % {"size": megabytes}
        )
        return None
    kind = proof_kind(upload)
    if kind is None:
        errors.setdefault("proof", []).append(
            _("Upload your proof as a PDF, PNG or JPEG file. This file is none of these.")
        )
    return kind


def _check_values(*, certificate, activity, provider, date, hours, category, notes, errors):
    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    if not (activity or "").strip():
        refuse("activity", _("Enter the name of the course, workshop or activity."))
    elif len(activity) > 200:
        refuse("activity", _("Keep the activity's name to 200 characters."))
    if not (provider or "").strip():
        refuse("provider", _("Enter who offered it, e.g. the training organisation."))
    elif len(provider) > 200:
        refuse("provider", _("Keep the provider's name to 200 characters."))
    if len(notes or "") > 2000:
        refuse("notes", _("Keep your notes to 2,000 characters."))

    cycle = cycle_of(certificate)
    today = timezone.localdate()
    if date is None:
        refuse("date", _("Enter the date you completed it."))
    elif date > today:
        refuse("date", _("The date can't be in the future."))
    elif date < cycle.starts_on or date > cycle.counts_until(today):
        refuse(
            "date",
            _(
                "Only activities from your current certification cycle count: between "
                "%(start)s and %(end)s."
            )
            % {
                "start": _day(cycle.starts_on),
                "end": _day(min(cycle.counts_until(today), today)),
            },
        )

    if hours is None:
        refuse("hours", _("Enter the number of CE hours."))
    else:
        try:
            hours = Decimal(hours)
        except (InvalidOperation, TypeError, ValueError):
            refuse("hours", _("Enter the hours as a number, for example 1.5."))
            hours = None
        if hours is not None:
            if not hours.is_finite() or hours <= 0:
                refuse("hours", _("Enter more than 0 hours."))
            elif hours > CEEntry.MAX_HOURS:
                refuse(
                    "hours",
                    _(
                        "One entry can hold at most %(hours)s hours. Log a longer program as "
                        "several entries, one per part."
                    )
                    % {"hours": format_hours(CEEntry.MAX_HOURS)},
                )
            elif not is_quarter_hours(hours):
                refuse("hours", _("Use quarter-hour steps: for example 0.25, 0.5, 0.75 or 1."))
    if category is not None and not isinstance(category, CECategory):
        refuse("category", _("Choose one of the listed categories."))
    return hours


def _check_holder(certificate: Certificate, holder) -> None:
    if (
        certificate.enrollment.learner_id != holder.pk
        or certificate.revoked_at is not None
        or certificate.is_superseded
    ):
        raise ValidationError(_("You can only log CE hours for your own current certificate."))


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
        raise ValidationError(_("You can only delete entries from your own CE log."))
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


# --- Renewal: the holder asks, a coordinator approves or returns ----------------------


def _chance_of_audit(percent: int) -> bool:
    """True for `percent` in 100 renewals, drawn from the system's secure source
    so that neither a holder nor a coordinator can predict an audit."""
    return secrets.randbelow(100) < percent


def renewal_evidence(progress) -> dict:
    """The CE hours a renewal rests on, as its certificate prints them."""
    return {
        "ce_hours_total": format_hours(progress.total_logged),
        "ce_by_category": [
            # The Spanish beside the English, as the snapshot keeps every claim
            # (certificates.selectors.printed).
            {"category": row.name, "category_es": row.name_es, "hours": format_hours(row.logged)}
            for row in progress.categories
        ],
        "from_courses": format_hours(progress.from_courses),
    }


def renewal_ask_check(certificate: Certificate, progress, *, today) -> None:
    """Refuse a renewal the holder cannot ask for now, saying what to do."""
    if certificate.suspended_since is not None:
        raise ValidationError(
            _(
                "Your certificate is suspended for now, so it can't be renewed until the "
                "review ends. Your coordinator will let you know."
            )
        )
    cycle = progress.cycle
    if today < cycle.window_opens_on:
        raise ValidationError(
            _("Your renewal window opens on %(date)s. Keep logging your CE hours until then.")
            % {"date": _day(cycle.window_opens_on)}
        )
    if not cycle.window_open_on(today):
        raise ValidationError(
            _(
                "The time to renew this certificate ended on %(date)s. Please ask your "
                "coordinator about applying again."
            )
            % {"date": _day(cycle.grace_ends_on)}
        )
    if not progress.complete:
        raise ValidationError(
            _("Your renewal needs a few more CE hours: %(missing)s.")
            % {"missing": "; ".join(progress.missing)}
        )


@transaction.atomic
def renewal_request(*, certificate_id: int, holder, now=None) -> Renewal:
    """The holder asks to renew their certificate on the CE hours they logged.
    A share of renewals (the rules' audit_percent) is picked at random for a
    proof audit. Once: a second ask while one waits is refused."""
    now = now or timezone.now()
    certificate = (
        Certificate.objects.select_for_update()
        .select_related("enrollment__program")
        .get(pk=certificate_id)
    )
    _check_holder(certificate, holder)
    if Renewal.objects.filter(certificate=certificate, status=Renewal.Status.PENDING).exists():
        raise ValidationError(
            _("You already asked to renew this certificate. A coordinator will look at it soon.")
        )
    progress = renewal_progress(certificate)
    renewal_ask_check(certificate, progress, today=timezone.localdate(now))
    renewal = Renewal.objects.create(
        certificate=certificate,
        requested_at=now,
        audit=_chance_of_audit(progress.rules.audit_percent),
        evidence=renewal_evidence(progress),
    )
    return renewal


def renewed_dates(certificate: Certificate, rules, *, today) -> tuple:
    """(issued_on, expires_on) of the successor: a renewal on or before expiry
    continues the cycle from the old expiry date, so renewing early costs the
    holder nothing; one in the grace period starts a new cycle today."""
    start = certificate.expires_on if today <= certificate.expires_on else today
    return today, add_months(start, rules.cycle_months)


def renewal_approve(*, renewal_id: int, by, proofs_checked: bool = False, now=None) -> Renewal:
    """Approve a waiting renewal: a successor certificate (new code, new signed
    PDF made by the worker, the same holder) supersedes the old one, and the
    holder is emailed. An audited renewal needs `proofs_checked`. The CE hours
    are counted again now: a renewal whose log no longer has them is refused.
    Twice at once: the row lock makes the second see the first's decision."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        renewal = Renewal.objects.select_for_update().get(pk=renewal_id)
        _check_pending(renewal)
        if renewal.audit and not proofs_checked:
            raise ValidationError(
                {
                    "proofs_checked": _(
                        "This renewal was picked for a proof audit. Open each activity's "
                        "proof, then confirm you checked them."
                    )
                }
            )
        certificate = Certificate.objects.select_related("enrollment__program").get(
            pk=renewal.certificate_id
        )
        progress = renewal_progress(certificate)
        if not progress.cycle.window_open_on(today):
            raise ValidationError(
                _(
                    "The time to renew certificate %(code)s ended on %(date)s; it can't be "
                    "renewed now."
                )
                % {"code": certificate.code, "date": _day(progress.cycle.grace_ends_on)}
            )
        if not progress.complete:
            raise ValidationError(
                _(
                    "The CE log of certificate %(code)s no longer has the hours a renewal "
                    "needs: %(missing)s. Return it to the holder."
                )
                % {"code": certificate.code, "missing": "; ".join(progress.missing)}
            )
        issued_on, expires_on = renewed_dates(certificate, progress.rules, today=today)
        snapshot = dict(certificate.snapshot)
        snapshot.update(
            coordinator=by.get_full_name() or by.email,
            coordinator_role=SIGNER_ROLE,
            renewal=renewal_evidence(progress),
        )
        successor = certificate_supersede(
            certificate_id=certificate.pk,
            by=by,
            kind=Certificate.Supersession.RENEWAL,
            snapshot=snapshot,
            issued_on=issued_on,
            expires_on=expires_on,
            now=now,
        )
        renewal.status = Renewal.Status.APPROVED
        renewal.decided_at, renewal.decided_by = now, by
        renewal.proofs_checked = bool(proofs_checked and renewal.audit)
        renewal.successor = successor
        renewal.evidence = renewal_evidence(progress)
        renewal.save()
        _notify_renewal(renewal, "renewals/emails/renewal_approved", successor=successor)
    return renewal


def renewals_approve_many(*, renewal_ids, by, now=None) -> tuple[list[Renewal], list[str]]:
    """Approve several waiting renewals on their logs, each in its own
    transaction: one that is refused (audited, decided meanwhile, hours gone)
    is named in the problems and changes nothing; the others are approved."""
    approved, problems = [], []
    for renewal in Renewal.objects.filter(pk__in=renewal_ids).select_related("certificate"):
        if renewal.audit:
            problems.append(
                _("%(code)s was picked for a proof audit: open it to check the proofs.")
                % {"code": renewal.certificate.code}
            )
            continue
        try:
            approved.append(renewal_approve(renewal_id=renewal.pk, by=by, now=now))
        except ValidationError as error:
            problems.append(" ".join(error.messages))
    return approved, problems


@transaction.atomic
def renewal_return(*, renewal_id: int, by, reason: str, now=None) -> Renewal:
    """Send a renewal back to the holder with a note they see (what to add or
    fix); they can ask again once they have."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the holder what to add or fix (they see this).")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the note under 2,000 characters.")})
    renewal = Renewal.objects.select_for_update().get(pk=renewal_id)
    _check_pending(renewal)
    renewal.status = Renewal.Status.RETURNED
    renewal.decided_at, renewal.decided_by = now or timezone.now(), by
    renewal.return_reason = reason
    renewal.save()
    _notify_renewal(renewal, "renewals/emails/renewal_returned")
    return renewal


def _check_pending(renewal: Renewal) -> None:
    if renewal.status != Renewal.Status.PENDING:
        date = _day(timezone.localdate(renewal.decided_at))
        if renewal.status == Renewal.Status.APPROVED:
            raise ValidationError(
                _("This renewal was already approved on %(date)s; nothing more changed.")
                % {"date": date}
            )
        raise ValidationError(
            _("This renewal was already returned on %(date)s; nothing more changed.")
            % {"date": date}
        )


def _notify_renewal(renewal: Renewal, template: str, **context) -> None:
    certificate = renewal.certificate
    learner = certificate.enrollment.learner
    email_send(
        to=learner.email,
        language=language_of(learner),
        template=template,
        context={
            "person": learner,
            "renewal": renewal,
            "certificate": certificate,
            "certificates_url": site_url(reverse("certificates:mine")),
            "log_url": site_url(reverse("renewals:log")),
            **context,
        },
    )


# --- A name change moves the cycle's CE log to the successor ---------------------------


def ce_log_follow_name_change(sender, *, predecessor, successor, kind, **kwargs) -> None:
    """Receiver of certificates.signals.certificate_superseded: the successor
    of a name change continues the same cycle, so its CE entries and a waiting
    renewal move with it. A renewal's successor starts a new, empty log."""
    if kind != Certificate.Supersession.NAME_CHANGE:
        return
    CEEntry.objects.filter(certificate=predecessor).update(certificate=successor)
    Renewal.objects.filter(certificate=predecessor, status=Renewal.Status.PENDING).update(
        certificate=successor
    )

"""Writes for certificates: attesting, issuing, asking for the evidence PDF,
returning, revoking, suspending, replacing (renewal, name change) and the
name-change requests. Eligibility is `certificates.eligibility.check`;
rendering is `certificates.rendering`, run by the task worker
(`certificates.tasks`)."""

import calendar
import datetime
import logging
import unicodedata

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from programs.hours import format_hours
from programs.models import Domain, Enrollment
from training.emails import email_send, site_url
from training.languages import in_language, is_fallback, language_of
from training.page_translations import titles_in

from . import eligibility as eligibility_rules
from .codes import new_code
from .images import image_record
from .models import (
    SIGNER_ROLE,
    Attestation,
    CaseReopening,
    Certificate,
    CertificateSuspension,
    CertificationReturn,
    CoordinatorSignature,
    NameChangeRequest,
    ProgramCertification,
)
from .rendering import certificate_render, verification_url
from .selectors import signature_of
from .signals import certificate_superseded
from .tasks import render_certificate

logger = logging.getLogger(__name__)


# A PDF that is not stored yet is asked of the worker at most this often, however
# many times it is downloaded meanwhile.
RENDER_REQUEST_INTERVAL_SECONDS = 300


def certificate_download_file(*, certificate: Certificate):
    """What a download serves: the stored evidence file or, once revoked, the
    stored copy marked REVOKED. If it is not stored yet, the task worker is
    asked to render it and None is returned: no PDF is rendered in a web
    request (with the immediate task backend, as in development, the task runs
    at once and the file is returned)."""
    field = certificate.download_field
    if not getattr(certificate, field) and certificate_render_ask(certificate=certificate):
        certificate.refresh_from_db(fields=[field])
    return getattr(certificate, field) or None


def certificate_render_ask(*, certificate: Certificate) -> bool:
    """Queue the render of the file downloads serve now (the evidence, or once
    revoked the marked copy) unless it was asked for lately; True when the task
    already finished (the immediate backend runs it at once)."""
    key = f"certificate-render-asked:{certificate.pk}:{certificate.download_field}"
    if not cache.add(key, True, RENDER_REQUEST_INTERVAL_SECONDS):
        return False
    return render_certificate.enqueue(certificate_id=certificate.pk).is_finished


@transaction.atomic
def certificate_revoke(*, certificate_id: int, revoked_by, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Record why the certificate is revoked (kept internal).")}
        )
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.is_revoked:
        raise ValidationError(
            _("Certificate %(code)s was already revoked on %(day)s.")
            % {"code": certificate.code, "day": _day(certificate.revoked_at)}
        )
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revocation_reason = reason
    certificate.full_clean(validate_constraints=False)
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    # Revoking ends an open suspension (ended, with nobody reinstating it).
    CertificateSuspension.objects.filter(certificate=certificate, ended_at__isnull=True).update(
        ended_at=certificate.revoked_at
    )
    _notify_holder(certificate, "certificates/emails/certificate_revoked")
    # The copy marked REVOKED is rendered once, by the worker, and stored.
    transaction.on_commit(lambda: certificate_render_ask(certificate=certificate))
    return certificate


def _contact(certificate: Certificate) -> str:
    """How the holder reaches the coordinators, as the program's certification rules say."""
    certification = ProgramCertification.objects.filter(
        program_id=certificate.enrollment.program_id
    ).first()
    return certification.contact if certification else ""


def _date(day) -> str:
    """A day as messages write it, in the active language: "7 December 2026",
    "7 de diciembre de 2026"."""
    return date_format(day, _("j F Y"))


def _day(moment) -> str:
    return _date(timezone.localdate(moment))


def suspension_check(certificate: Certificate, *, today) -> None:
    """Refuse suspending a certificate that is no longer in force, or is suspended already."""
    if certificate.is_revoked:
        raise ValidationError(
            _(
                "Certificate %(code)s was revoked on %(day)s; a revoked certificate cannot "
                "be suspended."
            )
            % {"code": certificate.code, "day": _day(certificate.revoked_at)}
        )
    if certificate.is_superseded:
        raise ValidationError(
            _("Certificate %(code)s was replaced by a newer certificate; suspend that one instead.")
            % {"code": certificate.code}
        )
    if today > certificate.expires_on:
        raise ValidationError(
            _(
                "Certificate %(code)s expired on %(day)s; an expired certificate cannot be "
                "suspended."
            )
            % {"code": certificate.code, "day": _date(certificate.expires_on)}
        )


@transaction.atomic
def certificate_suspend(*, certificate_id: int, by, reason: str, now=None) -> CertificateSuspension:
    """Suspend a certificate in force, once: /verify/ shows "Suspended since",
    downloads serve a copy marked SUSPENDED, the holder is emailed (without the
    reason, which stays internal). It stays the holder's live certificate: the
    enrollment is not queued for a new one while it is suspended."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Record why the certificate is suspended (kept internal).")}
        )
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    now = now or timezone.now()
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    suspension_check(certificate, today=timezone.localdate(now))
    if certificate.suspended_since is not None:
        raise ValidationError(
            _("Certificate %(code)s is already suspended, since %(day)s.")
            % {"code": certificate.code, "day": _day(certificate.suspended_since)}
        )
    suspension = CertificateSuspension(
        certificate=certificate, started_at=now, reason=reason, suspended_by=by
    )
    suspension.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            suspension.save()
    except IntegrityError:
        # The partial unique constraint, should the row lock ever be bypassed.
        raise ValidationError(
            _("Certificate %(code)s was suspended a moment ago; nothing more changed.")
            % {"code": certificate.code}
        ) from None
    certificate.suspended_since = now
    _notify_holder(
        certificate,
        "certificates/emails/certificate_suspended",
        suspension=suspension,
        contact=_contact(certificate),
    )
    # The copy marked SUSPENDED is rendered once, by the worker, and stored.
    transaction.on_commit(lambda: certificate_render_ask(certificate=certificate))
    return suspension


@transaction.atomic
def certificate_reinstate(*, certificate_id: int, by, note: str = "", now=None):
    """End the open suspension: /verify/ shows the certificate as it is again
    (valid, or expired if it ran out meanwhile), downloads serve the evidence
    PDF, the holder is emailed."""
    note = (note or "").strip()
    if len(note) > 2000:
        raise ValidationError({"note": _("Keep the note under 2,000 characters.")})
    now = now or timezone.now()
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.is_revoked:
        raise ValidationError(
            _(
                "Certificate %(code)s was revoked on %(day)s; a revoked certificate cannot "
                "be reinstated."
            )
            % {"code": certificate.code, "day": _day(certificate.revoked_at)}
        )
    if certificate.is_superseded:
        raise ValidationError(
            _("Certificate %(code)s was replaced by a newer certificate.")
            % {"code": certificate.code}
        )
    suspension = CertificateSuspension.objects.filter(
        certificate=certificate, ended_at__isnull=True
    ).first()
    if suspension is None:
        raise ValidationError(
            _("Certificate %(code)s is not suspended, so there is nothing to reinstate.")
            % {"code": certificate.code}
        )
    suspension.ended_at = now
    suspension.reinstated_by = by
    suspension.reinstatement_note = note
    suspension.full_clean(validate_constraints=False)
    suspension.save(update_fields=["ended_at", "reinstated_by", "reinstatement_note"])
    certificate.suspended_since = None
    _notify_holder(
        certificate, "certificates/emails/certificate_reinstated", contact=_contact(certificate)
    )
    if not certificate.pdf:
        transaction.on_commit(lambda: certificate_render_ask(certificate=certificate))
    return suspension


@transaction.atomic
def certification_reopen(*, certificate_id: int, reopened_by, reason: str) -> CaseReopening:
    """Re-open the case of a revoked certificate, saying why. Until then its
    enrollment is out of the verification queue and no new certificate is
    issued for it; the reason is internal (shown on the evidence page)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Record why the case is re-opened (kept internal).")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if not certificate.is_revoked:
        raise ValidationError(
            _("Certificate %(code)s is not revoked, so there is no case to re-open.")
            % {"code": certificate.code}
        )
    earlier = CaseReopening.objects.filter(certificate=certificate).first()
    if earlier is not None:
        raise ValidationError(
            _("The case of certificate %(code)s was already re-opened on %(day)s.")
            % {"code": certificate.code, "day": _day(earlier.reopened_at)}
        )
    reopening = CaseReopening(certificate=certificate, reason=reason, reopened_by=reopened_by)
    reopening.full_clean()
    reopening.save()
    return reopening


# --- Code of ethics ------------------------------------------------------------


def current_attestation(*, learner, program):
    """The learner's attestation of the program's current code of ethics, if any."""
    certification = ProgramCertification.objects.filter(program=program).first()
    if certification is None:
        return None
    return Attestation.objects.filter(
        learner=learner, program=program, text_version=certification.ethics_version
    ).first()


def name_key(name: str) -> str:
    """A name compared as a signature: case, accents and extra spaces aside
    ("  ROSA MARÍA  Gómez" and "rosa maria gomez" are the same)."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


@transaction.atomic
def attestation_record(*, learner, program, typed_name: str):
    """Record that the learner read this version of the code and typed their name."""
    certification = ProgramCertification.objects.filter(program=program).first()
    if certification is None or not certification.code_of_ethics.strip():
        raise ValidationError(_("This program has no code of ethics to attest to yet."))
    if not Enrollment.objects.filter(
        learner=learner, program=program, status=Enrollment.Status.ACTIVE
    ).exists():
        raise ValidationError(_("Only learners enrolled in this program can attest to its code."))
    typed = " ".join((typed_name or "").split())
    printed = learner.name_for_certificate
    if len(typed) < 2 or len(typed) > 150:
        raise ValidationError(
            {"typed_name": _("Type your full name to sign: %(name)s.") % {"name": printed}}
        )
    if name_key(typed) != name_key(printed):
        raise ValidationError(
            {
                "typed_name": _(
                    "That is not the name printed on your certificate. Type %(name)s "
                    "(capitals and accents don't matter). If that name is not right, ask "
                    "your coordinator to correct it before you sign."
                )
                % {"name": printed}
            }
        )
    attestation, _created = Attestation.objects.get_or_create(
        learner=learner,
        program=program,
        text_version=certification.ethics_version,
        defaults={"typed_name": typed},
    )
    return attestation


# --- Issuing -------------------------------------------------------------------


def add_months(day, months: int):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def certificate_language(holder, certification) -> tuple[str, bool]:
    """(language, bilingual) of a certificate issued to `holder` now: the
    language of their profile if the site offers it, otherwise English; and
    whether the program prints it with English beside it (never when it is
    English already)."""
    language = language_of(holder)
    bilingual = bool(certification and certification.bilingual_certificates)
    return language, bilingual and language != "en"


def printed_claims(snapshot: dict, *, program, language: str, domains=None) -> dict:
    """`snapshot` with the words its certificate prints in `language` beside
    each English claim: `credential_es` beside `credential`, `program_es`
    beside `program`, each domain row's `domain_es`, `coordinator_role_es`.
    The English keys stay as they are (the JSON on /verify/ and the Open
    Badges credential read them). A translation is taken only where it is
    written (training.languages.in_language) and where the English it
    translates is the one the snapshot holds: a successor of a certificate
    whose program was renamed since keeps the words it had. Where none is
    written, the certificate prints the English (and marks it so).
    `domains` (name → Domain), when the caller has them, saves a query.
    Course titles are not among them: courses are translated as pages, and
    build_snapshot keeps the title of a course page's translation."""
    if language == "en":
        return snapshot
    suffix = f"_{language}"
    snapshot = dict(snapshot)
    for key, field in (("credential", "credential_title"), ("program", "title")):
        if snapshot.get(key) == getattr(program, field) and not is_fallback(
            program, field, language
        ):
            snapshot[key + suffix] = in_language(program, field, language)
    rows = [dict(row) for row in snapshot.get("domains", [])]
    if rows:
        if domains is None:
            names = [row["domain"] for row in rows]
            domains = {domain.name: domain for domain in Domain.objects.filter(name__in=names)}
        for row in rows:
            domain = domains.get(row["domain"])
            if domain is not None and not is_fallback(domain, "name", language):
                row["domain" + suffix] = in_language(domain, "name", language)
        snapshot["domains"] = rows
    if snapshot.get("coordinator_role") == SIGNER_ROLE:
        with translation.override(language):
            snapshot["coordinator_role" + suffix] = _(SIGNER_ROLE)
    return snapshot


def build_snapshot(eligibility, *, name_as_printed: str, coordinator, language: str = "en") -> dict:
    """Everything the certificate states, frozen at issue: later changes to the
    person's name or the program never change an issued certificate. With the
    words it prints in `language` beside the English (`printed_claims`)."""
    enrollment = eligibility.enrollment
    program = enrollment.program
    certification = eligibility.certification
    hours = eligibility.hours
    domains = []
    for row in hours.domains:
        training = eligibility.training_hours.get(row.domain.pk, 0)
        if training or row.creditable or row.required or row.training_required:
            domains.append(
                {
                    "domain": row.domain.name,
                    "training_hours": format_hours(training),
                    "practice_hours": format_hours(row.creditable),
                }
            )
    # Titles of the course pages' published translations in `language`.
    translated_titles = titles_in(language) if language != "en" else {}
    snapshot = {
        "name": name_as_printed,
        "credential": program.credential_title,
        "program": program.title,
        "issuer": certification.issuer_name,
        "coordinator": coordinator.get_full_name() or coordinator.email,
        "coordinator_role": SIGNER_ROLE,
        "domains": domains,
        "training_hours_total": format_hours(sum(eligibility.training_hours.values(), 0)),
        "practice_hours_total": format_hours(hours.practice_creditable),
        "supervision_hours": format_hours(hours.supervision_creditable),
        "supervisors": sorted(
            {
                a.supervisor.get_full_name() or a.supervisor.email
                for a in enrollment.supervisor_assignments.select_related("supervisor")
            }
        ),
        "courses": [
            {
                "title": result.course.title,
                **(
                    {f"title_{language}": translated_titles[result.course.translation_key]}
                    if result.course.translation_key in translated_titles
                    else {}
                ),
                "best_score": str(result.best_score) if result.best_score is not None else None,
                "passed_on": result.passed_at.date().isoformat() if result.passed_at else None,
            }
            for result in eligibility.courses
        ],
        "ethics_version": eligibility.attestation.text_version if eligibility.attestation else "",
        # Which image files were printed, with their SHA-256: a copy rendered
        # later prints these same files even after new ones are uploaded.
        "images": certificate_images(certification, coordinator),
    }
    return printed_claims(
        snapshot,
        program=program,
        language=language,
        domains={row.domain.name: row.domain for row in hours.domains},
    )


def certificate_images(certification, coordinator) -> dict:
    """The image files a certificate issued now prints, each with its SHA-256
    (certificates.images.image_record)."""
    signature = signature_of(coordinator)
    return {
        "logo": image_record(certification.logo if certification else None),
        "seal": image_record(certification.seal if certification else None),
        "signature": image_record(signature.image if signature else None),
    }


def snapshot_check(snapshot: dict) -> None:
    """Refuse a snapshot larger than a certificate prints (Certificate.MAX_*),
    saying what is too long and what to change."""
    problems = []
    courses, domains = snapshot.get("courses", []), snapshot.get("domains", [])
    if len(courses) > Certificate.MAX_COURSES:
        problems.append(
            _(
                "it would list %(count)s courses and a certificate lists at most %(most)s; "
                "ask an administrator to shorten the program's required courses"
            )
            % {"count": len(courses), "most": Certificate.MAX_COURSES}
        )
    if len(domains) > Certificate.MAX_DOMAINS:
        problems.append(
            _("it would list %(count)s domains and a certificate lists at most %(most)s")
            % {"count": len(domains), "most": Certificate.MAX_DOMAINS}
        )
    # Every text the PDF may print, in English and in the certificate's language.
    texts = [
        *((_("program title"), text) for text in _all_languages(snapshot, "program")),
        *((_("credential title"), text) for text in _all_languages(snapshot, "credential")),
        (_("issuing organisation"), snapshot.get("issuer", "")),
        (_("coordinator's name"), snapshot.get("coordinator", "")),
        *((_("course title"), course["title"]) for course in courses),
        *((_("domain name"), text) for row in domains for text in _all_languages(row, "domain")),
    ]
    for label, text in texts:
        if len(text) > Certificate.MAX_TEXT_LENGTH:
            problems.append(
                _(
                    'the %(what)s "%(start)s…" has %(length)s characters and a certificate '
                    "prints at most %(most)s; shorten it"
                )
                % {
                    "what": label,
                    "start": text[:40],
                    "length": len(text),
                    "most": Certificate.MAX_TEXT_LENGTH,
                }
            )
    if problems:
        raise ValidationError(
            _("This certificate was not issued: %(problems)s. Then issue it again.")
            % {"problems": "; ".join(problems)}
        )


def _all_languages(claims: dict, key: str) -> list[str]:
    """`claims[key]` and its translations (`<key>_es`, …) from printed_claims."""
    names = [key, *(f"{key}_{code}" for code, _name in settings.AVAILABLE_LANGUAGES)]
    return [claims[name] for name in names if name in claims]


def closed_case_message(certificate: Certificate) -> str:
    return _(
        "Certificate %(code)s was revoked on %(day)s. Re-open the case with a reason "
        "before reviewing it again or issuing a new certificate."
    ) % {"code": certificate.code, "day": _day(certificate.revoked_at)}


def issue_check(*, enrollment: Enrollment, result) -> None:
    """Refuse, with the reason, issuing for this enrollment now: a revoked
    certificate whose case is not re-opened, a live certificate, or a
    requirement not met (`result` is `eligibility.check(enrollment)`)."""
    closed = Certificate.objects.awaiting_reopening().filter(enrollment=enrollment).first()
    if closed is not None:
        raise ValidationError(closed_case_message(closed))
    if result.live_certificate is not None:
        raise ValidationError(
            _("A certificate (%(code)s) was already issued for this enrollment.")
            % {"code": result.live_certificate.code}
        )
    if not result.eligible:
        raise ValidationError(
            _("This enrollment does not meet every requirement yet: %(missing)s.")
            % {"missing": "; ".join(result.missing)}
        )


def certificate_issue(*, enrollment_id: int, issued_by, name_as_printed: str, now=None):
    """Issue the certificate for an eligible enrollment, once.

    Two coordinators issuing at once: the database allows one live certificate
    per enrollment, so the second gets a clear message and nothing changes.

    It is printed in the holder's language (`certificate_language`), fixed
    now: its PDF, rendered later by the worker and again for the copies
    marked REVOKED or SUSPENDED, always prints in it."""
    name = " ".join((name_as_printed or "").split())
    if not 2 <= len(name) <= 150:
        raise ValidationError({"name_as_printed": _("Give the name as it should be printed.")})
    now = now or timezone.now()
    try:
        with transaction.atomic():
            enrollment = Enrollment.objects.select_for_update().get(pk=enrollment_id)
            result = eligibility_rules.check(enrollment)
            issue_check(enrollment=enrollment, result=result)
            language, bilingual = certificate_language(
                result.enrollment.learner, result.certification
            )
            snapshot = build_snapshot(
                result, name_as_printed=name, coordinator=issued_by, language=language
            )
            snapshot_check(snapshot)
            issued_on = timezone.localdate(now)
            certificate = Certificate(
                enrollment=enrollment,
                code=new_code(),
                snapshot=snapshot,
                issued_at=now,
                issued_on=issued_on,
                expires_on=add_months(issued_on, result.certification.validity_months),
                issued_by=issued_by,
                language=language,
                bilingual=bilingual,
            )
            certificate.full_clean(validate_constraints=False)
            certificate.save()
            _notify_holder(certificate, "certificates/emails/certificate_issued")
            transaction.on_commit(lambda: render_certificate.enqueue(certificate_id=certificate.pk))
    except IntegrityError:
        # The partial unique constraint: someone issued it a moment before us.
        raise ValidationError(
            _("Another coordinator issued this certificate a moment ago; nothing more was issued.")
        ) from None
    return certificate


def certificate_supersede(
    *,
    certificate_id: int,
    by,
    kind: str,
    snapshot: dict,
    issued_on,
    expires_on,
    now=None,
) -> Certificate:
    """Issue a successor to a certificate in force, once: a renewal or the
    same certificate in a new name (`kind`, a Certificate.Supersession). The
    successor belongs to the same enrollment and gets a new code, `snapshot`
    and dates; its PDF is made by the worker. The caller checks what is
    particular to its kind and emails the holder. Like a first issue, it is
    printed in the holder's language now (`certificate_language`), which may
    differ from the predecessor's.

    The order of writes keeps "one live certificate per enrollment" (a
    conditional unique constraint, which cannot be deferred to commit) true
    after every statement: (1) the predecessor is marked superseded, so for a
    moment inside the transaction the enrollment has no live certificate;
    (2) the successor is inserted, live; (3) the predecessor is pointed at it.
    Two coordinators at once: the row lock makes the second wait, then see
    the first one's successor and change nothing."""
    now = now or timezone.now()
    if kind not in Certificate.Supersession.values:
        raise ValueError(f"Unknown supersession {kind!r}")
    with transaction.atomic():
        predecessor = (
            Certificate.objects.select_for_update()
            .select_related("enrollment")
            .get(pk=certificate_id)
        )
        supersede_check(predecessor)
        snapshot = dict(snapshot)
        snapshot["certified_since"] = _certified_since_after(predecessor, issued_on).isoformat()
        # A successor is signed by `by`: their signature image and today's
        # logo and seal, not the predecessor's.
        certification = ProgramCertification.objects.filter(
            program_id=predecessor.enrollment.program_id
        ).first()
        snapshot["images"] = certificate_images(certification, by)
        language, bilingual = certificate_language(predecessor.enrollment.learner, certification)
        snapshot = printed_claims(
            snapshot, program=predecessor.enrollment.program, language=language
        )
        if kind == Certificate.Supersession.NAME_CHANGE:
            # The same cycle goes on in the new name: its CE log counts from the
            # day the cycle began, not from the day of the new name.
            snapshot["cycle_starts_on"] = predecessor.snapshot.get(
                "cycle_starts_on", predecessor.issued_on.isoformat()
            )
        snapshot_check(snapshot)
        Certificate.objects.filter(pk=predecessor.pk).update(superseded_at=now, supersession=kind)
        successor = Certificate(
            enrollment=predecessor.enrollment,
            code=new_code(),
            snapshot=snapshot,
            issued_at=now,
            issued_on=issued_on,
            expires_on=expires_on,
            issued_by=by,
            language=language,
            bilingual=bilingual,
        )
        successor.full_clean(validate_constraints=False)
        successor.save()
        Certificate.objects.filter(pk=predecessor.pk).update(superseded_by=successor)
        predecessor.superseded_at, predecessor.supersession = now, kind
        predecessor.superseded_by = successor
        certificate_superseded.send(
            sender=Certificate, predecessor=predecessor, successor=successor, kind=kind
        )
        transaction.on_commit(lambda: render_certificate.enqueue(certificate_id=successor.pk))
    return successor


def supersede_check(certificate: Certificate) -> None:
    """Refuse replacing a certificate that is not in force as it stands."""
    if certificate.is_revoked:
        raise ValidationError(
            _("Certificate %(code)s was revoked on %(day)s; nothing can replace it.")
            % {"code": certificate.code, "day": _day(certificate.revoked_at)}
        )
    if certificate.is_superseded:
        if certificate.is_renewed:
            message = _(
                "Certificate %(code)s was already renewed on %(day)s; nothing more changed."
            )
        else:
            message = _(
                "Certificate %(code)s was already replaced by a newer certificate on "
                "%(day)s; nothing more changed."
            )
        raise ValidationError(
            message % {"code": certificate.code, "day": _day(certificate.superseded_at)}
        )
    if certificate.suspended_since is not None:
        raise ValidationError(
            _("Certificate %(code)s is suspended, since %(day)s. Reinstate it before replacing it.")
            % {"code": certificate.code, "day": _day(certificate.suspended_since)}
        )


def _certified_since_after(predecessor: Certificate, issued_on):
    """The successor continues the predecessor's "certified since" when there
    was no gap: it is issued on or before the day the predecessor expired."""
    if issued_on <= predecessor.expires_on:
        since = predecessor.snapshot.get("certified_since")
        return datetime.date.fromisoformat(since) if since else predecessor.issued_on
    return issued_on


# --- Name changes ----------------------------------------------------------------

# How long a holder's reason and a coordinator's decline reason may be.
REASON_MAX_LENGTH = 2000


def _printed_name(name: str) -> str:
    """A name as a certificate prints it: spaces normalised, nothing else
    changed (an accent or a capital may be exactly what the holder asks for)."""
    return " ".join((name or "").split())


def _reason(text: str, *, field: str, missing: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: missing})
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError({field: _("Keep it under 2,000 characters.")})
    return text


def name_change_check(certificate: Certificate, *, today) -> None:
    """Refuse a name change for a certificate that is not in force now: the
    holder asks for (and a coordinator approves) a certificate that is."""
    if certificate.is_revoked:
        raise ValidationError(
            _(
                "Certificate %(code)s was revoked on %(day)s, so it cannot be reissued in a "
                "new name."
            )
            % {"code": certificate.code, "day": _day(certificate.revoked_at)}
        )
    if certificate.is_superseded:
        raise ValidationError(
            _(
                "Certificate %(code)s was replaced by a newer certificate on %(day)s; a name "
                "can change only on the newer one."
            )
            % {"code": certificate.code, "day": _day(certificate.superseded_at)}
        )
    if certificate.suspended_since is not None:
        raise ValidationError(
            _(
                "Certificate %(code)s is suspended, since %(day)s, so its name cannot change "
                "while it is suspended."
            )
            % {"code": certificate.code, "day": _day(certificate.suspended_since)}
        )
    if today > certificate.expires_on:
        raise ValidationError(
            _("Certificate %(code)s expired on %(day)s, so it cannot be reissued in a new name.")
            % {"code": certificate.code, "day": _date(certificate.expires_on)}
        )


@transaction.atomic
def name_change_request(
    *, certificate_id: int, holder, new_name: str, reason: str, now=None
) -> NameChangeRequest:
    """The holder asks for their certificate in a new name, saying why (the
    reason is for coordinators only). One request waits at a time."""
    name = _printed_name(new_name)
    if not 2 <= len(name) <= 150:
        raise ValidationError(
            {"new_name": _("Give your name as it should be printed (2 to 150 characters).")}
        )
    reason = _reason(
        reason, field="reason", missing=_("Tell the coordinators briefly why the name changes.")
    )
    now = now or timezone.now()
    certificate = (
        Certificate.objects.select_for_update()
        .filter(pk=certificate_id, enrollment__learner=holder)
        .first()
    )
    if certificate is None:
        # Someone else's certificate: said as if it did not exist.
        raise ValidationError(_("There is no such certificate among yours."))
    name_change_check(certificate, today=timezone.localdate(now))
    if name == _printed_name(certificate.snapshot.get("name", "")):
        raise ValidationError(
            {"new_name": _("That is the name your certificate already shows. Type the new one.")}
        )
    if NameChangeRequest.objects.filter(
        certificate=certificate, status=NameChangeRequest.Status.PENDING
    ).exists():
        raise ValidationError(
            _(
                "You already asked for a name change on this certificate; a coordinator will "
                "answer that one first."
            )
        )
    request = NameChangeRequest(
        certificate=certificate, new_name=name, reason=reason, requested_at=now
    )
    request.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        # The partial unique constraint, should the row lock ever be bypassed.
        raise ValidationError(
            _("You already asked for a name change on this certificate a moment ago.")
        ) from None
    return request


def _pending_request(request_id: int) -> NameChangeRequest:
    """The request, locked, if it still waits for a decision; else why not."""
    request = (
        NameChangeRequest.objects.select_for_update()
        .select_related("certificate__enrollment__learner")
        .get(pk=request_id)
    )
    if not request.is_pending:
        if request.status == NameChangeRequest.Status.APPROVED:
            message = _("This name change was already approved on %(day)s; nothing more changed.")
        else:
            message = _("This name change was already declined on %(day)s; nothing more changed.")
        raise ValidationError(message % {"day": _day(request.decided_at)})
    return request


@transaction.atomic
def name_change_approve(*, request_id: int, by, now=None) -> Certificate:
    """Approve a waiting request, once: a successor in the new name, signed by
    the approving coordinator, valid until the same day, supersedes the
    certificate (whose code then names nobody), the holder's name for
    certificates becomes the new one, and the holder is emailed the new code.
    Everything rolls back if any step fails."""
    now = now or timezone.now()
    request = _pending_request(request_id)
    old = request.certificate
    name_change_check(old, today=timezone.localdate(now))
    snapshot = {
        **old.snapshot,
        "name": request.new_name,
        "coordinator": by.get_full_name() or by.email,
        "coordinator_role": SIGNER_ROLE,
    }
    successor = certificate_supersede(
        certificate_id=old.pk,
        by=by,
        kind=Certificate.Supersession.NAME_CHANGE,
        snapshot=snapshot,
        issued_on=timezone.localdate(now),
        expires_on=old.expires_on,
        now=now,
    )
    # The same expiry: reminders already sent for the old one are not sent again.
    reminders = ("reminder_90_sent_at", "reminder_60_sent_at", "reminder_30_sent_at")
    sent = Certificate.objects.filter(pk=old.pk).values(*reminders).get()  # as locked
    Certificate.objects.filter(pk=successor.pk).update(**sent)
    holder = old.enrollment.learner
    holder.certificate_name = request.new_name
    holder.save(update_fields=["certificate_name"])
    request.status = NameChangeRequest.Status.APPROVED
    request.decided_by, request.decided_at, request.successor = by, now, successor
    request.full_clean(validate_constraints=False)
    request.save(update_fields=["status", "decided_by", "decided_at", "successor"])
    _notify_holder(successor, "certificates/emails/name_change_approved", predecessor=old)
    return successor


@transaction.atomic
def name_change_decline(*, request_id: int, by, reason: str, now=None) -> NameChangeRequest:
    """Decline a waiting request with a reason the holder sees (on their
    certificates page and by email); the certificate stays as it is."""
    reason = _reason(
        reason,
        field="reason",
        missing=_("Tell the holder why (they see this and get it by email)."),
    )
    now = now or timezone.now()
    request = _pending_request(request_id)
    request.status = NameChangeRequest.Status.DECLINED
    request.decided_by, request.decided_at, request.decline_reason = by, now, reason
    request.full_clean(validate_constraints=False)
    request.save(update_fields=["status", "decided_by", "decided_at", "decline_reason"])
    _notify_holder(
        request.certificate,
        "certificates/emails/name_change_declined",
        name_change=request,
        contact=_contact(request.certificate),
    )
    return request


def _notify_learner(enrollment, template: str, **context) -> None:
    """Email the enrollment's learner (`template`: templates/certificates/emails/<name>),
    in their language."""
    learner = enrollment.learner
    email_send(
        to=learner.email,
        template=template,
        context={"person": learner, **context},
        language=language_of(learner),
    )


def _notify_holder(certificate: Certificate, template: str, **extra) -> None:
    """Email the certificate's holder, with the links to it and to its verification."""
    _notify_learner(
        certificate.enrollment,
        template,
        certificate=certificate,
        certificate_url=site_url(reverse("certificates:mine")),
        verify_url=verification_url(certificate.code),
        **extra,
    )


@transaction.atomic
def certification_return(*, enrollment_id: int, returned_by, reason: str):
    """Send an eligible enrollment back to the learner with a reason they see."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell the learner what to fix (they will see this).")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("Keep the reason under 2,000 characters.")})
    enrollment = Enrollment.objects.select_related("learner").get(pk=enrollment_id)
    returned = CertificationReturn.objects.create(
        enrollment=enrollment, reason=reason, returned_by=returned_by
    )
    _notify_learner(
        enrollment,
        "certificates/emails/certification_returned",
        program=enrollment.program,
        reason=reason,
        dashboard_url=site_url(reverse("dashboard")),
    )
    return returned


# --- Expiry reminders ----------------------------------------------------------

# Nearest first: a late first run sends only the nearest reminder due and marks
# the further ones as sent, so nobody gets the 90-day email after the 60-day one.
REMINDER_DAYS = (30, 60, 90)


def _reminder_field(days: int) -> str:
    return f"reminder_{days}_sent_at"


def checklist_url(certificate: Certificate) -> str:
    """The holder's renewal checklist for this certificate, on their dashboard
    (templates/renewals/_dashboard_checklist.html gives it this id)."""
    return site_url(reverse("dashboard")) + f"#renewal-{certificate.code}"


def certificates_send_expiry_reminders(*, today=None) -> int:
    """Email holders 90, 60 and 30 days before their live certificate expires, each once.

    Safe to run more than once a day and after missed days: each reminder is
    claimed with a conditional update before its email is queued, and only while
    no nearer one was sent (a certificate reminded at 60 days before the 90-day
    reminder existed never gets the 90-day one afterwards).

    Suspended certificates get their reminders too: the date they expire on does
    not move while a review is open, and a holder who is reinstated needs to have
    kept up with their renewal. The email says it is suspended and to talk with
    their coordinator before starting the renewal, rather than urging them to renew."""
    today = today or timezone.localdate()
    sent = 0
    for i, days in enumerate(REMINDER_DAYS):
        field = _reminder_field(days)
        # This one and every nearer one still unsent.
        unsent = {f"{_reminder_field(d)}__isnull": True for d in REMINDER_DAYS[: i + 1]}
        further = [_reminder_field(d) for d in REMINDER_DAYS[i + 1 :]]
        due = Certificate.objects.live().filter(
            **unsent,
            expires_on__gt=today,
            expires_on__lte=today + datetime.timedelta(days=days),
        )
        for certificate in due.with_suspension().select_related("enrollment__learner"):
            with transaction.atomic():
                now = timezone.now()
                claimed = Certificate.objects.filter(pk=certificate.pk, **unsent).update(
                    **{field: now}
                )
                if not claimed:
                    continue
                # Further reminders would now come after a nearer one: skip them.
                for other in further:
                    Certificate.objects.filter(
                        pk=certificate.pk, **{f"{other}__isnull": True}
                    ).update(**{other: now})
                suspended = certificate.is_suspended
                _notify_holder(
                    certificate,
                    "certificates/emails/certificate_expiring",
                    days_left=(certificate.expires_on - today).days,
                    checklist_url=checklist_url(certificate),
                    suspended=suspended,
                    contact=_contact(certificate) if suspended else "",
                )
                sent += 1
    return sent


def certificates_render_pending() -> int:
    """Render every PDF still missing: an evidence PDF, or the marked copy of a
    revoked or suspended certificate (a render that failed, or a task lost with
    its worker). Run daily and on demand."""
    rendered = 0
    suspended = Q(
        revoked_at__isnull=True,
        superseded_at__isnull=True,
        suspended_pdf="",
        pk__in=CertificateSuspension.objects.filter(ended_at__isnull=True).values("certificate_id"),
    )
    missing = (
        Q(pdf="")
        | Q(revoked_at__isnull=False, revoked_pdf="")
        | suspended
        | Q(credential__isnull=True)
    )
    for certificate_id in Certificate.objects.filter(missing).values_list("pk", flat=True):
        try:
            certificate_render(certificate_id=certificate_id)
        except Exception:
            logger.exception("Certificate %s still does not render", certificate_id)
            continue
        rendered += 1
    return rendered


@transaction.atomic
def coordinator_signature_set(*, user, image) -> CoordinatorSignature:
    """Keep `image` as the signature printed on the certificates `user` issues
    from now on. The previous file stays on disk: certificates already issued
    name it in their snapshot and keep printing it."""
    signature = CoordinatorSignature.objects.filter(user=user).first() or CoordinatorSignature(
        user=user
    )
    signature.image = image
    signature.full_clean()
    signature.save()
    return signature

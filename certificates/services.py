"""Writes for certificates: rendering the evidence PDF and revoking.

Issuing (which checks eligibility) joins these once the supervised-hours
layer exists; see docs/architecture.md."""

import hashlib
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .models import Certificate
from .pdf import qr_data_uri, render_pdf
from .signing import sign_pdf

logger = logging.getLogger(__name__)


def verification_url(code: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("certificates:verify", kwargs={"code": code})


def pdf_context(certificate: Certificate, *, revoked: bool = False) -> dict:
    url = verification_url(certificate.code)
    return {
        "snapshot": certificate.snapshot,
        "code": certificate.code,
        "issued_on": f"{certificate.issued_on:%-d %B %Y}",
        "expires_on": f"{certificate.expires_on:%-d %B %Y}",
        "verify_url": url,
        "qr": qr_data_uri(url),
        "revoked": revoked,
    }


def render_signed_pdf(certificate: Certificate, *, revoked: bool = False) -> bytes:
    return sign_pdf(render_pdf(pdf_context(certificate, revoked=revoked)))


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render and sign the evidence PDF once. Safe to call again: a certificate
    that has its PDF is returned unchanged (the evidence is never regenerated)."""
    certificate = Certificate.objects.get(pk=certificate_id)
    if certificate.pdf:
        return certificate
    try:
        data = render_signed_pdf(certificate)
    except Exception:
        Certificate.objects.filter(pk=certificate_id).update(
            render_failures=certificate.render_failures + 1
        )
        logger.exception("Rendering certificate %s failed", certificate.code)
        raise
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate_id)
        if locked.pdf:
            # Another worker finished first: keep its file, the one stored first.
            return locked
        locked.pdf.save(f"{locked.code}.pdf", ContentFile(data), save=False)
        locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
        locked.pdf_rendered_at = timezone.now()
        locked.save(update_fields=["pdf", "pdf_sha256", "pdf_rendered_at"])
        return locked


def certificate_pdf_bytes(certificate: Certificate) -> bytes:
    """What a download serves: the stored evidence file (rendered now if the
    background render has not happened yet), or, once revoked, a copy marked
    REVOKED (the evidence file stays stored as it was)."""
    if certificate.is_revoked:
        return render_signed_pdf(certificate, revoked=True)
    if not certificate.pdf:
        certificate = certificate_render(certificate_id=certificate.pk)
    with certificate.pdf.open("rb") as handle:
        return handle.read()


@transaction.atomic
def certificate_revoke(*, certificate_id: int, revoked_by, reason: str) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Record why the certificate is revoked (kept internal)."})
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.is_revoked:
        raise ValidationError(
            f"Certificate {certificate.code} was already revoked on "
            f"{timezone.localdate(certificate.revoked_at):%-d %B %Y}."
        )
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = revoked_by
    certificate.revocation_reason = reason
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
    return certificate


# --- Code of ethics ------------------------------------------------------------


def current_attestation(*, learner, program):
    """The learner's attestation of the program's current code of ethics, if any."""
    from .models import Attestation, ProgramCertification

    certification = ProgramCertification.objects.filter(program=program).first()
    if certification is None:
        return None
    return Attestation.objects.filter(
        learner=learner, program=program, text_version=certification.ethics_version
    ).first()


@transaction.atomic
def attestation_record(*, learner, program, typed_name: str):
    """Record that the learner read this version of the code and typed their name."""
    from training.models import Enrollment

    from .models import Attestation, ProgramCertification

    certification = ProgramCertification.objects.filter(program=program).first()
    if certification is None or not certification.code_of_ethics.strip():
        raise ValidationError("This program has no code of ethics to attest to yet.")
    if not Enrollment.objects.filter(
        learner=learner, program=program, status=Enrollment.Status.ACTIVE
    ).exists():
        raise ValidationError("Only learners enrolled in this program can attest to its code.")
    typed = " ".join((typed_name or "").split())
    if len(typed) < 2 or len(typed) > 150:
        raise ValidationError({"typed_name": "Type your full name to sign (2 to 150 characters)."})
    attestation, _ = Attestation.objects.get_or_create(
        learner=learner,
        program=program,
        text_version=certification.ethics_version,
        defaults={"typed_name": typed},
    )
    return attestation

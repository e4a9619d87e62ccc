"""Rendering the certificate's PDFs: the evidence PDF signed at issue and,
once revoked or while suspended, the copy marked REVOKED or SUSPENDED that
downloads serve.

Below both `certificates.services` (which asks for renders) and
`certificates.tasks` (whose worker runs them), so neither imports the other's
caller."""

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from .credentials import credential_sign
from .images import image_data_uri
from .models import Certificate
from .pdf import RenderTimedOut, in_child_process, qr_data_uri, render_pdf
from .selectors import certified_since
from .signing import sign_pdf

logger = logging.getLogger(__name__)


def verification_url(code: str) -> str:
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("certificates:verify", kwargs={"code": code})


def same_words(credential: str, program: str) -> bool:
    """Whether the program's title says nothing the credential's does not, e.g.
    "Peer Support Specialist" under "Certified Peer Support Specialist"."""
    credential, program = credential.casefold().strip(), program.casefold().strip()
    return not program or program in credential


def pdf_context(certificate: Certificate, *, stamp: str = "") -> dict:
    url = verification_url(certificate.code)
    snapshot = certificate.snapshot
    images = snapshot.get("images") or {}
    return {
        "snapshot": snapshot,
        "program_named": not same_words(
            snapshot.get("credential", ""), snapshot.get("program", "")
        ),
        "logo": image_data_uri(images.get("logo")),
        "seal": image_data_uri(images.get("seal")),
        "signature": image_data_uri(images.get("signature")),
        "code": certificate.code,
        "issued_on": f"{certificate.issued_on:%-d %B %Y}",
        "expires_on": f"{certificate.expires_on:%-d %B %Y}",
        "certified_since": f"{certified_since(certificate):%-d %B %Y}",
        "verify_url": url,
        "qr": qr_data_uri(url),
        "stamp": stamp,
    }


def render_signed_pdf(certificate: Certificate, *, stamp: str = "") -> bytes:
    """Render and sign in a short-lived child process, within
    CERTIFICATE_RENDER_TIME_LIMIT_SECONDS (certificates.pdf.in_child_process)."""
    context = pdf_context(certificate, stamp=stamp)
    return in_child_process(
        lambda: sign_pdf(render_pdf(context)),
        seconds=settings.CERTIFICATE_RENDER_TIME_LIMIT_SECONDS,
    )


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render and sign what is missing, once: the evidence PDF and, for a
    revoked or suspended certificate, the copy marked REVOKED or SUSPENDED that
    downloads serve. Safe to call again: a stored file is returned unchanged
    (never regenerated)."""
    certificate = Certificate.objects.get(pk=certificate_id)
    if not certificate.pdf:
        certificate = _render_and_store(certificate, field="pdf")
    field = certificate.download_field
    if field != "pdf" and not getattr(certificate, field):
        certificate = _render_and_store(certificate, field=field)
    if certificate.credential is None:
        certificate = _credential_store(certificate)
    return certificate


def _credential_store(certificate: Certificate) -> Certificate:
    """Sign and keep the Open Badges credential once the PDF (its evidence) is
    stored; another worker's, stored first, is kept."""
    signed, jwt = credential_sign(
        Certificate.objects.select_related("enrollment__learner").get(pk=certificate.pk)
    )
    Certificate.objects.filter(pk=certificate.pk, credential__isnull=True).update(
        credential=signed, credential_jwt=jwt
    )
    return Certificate.objects.get(pk=certificate.pk)


STAMPS = {"pdf": "", "revoked_pdf": "REVOKED", "suspended_pdf": "SUSPENDED"}


def _render_and_store(certificate: Certificate, *, field: str) -> Certificate:
    stamp = STAMPS[field]
    try:
        data = render_signed_pdf(certificate, stamp=stamp)
    except Exception as error:
        Certificate.objects.filter(pk=certificate.pk).update(
            render_failures=F("render_failures") + 1
        )
        if isinstance(error, RenderTimedOut):
            # No traceback: where a killed child was is of no use.
            logger.error("Rendering certificate %s %s.", certificate.code, error)
        else:
            logger.exception("Rendering certificate %s failed", certificate.code)
        raise
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if getattr(locked, field):
            # Another worker finished first: keep its file, the one stored first.
            return locked
        suffix = f"-{stamp}" if stamp else ""
        getattr(locked, field).save(f"{locked.code}{suffix}.pdf", ContentFile(data), save=False)
        update_fields = [field]
        if field == "pdf":
            locked.pdf_sha256 = hashlib.sha256(data).hexdigest()
            locked.pdf_rendered_at = timezone.now()
            update_fields += ["pdf_sha256", "pdf_rendered_at"]
        locked.save(update_fields=update_fields)
        return locked

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
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop, pgettext, pgettext_lazy

from .credentials import credential_sign
from .images import image_data_uri
from .models import SIGNER_ROLE, Certificate
from .pdf import RenderTimedOut, in_child_process, qr_data_uri, render_pdf
from .selectors import certified_since, printed
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


def label(texts: list[tuple[str, str]]) -> str:
    """Words the PDF prints around the claims, `texts` being (language, words)
    with the certificate's language first: on a bilingual certificate the
    English follows, marked, e.g.
    `Fechas<span class="also" lang="en"><span class="sep"> / </span>Dates</span>`
    (certificate.css stacks or runs them on, by where they stand)."""
    (_language, first), *others = texts
    return conditional_escape(first) + mark_safe(
        "".join(
            format_html(
                '<span class="also" lang="{}"><span class="sep"> / </span>{}</span>',
                language,
                text,
            )
            for language, text in others
        )
    )


# The words a marked copy is stamped with (Certificate.stamp: tokens, never translated).
STAMP_WORDS = {
    "REVOKED": pgettext_lazy("stamped across a certificate", "REVOKED"),
    "SUSPENDED": pgettext_lazy("stamped across a certificate", "SUSPENDED"),
}


def _date(day) -> str:
    """A day as the certificate prints it, in the active language."""
    return date_format(day, gettext("j F Y"))


def _hours(hours: str, one: str, many: str) -> str:
    """`one` for exactly 1 hour, else `many`: hours are text in snapshots ("1.5"),
    which ngettext does not take (as the templates' `pluralize` chooses). Both
    are marked with gettext_noop where they are written, so the catalogue has them."""
    try:
        exactly_one = float(hours) == 1
    except ValueError:
        exactly_one = False
    return (gettext(one) if exactly_one else gettext(many)) % {"hours": hours}


def _continuing_education(renewal: dict, language: str) -> str:
    """ "12 hours, including 6 in Ethics and 6 in Advocacy" (as /verify/ says
    it), each category by the name kept for `language` where there is one."""
    total = renewal["ce_hours_total"]
    text = _hours(total, gettext_noop("%(hours)s hour"), gettext_noop("%(hours)s hours"))
    rows = renewal["ce_by_category"]
    for index, row in enumerate(rows):
        values = {"hours": row["hours"], "category": printed(row, "category", language).text}
        if index == 0:
            text += (
                ", "
                + pgettext("continuing education hours", "including %(hours)s in %(category)s")
                % values
            )
        elif index == len(rows) - 1:
            text += (
                " "
                + pgettext("continuing education hours", "and %(hours)s in %(category)s") % values
            )
        else:
            text += (
                ", " + pgettext("continuing education hours", "%(hours)s in %(category)s") % values
            )
    return text


def pdf_labels(certificate: Certificate, languages: list[str], *, stamp: str) -> dict:
    """Every label the PDF prints, each in `languages` (the certificate's,
    then English on a bilingual one). A sentence naming the program names it
    in its own language's words."""
    snapshot = certificate.snapshot
    since = certified_since(certificate)

    def each(make) -> str:
        texts = []
        for language in languages:
            with translation.override(language):
                texts.append((language, str(make(language))))
        return label(texts)

    def program_sentence(language):
        if not same_words(snapshot.get("credential", ""), snapshot.get("program", "")):
            program = printed(snapshot, "program", language).text
            return gettext(
                "has completed the %(program)s program: every required course, its "
                "assessment, supervised practice and the code of ethics."
            ) % {"program": program}
        return gettext(
            "has completed every required course of the program, its assessment, "
            "supervised practice and the code of ethics."
        )

    supervision = snapshot["supervision_hours"]
    renewal = snapshot.get("renewal")
    return {
        "certifies": each(lambda _l: gettext("This certifies that")),
        "completed": each(program_sentence),
        "hours_by_domain": each(lambda _l: gettext("Hours by domain")),
        "domain": each(lambda _l: gettext("Domain")),
        "training_hours": each(lambda _l: gettext("Training hours")),
        "practice_hours": each(lambda _l: gettext("Practice hours")),
        "total": each(lambda _l: gettext("Total")),
        "supervision": each(
            lambda _l: _hours(
                supervision,
                gettext_noop("Supervision received: %(hours)s hour"),
                gettext_noop("Supervision received: %(hours)s hours"),
            )
        ),
        "courses_completed": each(lambda _l: gettext("Courses completed")),
        "dates": each(lambda _l: gettext("Dates")),
        "issued": each(
            lambda _l: gettext("Issued %(issued_on)s") % {"issued_on": _date(certificate.issued_on)}
        ),
        "valid_until": each(
            lambda _l: (
                gettext("Valid until %(expires_on)s")
                % {"expires_on": _date(certificate.expires_on)}
            )
        ),
        "renewed_since": each(
            lambda _l: (
                gettext("Renewed; certified since %(certified_since)s")
                % {"certified_since": _date(since)}
            )
        ),
        "continuing_education": each(lambda _l: gettext("Continuing education this cycle")),
        "continuing_education_hours": each(
            lambda language: _continuing_education(renewal, language)
        )
        if renewal
        else None,
        "role": each(lambda language: printed_role(snapshot, language)),
        "certificate_number": each(lambda _l: gettext("Certificate number")),
        "check_it_at": each(lambda _l: gettext("Check it at")),
        "stamp": each(lambda _l: STAMP_WORDS[stamp]) if stamp else None,
    }


def printed_role(snapshot: dict, language: str) -> str:
    """The signer's role as the PDF prints it in `language` (snapshots from
    before issue #16 keep no role: the default one)."""
    role = printed(snapshot, "coordinator_role", language).text
    if not role or role == SIGNER_ROLE:
        with translation.override(language):
            return gettext(SIGNER_ROLE)
    return role


def pdf_context(certificate: Certificate, *, stamp: str = "") -> dict:
    """What certificates/certificate_pdf.html prints, in the certificate's own
    language (Certificate.language, fixed at issue) whatever language is
    active: labels, dates and claims (the words the snapshot keeps for that
    language, or the English, marked as such)."""
    url = verification_url(certificate.code)
    snapshot = certificate.snapshot
    images = snapshot.get("images") or {}
    language = certificate.language or "en"
    languages = [language, "en"] if certificate.bilingual and language != "en" else [language]
    return {
        "language": language,
        "bilingual": len(languages) > 1,
        "labels": pdf_labels(certificate, languages, stamp=stamp),
        "snapshot": snapshot,
        "credential": printed(snapshot, "credential", language),
        "domains": [
            {**row, "name": printed(row, "domain", language)} for row in snapshot["domains"]
        ],
        # A course's title in the certificate's language where its page had a
        # published translation at issue (the snapshot keeps it), else English.
        "courses": [printed(course, "title", language) for course in snapshot.get("courses", [])],
        "logo": image_data_uri(images.get("logo")),
        "seal": image_data_uri(images.get("seal")),
        "signature": image_data_uri(images.get("signature")),
        "code": certificate.code,
        "verify_url": url,
        "qr": qr_data_uri(url),
        "stamp": stamp,
    }


def render_signed_pdf(certificate: Certificate, *, stamp: str = "") -> bytes:
    """Render and sign in a short-lived child process, within
    CERTIFICATE_RENDER_TIME_LIMIT_SECONDS (certificates.pdf.in_child_process),
    in the certificate's language (render_pdf)."""
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

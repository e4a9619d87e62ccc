"""Reads for certificates: public verification and the holder's own."""

import datetime
import hashlib
from dataclasses import dataclass

from django.utils import timezone

from . import status_lists
from .codes import normalise
from .models import Certificate, CertificateSuspension, CoordinatorSignature, NameChangeRequest
from .sharing import linkedin_add_url


@dataclass(frozen=True)
class Claim:
    """A claim as the certificate prints it, with the language its words are
    in: the certificate's, or English where no translation was written
    (certificates.services.printed_claims). Pages mark it with `lang` when
    that is not their own language."""

    text: str
    lang: str

    def __str__(self) -> str:
        return self.text


def printed(claims: dict, key: str, language: str) -> Claim:
    """`claims[key]` as a certificate in `language` prints it: the words kept
    beside it for that language (`<key>_es`), else the English."""
    translated = claims.get(f"{key}_{language}") if language != "en" else None
    if translated:
        return Claim(translated, language)
    return Claim(claims.get(key) or "", "en")


@dataclass(frozen=True)
class PublicRecord:
    """Exactly what the certificate itself states, plus its status and the
    fingerprint of the issued PDF. Nothing about the person's recovery, no
    contact details, no internal reasons."""

    code: str
    status: str  # one of Certificate.STATUSES: valid | expired | revoked | suspended | superseded
    revoked_on: object
    suspended_on: object  # the day the open suspension started, or None
    certified_since: object
    superseded_by: str | None  # the successor's code after a renewal, else None
    name: str | None  # None once superseded: an old link must not show a former name
    credential: str
    program: str
    issuer: str
    issued_on: object
    expires_on: object
    domains: list
    training_hours_total: str
    practice_hours_total: str
    supervision_hours: str
    courses: list  # titles of the courses completed, as printed
    signer_name: str
    signer_role: str | None  # in snapshots from issue #16 on; older ones print no role of record
    pdf_sha256: str
    # After a renewal: the CE hours it was granted on, as printed; else None.
    continuing_education: dict | None = None
    # The language the certificate is printed in, and its claims in the
    # words it prints (the page shows these; the JSON keeps the English above).
    language: str = "en"
    printed: dict | None = None

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "status": self.status,
            "revoked_on": self.revoked_on.isoformat() if self.revoked_on else None,
            "suspended_on": self.suspended_on.isoformat() if self.suspended_on else None,
            "superseded_by": self.superseded_by,
            "certified_since": self.certified_since.isoformat(),
            "name": self.name,
            "credential": self.credential,
            "program": self.program,
            "issuer": self.issuer,
            "issued_on": self.issued_on.isoformat(),
            "expires_on": self.expires_on.isoformat(),
            "hours": {
                "by_domain": [
                    {
                        "domain": row["domain"],
                        "training": row["training_hours"],
                        "practice": row["practice_hours"],
                    }
                    for row in self.domains
                ],
                "training_total": self.training_hours_total,
                "practice_total": self.practice_hours_total,
                "supervision": self.supervision_hours,
            },
            "courses": self.courses,
            "signer": {"name": self.signer_name, "role": self.signer_role},
            "continuing_education": self.continuing_education,
            "pdf_sha256": self.pdf_sha256 or None,
        }


def certified_since(certificate: Certificate) -> datetime.date:
    """The day the holder has been certified since, without a gap: the first
    issue of an unbroken line of successors. A successor records it at issue
    (certificates.services.certificate_supersede), so reading it costs nothing."""
    since = certificate.snapshot.get("certified_since")
    return datetime.date.fromisoformat(since) if since else certificate.issued_on


def public_record(raw_code: str) -> PublicRecord | None:
    """Look a code up as a member of the public typed it. One query."""
    code = normalise(raw_code)
    if code is None:
        return None
    certificate = (
        Certificate.objects.filter(code=code)
        .with_suspension()
        .select_related("superseded_by")
        .only(
            "code",
            "snapshot",
            "issued_on",
            "expires_on",
            "revoked_at",
            "superseded_at",
            "supersession",
            "superseded_by__code",
            "pdf_sha256",
            "language",
        )
        .first()
    )
    if certificate is None:
        return None
    snapshot = certificate.snapshot
    status = certificate.status_on(timezone.localdate())
    suspended = status == "suspended"
    return PublicRecord(
        code=certificate.code,
        status=status,
        revoked_on=timezone.localdate(certificate.revoked_at) if certificate.revoked_at else None,
        suspended_on=timezone.localdate(certificate.suspended_since) if suspended else None,
        certified_since=certified_since(certificate),
        # A renewal names its successor; a name change never does (the new
        # code would lead to the new name and out a renamed holder).
        superseded_by=certificate.superseded_by.code if certificate.is_renewed else None,
        name=None if status == "superseded" else snapshot["name"],
        credential=snapshot["credential"],
        program=snapshot["program"],
        issuer=snapshot["issuer"],
        issued_on=certificate.issued_on,
        expires_on=certificate.expires_on,
        domains=snapshot["domains"],
        training_hours_total=snapshot["training_hours_total"],
        practice_hours_total=snapshot["practice_hours_total"],
        supervision_hours=snapshot["supervision_hours"],
        courses=[course["title"] for course in snapshot.get("courses", [])],
        signer_name=snapshot.get("coordinator", ""),
        signer_role=snapshot.get("coordinator_role") or None,
        pdf_sha256=certificate.pdf_sha256,
        continuing_education=_continuing_education(snapshot),
        language=certificate.language,
        printed=_printed_claims(snapshot, certificate.language, shows_name=status != "superseded"),
    )


def _printed_claims(snapshot: dict, language: str, *, shows_name: bool) -> dict:
    """The claims /verify/ shows as the PDF prints them, each a Claim."""
    role = snapshot.get("coordinator_role")
    return {
        "name": Claim(snapshot["name"], language) if shows_name else None,
        "credential": printed(snapshot, "credential", language),
        "program": printed(snapshot, "program", language),
        "domains": [
            {**row, "name": printed(row, "domain", language)} for row in snapshot["domains"]
        ],
        "courses": [printed(course, "title", language) for course in snapshot.get("courses", [])],
        "signer_role": printed(snapshot, "coordinator_role", language) if role else None,
        "ce_by_category": [
            {"hours": row["hours"], "category": printed(row, "category", language)}
            for row in (snapshot.get("renewal") or {}).get("ce_by_category", [])
        ],
    }


def certificate_code_for_pdf(sha256: str) -> str | None:
    """The code of the certificate whose issued (evidence) PDF has this
    SHA-256, or None. One query."""
    if not sha256:
        return None
    return Certificate.objects.filter(pdf_sha256=sha256).values_list("code", flat=True).first()


def marked_copy_stamp(code: str, sha256: str) -> str:
    """ "REVOKED" or "SUSPENDED" when the copy marked so that downloads of
    certificate `code` serve has this SHA-256, else "". The marked copies keep
    no fingerprint, so this reads them, and only for this one certificate (the
    one named in the signed PDF). One query."""
    certificate = (
        Certificate.objects.filter(code=code).only("code", "revoked_pdf", "suspended_pdf").first()
    )
    if certificate is None:
        return ""
    for field, stamp in (("revoked_pdf", "REVOKED"), ("suspended_pdf", "SUSPENDED")):
        stored = getattr(certificate, field)
        if stored and _sha256_of(stored) == sha256:
            return stamp
    return ""


def _sha256_of(field) -> str:
    digest = hashlib.sha256()
    with field.open("rb") as handle:
        for chunk in iter(lambda: handle.read(64 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _continuing_education(snapshot: dict) -> dict | None:
    renewal = snapshot.get("renewal")
    if not renewal:
        return None
    # The English, as every claim of the JSON (the Spanish is kept for the PDF
    # and the page: _printed_claims).
    return {
        "total": renewal["ce_hours_total"],
        "by_category": [
            {"category": row["category"], "hours": row["hours"]}
            for row in renewal["ce_by_category"]
        ],
    }


def holder_certificates(holder) -> list[Certificate]:
    """The holder's certificates, newest first, each with `name_change` (its
    latest name-change request, or None) and `can_change_name` (in force, and
    no request waiting). Two queries."""
    certificates = list(
        Certificate.objects.filter(enrollment__learner=holder)
        .with_suspension()
        .select_related("enrollment__program", "superseded_by")
        .order_by("-issued_at")
    )
    today = timezone.localdate()
    latest = {}
    requests = NameChangeRequest.objects.filter(certificate__in=certificates).order_by(
        "requested_at", "pk"
    )
    for request in requests.select_related("successor"):
        latest[request.certificate_id] = request
    for certificate in certificates:
        certificate.name_change = latest.get(certificate.pk)
        # Shared only while it says "valid": a link to a suspended, expired or
        # replaced certificate would send a reader to a page that says otherwise.
        certificate.linkedin_url = (
            linkedin_add_url(certificate) if certificate.status_on(today) == "valid" else ""
        )
        certificate.can_change_name = certificate.status_on(today) == "valid" and not (
            certificate.name_change and certificate.name_change.is_pending
        )
    return certificates


def name_changes_waiting():
    """Name-change requests no coordinator has decided yet, oldest first, with
    the certificate they are about."""
    return (
        NameChangeRequest.objects.filter(status=NameChangeRequest.Status.PENDING)
        .select_related("certificate__enrollment__learner")
        .order_by("requested_at", "pk")
    )


# --- The status lists of the Open Badges credentials -----------------------------


def status_list_positions(purpose: str) -> list[int]:
    """The positions whose bit is set in the `purpose` list now: revoked
    certificates, or certificates suspended now (not revoked, not replaced)."""
    if purpose == status_lists.REVOCATION:
        rows = Certificate.objects.filter(revoked_at__isnull=False)
    elif purpose == status_lists.SUSPENSION:
        rows = Certificate.objects.live().filter(
            pk__in=CertificateSuspension.objects.filter(ended_at__isnull=True).values(
                "certificate_id"
            )
        )
    else:
        raise ValueError(f"Unknown status purpose {purpose!r}")
    return list(rows.filter(status_index__isnull=False).values_list("status_index", flat=True))


def encoded_status_list(purpose: str) -> str:
    """The current `encodedList` of the `purpose` list: one query."""
    return status_lists.encode(status_lists.bitstring(status_list_positions(purpose)))


def signature_of(user) -> CoordinatorSignature | None:
    """The signature image `user` has on file, if any."""
    return CoordinatorSignature.objects.filter(user=user).first()

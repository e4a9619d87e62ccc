"""Checking a PDF someone was sent ("Check a PDF" on /verify/).

The file is untrusted input: it is read in a forked child process with a
wall-clock limit (VERIFY_UPLOAD_SECONDS) and an address-space limit
(VERIFY_UPLOAD_MEMORY_MB more than the child starts with), so a file built to
make a parser loop or swell ends the child, not the web worker. The child sends
back only plain facts (`PdfFacts`); the decision is made here, in the parent,
from those facts and our own records. Nothing is ever written to storage.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings

from .codes import normalise
from .pdf import RenderFailed, run_bounded
from .selectors import PublicRecord, certificate_code_for_pdf, marked_copy_stamp, public_record
from .signing import outside_event_loop, signing_certificate_pem


class UnreadablePdf(Exception):
    """The file could not be read as a PDF: broken, encrypted, or too costly."""


@dataclass(frozen=True)
class PdfFacts:
    """What the child process found in the file; plain values only."""

    signed: bool = False
    intact: bool = False  # the signed bytes hash to what the signature says
    valid: bool = False  # ... and the signature over that hash checks out
    trusted: bool = False  # ... by our signing certificate
    # The signature names our signing certificate. pyHanko checks trust only
    # for an intact signature, so a changed copy of ours is told apart by this.
    names_us: bool = False
    whole_file: bool = False  # nothing was added after the signature
    signer: str = ""  # the signing certificate's organisation (or common name)
    code: str | None = None  # "Certificate PRM-…" in the signed revision's Subject

    @property
    def sound(self) -> bool:
        """Signed, unchanged since, and trusted."""
        return self.intact and self.valid and self.trusted and self.whole_file


@dataclass(frozen=True)
class Answer:
    """The one answer the page gives, with what it needs to say it."""

    outcome: str  # issued | marked | signed_unrecorded | changed | not_issued
    facts: PdfFacts
    record: PublicRecord | None = None
    stamp: str = ""  # REVOKED or SUSPENDED for a marked copy

    @property
    def signature_ok(self) -> bool:
        return self.facts.sound


def pdf_check(data: bytes) -> Answer:
    """Say what `data` is, as far as Peerpath can tell. Raises UnreadablePdf."""
    facts = pdf_facts(data)
    digest = hashlib.sha256(data).hexdigest()
    issued_code = certificate_code_for_pdf(digest)
    if issued_code:
        return Answer("issued", facts, record=public_record(issued_code))
    ours = facts.signed and (facts.trusted or facts.names_us)
    record = public_record(facts.code) if ours and facts.code else None
    if not ours:
        return Answer("not_issued", facts)
    if not facts.sound:
        return Answer("changed", facts, record=record)
    if record is None:
        # Our signature, intact, but on no certificate we know: say so plainly
        # rather than guess.
        return Answer("signed_unrecorded", facts)
    stamp = marked_copy_stamp(record.code, digest)
    if stamp:
        return Answer("marked", facts, record=record, stamp=stamp)
    return Answer("signed_unrecorded", facts, record=record)


def pdf_facts(data: bytes) -> PdfFacts:
    """Read `data` in a bounded child process (see the module docstring)."""
    trust_root = signing_certificate_pem()
    try:
        facts = run_bounded(
            lambda: outside_event_loop(_read, data, trust_root),
            seconds=settings.VERIFY_UPLOAD_SECONDS,
            memory_bytes=settings.VERIFY_UPLOAD_MEMORY_MB * 1024 * 1024,
        )
    except RenderFailed as error:
        raise UnreadablePdf(str(error)) from None
    return facts


def _read(data: bytes, trust_root_pem: bytes) -> PdfFacts:
    # Imported here: only the child process needs them.
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.errors import SignatureValidationError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    reader = PdfFileReader(BytesIO(data), strict=False)
    if reader.encrypted:
        raise ValueError("encrypted")
    # Touch the document catalogue, so a file with no usable structure fails here.
    reader.root.get("/Pages")
    signatures = reader.embedded_signatures
    if not signatures:
        return PdfFacts()
    signature = signatures[0]
    _, _, der = pem.unarmor(trust_root_pem)
    names_us = signature.signer_cert.dump() == der
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    try:
        status = validate_pdf_signature(signature, context)
    except SignatureValidationError:
        return PdfFacts(signed=True, names_us=names_us)
    subject = status.signing_cert.subject.native
    return PdfFacts(
        signed=True,
        names_us=names_us,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        whole_file=status.coverage == SignatureCoverageLevel.ENTIRE_FILE,
        signer=str(subject.get("organization_name") or subject.get("common_name") or "")[:200],
        code=_signed_code(reader, signature.signed_revision),
    )


def _signed_code(reader, revision: int) -> str | None:
    """The certificate number in the Subject of the revision the signature
    covers (WeasyPrint writes <meta name="description"> there); a later
    revision could say anything."""
    try:
        info = reader.get_historical_resolver(revision).trailer_view["/Info"]
        subject = str(info["/Subject"])
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    if not subject.startswith("Certificate "):
        return None
    return normalise(subject.removeprefix("Certificate ")[:40])

import hashlib
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinLengthValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .images import image_storage, image_upload_to, validate_certificate_image
from .status_lists import CANDIDATES, LIST_SIZE

# The role printed under the signer's name (the coordinator who issues). Kept
# in English in snapshots (the JSON and the credential read it); the PDF
# prints it in the certificate's language (certificates.services.printed_claims).
SIGNER_ROLE = gettext_noop("Program coordinator")


def text_version(text: str) -> str:
    """The version of a text is the SHA-256 of its normalised content: any
    change to the words makes a new version, whitespace alone does not."""
    normalised = "\n".join(line.strip() for line in text.strip().splitlines())
    return hashlib.sha256(normalised.encode()).hexdigest()


class ProgramCertification(models.Model):
    """What certifying a program's learners needs beyond the training record:
    the code of ethics they attest to, how long a certificate is valid, and
    the organisation named on it."""

    program = models.OneToOneField(
        "programs.Program",
        on_delete=models.CASCADE,
        related_name="certification",
        verbose_name=_("program"),
    )
    issuer_name = models.CharField(
        _("issuing organisation"), max_length=200, default="Peerpath Training Collective"
    )
    validity_months = models.PositiveSmallIntegerField(
        _("validity months"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    contact = models.CharField(
        _("contact for certificate questions"),
        max_length=200,
        blank=True,
        help_text=_(
            "How holders reach the coordinators, e.g. an email address or phone number. "
            "Shown with the cohort's coordinators when a certificate was revoked."
        ),
    )
    code_of_ethics = models.TextField(
        _("code of ethics"),
        help_text=_(
            "Learners read this and attest by typing their name. Changing the words "
            "asks learners who are not yet certified to attest again."
        ),
    )
    # The English words are the code of record: its version (ethics_version)
    # is theirs alone. The Spanish is their translation, shown to learners
    # whose pages are in Spanish; correcting it asks nobody to sign again
    # (docs/translating.md).
    code_of_ethics_es = models.TextField(
        _("code of ethics in Spanish"),
        blank=True,
        help_text=_(
            "The same code, translated, for learners who use Peerpath in Spanish; left empty, "
            "they read the English. The English is the version learners sign: changing only "
            "the Spanish asks nobody to sign again, so change the English when the meaning "
            "changes."
        ),
    )
    bilingual_certificates = models.BooleanField(
        _("print certificates in English and in the holder's language"),
        default=False,
        help_text=_(
            "Certificates are printed in the holder's language. With this on, each heading "
            "is printed in English too, for holders whose language is not English. "
            "Certificates already issued stay as they were printed."
        ),
    )
    logo = models.FileField(
        _("organisation's logo"),
        upload_to=image_upload_to,
        storage=image_storage,
        validators=[validate_certificate_image],
        blank=True,
        max_length=255,
        help_text=_(
            "Printed at the top of certificates. PNG or JPEG, at most 1 MB. Kept "
            "privately: it is only ever printed into certificates, never shown at a web address."
        ),
    )
    seal = models.FileField(
        _("organisation's seal"),
        upload_to=image_upload_to,
        storage=image_storage,
        validators=[validate_certificate_image],
        blank=True,
        max_length=255,
        help_text=_(
            "Printed next to the coordinator's signature. PNG (transparent background "
            "looks best) or JPEG, at most 1 MB. Certificates already issued keep the image they "
            "were issued with."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("program certification")
        verbose_name_plural = _("program certifications")

    def __str__(self):
        return _("Certification for %(program)s") % {"program": self.program}

    @property
    def ethics_version(self) -> str:
        return text_version(self.code_of_ethics)


class CoordinatorSignature(models.Model):
    """The picture of a coordinator's signature, printed above their name on
    the certificates they issue. Kept per person (not per program): the person
    who issues signs, whichever program it is."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="certificate_signature",
        verbose_name=_("coordinator"),
    )
    image = models.FileField(
        _("signature image"),
        upload_to=image_upload_to,
        storage=image_storage,
        validators=[validate_certificate_image],
        max_length=255,
        help_text=_(
            "A scan or photo of the signature, cropped close. PNG with a transparent "
            "background looks best; JPEG works. At most 1 MB. Kept privately: it is only ever "
            "printed into the certificates this coordinator issues."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("signature image")
        verbose_name_plural = _("signature images")

    def __str__(self):
        return _("Signature of %(person)s") % {
            "person": self.user.get_full_name() or self.user.email
        }


class Attestation(models.Model):
    """A learner read the code of ethics (this version of it) and typed their name."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attestations"
    )
    program = models.ForeignKey("programs.Program", on_delete=models.PROTECT, related_name="+")
    text_version = models.CharField(max_length=64)
    typed_name = models.CharField(max_length=150)
    attested_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-attested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "program", "text_version"], name="attest_each_version_once"
            )
        ]

    def __str__(self):
        return _("%(name)s attested (%(day)s)") % {
            "name": self.typed_name,
            "day": f"{self.attested_at:%Y-%m-%d}",
        }


class CertificationReturn(models.Model):
    """A coordinator sent an eligible enrollment back, with a reason the learner sees."""

    enrollment = models.ForeignKey(
        "programs.Enrollment", on_delete=models.CASCADE, related_name="certification_returns"
    )
    reason = models.TextField(max_length=2000)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    returned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-returned_at"]

    def __str__(self):
        return _("Returned %(day)s") % {"day": f"{self.returned_at:%Y-%m-%d}"}


class CertificateQuerySet(models.QuerySet):
    def with_suspension(self):
        """Annotate `suspended_since` (the open suspension's start, or None) so
        status and downloads need no query per certificate."""
        open_suspension = CertificateSuspension.objects.filter(
            certificate=models.OuterRef("pk"), ended_at__isnull=True
        ).values("started_at")[:1]
        return self.annotate(suspended_since=models.Subquery(open_suspension))

    def live(self):
        return self.filter(revoked_at__isnull=True, superseded_at__isnull=True)

    def awaiting_reopening(self):
        """Revoked and not re-opened: the case is closed, and its enrollment is
        neither queued nor issued again until a coordinator re-opens it."""
        return self.filter(revoked_at__isnull=False, reopening__isnull=True)


def free_status_index() -> int:
    """A random position in the status lists that no certificate holds yet
    (the default of Certificate.status_index; certificates.status_lists). One
    query: CANDIDATES random positions are drawn and a free one kept; only if
    every draw is taken (a list nearly full) is it tried again, a few times."""
    for _attempt in range(8):
        candidates = {secrets.randbelow(LIST_SIZE) for _draw in range(CANDIDATES)}
        taken = set(
            Certificate.objects.filter(status_index__in=candidates).values_list(
                "status_index", flat=True
            )
        )
        free = sorted(candidates - taken)
        if free:
            return secrets.choice(free)
    raise RuntimeError(
        "The status lists are nearly full: raise LIST_SIZE (and publish longer lists) "
        "before issuing more certificates."
    )


class Certificate(models.Model):
    """An issued certificate. The row keeps a snapshot of what it certifies and
    the signed PDF made at issue (with its SHA-256), which is never regenerated."""

    # What a certificate prints is bounded at issue (certificates.services.snapshot_check):
    # render time and memory grow with it (thousands of course titles took 52 s
    # and 160 MB), and one landscape page holds about this much.
    MAX_COURSES = 20
    MAX_DOMAINS = 12
    MAX_TEXT_LENGTH = 150

    enrollment = models.ForeignKey(
        "programs.Enrollment", on_delete=models.PROTECT, related_name="certificates"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    snapshot = models.JSONField()
    issued_at = models.DateTimeField(default=timezone.now)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("issued by"),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("revocation reason"), blank=True, max_length=2000)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The language the PDF is printed in, fixed at issue (the holder's then,
    # certificates.services.certificate_language): every later render of this
    # certificate prints in it, whatever the language of the request or worker.
    language = models.CharField(max_length=8, default="en", editable=False)
    # Printed in `language` with every heading in English too (the program's
    # ProgramCertification.bilingual_certificates at issue). Never with English.
    bilingual = models.BooleanField(default=False, editable=False)

    class Supersession(models.TextChoices):
        RENEWAL = "renewal", _("Renewed")
        NAME_CHANGE = "name_change", _("Replaced after a name change")

    # A successor (a renewal, or the same certificate in a new name) replaces
    # this one. `superseded_at` is written first, so this row stops being live
    # before its successor is inserted (certificates.services.certificate_supersede).
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="supersedes"
    )
    superseded_at = models.DateTimeField(null=True, blank=True)
    supersession = models.CharField(max_length=20, choices=Supersession.choices, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True, max_length=255)
    pdf_sha256 = models.CharField(_("PDF fingerprint (SHA-256)"), max_length=64, blank=True)
    pdf_rendered_at = models.DateTimeField(null=True, blank=True)
    # Once revoked, downloads get this copy marked REVOKED, rendered once by the
    # task worker; the evidence file above stays as it was.
    revoked_pdf = models.FileField(upload_to="certificates/%Y/", blank=True, max_length=255)
    # While suspended, downloads get this copy marked SUSPENDED (no date on it,
    # so one copy serves every suspension), rendered once by the task worker.
    suspended_pdf = models.FileField(upload_to="certificates/%Y/", blank=True, max_length=255)
    # The signed Open Badges 3.0 credential (certificates.credentials), made by
    # the task worker after the PDF, whose SHA-256 it carries; never changed.
    credential = models.JSONField(null=True, blank=True, editable=False)
    # The same credential as a VC-JWT (certificates.vc_jwt), made with it.
    credential_jwt = models.TextField(blank=True, editable=False)
    render_failures = models.PositiveIntegerField(default=0)
    # Its position in the revocation and suspension status lists of the Open
    # Badges credentials (certificates.status_lists): random, never reused.
    status_index = models.PositiveIntegerField(
        unique=True, null=True, blank=True, default=free_status_index, editable=False
    )
    reminder_90_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_60_sent_at = models.DateTimeField(null=True, blank=True)
    reminder_30_sent_at = models.DateTimeField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(revoked_at__isnull=True, superseded_at__isnull=True),
                name="one_live_certificate_per_enrollment",
            )
        ]

    def __str__(self):
        return self.code

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def is_renewed(self) -> bool:
        return self.supersession == self.Supersession.RENEWAL

    @cached_property
    def suspended_since(self):
        """When the open suspension started, or None. A queryset annotated by
        CertificateQuerySet.with_suspension() sets it without a query."""
        return (
            self.suspensions.filter(ended_at__isnull=True)
            .values_list("started_at", flat=True)
            .first()
        )

    @property
    def is_suspended(self) -> bool:
        """Suspended now: an open suspension on a certificate neither revoked
        nor superseded (revoking ends a suspension)."""
        return self.suspended_since is not None and not self.is_revoked and not self.is_superseded

    @property
    def download_field(self) -> str:
        """The file a download serves: the evidence, or the copy marked REVOKED
        once revoked, or SUSPENDED while suspended."""
        if self.is_revoked:
            return "revoked_pdf"
        if self.is_suspended:
            return "suspended_pdf"
        return "pdf"

    @property
    def stamp(self) -> str:
        """The word the served copy is marked with ("" for the evidence itself)."""
        return {"revoked_pdf": "REVOKED", "suspended_pdf": "SUSPENDED"}.get(self.download_field, "")

    @property
    def pdf_ready(self) -> bool:
        """Is the file a download serves stored yet? Until the task worker has
        made it, pages say it is being prepared."""
        return bool(getattr(self, self.download_field))

    # For staff listings.
    def holder(self) -> str:
        return self.snapshot.get("name", "")

    holder.short_description = _("Name as printed")

    def program_title(self) -> str:
        return self.snapshot.get("program", "")

    program_title.short_description = _("Program")

    def status(self) -> str:
        """The status as staff listings word it ("Valid"), in the reader's language."""
        return str(STATUS_LABELS[self.status_on(timezone.localdate())])

    status.short_description = _("Status")

    def status_on(self, day) -> str:
        """The public status, one of STATUSES. A suspension shows over expiry:
        a review still open is what a reader most needs to know."""
        if self.revoked_at:
            return "revoked"
        if self.is_superseded:
            return "superseded"
        if self.is_suspended:
            return "suspended"
        if day > self.expires_on:
            return "expired"
        return "valid"

    # The public status tokens (/verify/<code>.json "status"); never translated.
    STATUSES = ("valid", "expired", "revoked", "suspended", "superseded")


# Certificate.status() for staff: the public tokens above, as words.
STATUS_LABELS = {
    "valid": _("Valid"),
    "expired": _("Expired"),
    "revoked": _("Revoked"),
    "suspended": _("Suspended"),
    "superseded": _("Superseded"),
}


class CaseReopening(models.Model):
    """A coordinator re-opened the case of a revoked certificate, saying why:
    only then is the enrollment reviewed again and a new certificate issued."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.PROTECT, related_name="reopening"
    )
    reason = models.TextField(max_length=2000)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-reopened_at"]

    def __str__(self):
        return _("Re-opened %(day)s") % {"day": f"{self.reopened_at:%Y-%m-%d}"}


class CertificateSuspension(models.Model):
    """A certificate was suspended (during a review, say) and, once ended,
    reinstated. A certificate may be suspended and reinstated more than once;
    at most one suspension is open at a time. The reason is internal: the
    public and the holder see the dates only. A suspension ended with no
    `reinstated_by` was ended by the certificate's revocation."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="suspensions"
    )
    started_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(max_length=2000)
    suspended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    reinstated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reinstatement_note = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_suspension_per_certificate",
            )
        ]

    def __str__(self):
        return _("Suspended %(day)s") % {"day": f"{self.started_at:%Y-%m-%d}"}


class NameChangeRequest(models.Model):
    """A holder asked for their certificate in a new name. A coordinator
    approves (a successor in the new name supersedes the certificate, and the
    old code then names nobody) or declines with a reason the holder sees.
    The holder's reason is private to coordinators. At most one request per
    certificate is pending at a time."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a coordinator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    certificate = models.ForeignKey(
        Certificate, on_delete=models.PROTECT, related_name="name_change_requests"
    )
    new_name = models.CharField(
        _("new name, as it should be printed"),
        max_length=150,
        validators=[MinLengthValidator(2)],
    )
    reason = models.TextField(max_length=2000)
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(blank=True, max_length=2000)
    successor = models.OneToOneField(
        Certificate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="name_change_request",
    )

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(status="pending"),
                name="one_pending_name_change_per_certificate",
            )
        ]

    def __str__(self):
        return _("Name change asked %(day)s") % {"day": f"{self.requested_at:%Y-%m-%d}"}

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

"""Renewal rules as data, and the continuing education (CE) holders log.

A program's certification (certificates.ProgramCertification) has one
`RenewalRules`: how long a cycle is, how many CE hours it asks for (in total and
per category, e.g. 6 in Ethics), when the renewal window opens, how long the
grace period after expiry is and what happens after it, and which course
domains count toward which CE category. Coordinators edit them in the admin.

A holder of a live certificate logs `CEEntry` rows against it, each with an
optional proof document kept in private storage (renewals.storage)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from programs.hours import validate_quarter_hours
from training.languages import in_language

from .storage import proof_storage, proof_upload_to

DEFAULT_CYCLE_MONTHS = 24
DEFAULT_CE_HOURS = Decimal("20")
DEFAULT_WINDOW_DAYS = 90
DEFAULT_GRACE_DAYS = 90
ETHICS = "Ethics"
DEFAULT_ETHICS_HOURS = Decimal("6")


class CECategory(models.Model):
    """A kind of continuing education a renewal may ask a minimum of (Ethics)."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    # Spanish beside the English, read with training.languages.in_language
    # (docs/translating.md); empty means the English stands in.
    name_es = models.CharField(_("name (Spanish)"), max_length=100, blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("CE category")
        verbose_name_plural = _("CE categories")

    def __str__(self):
        # In the reader's language: choice labels, admin listings and messages.
        return in_language(self, "name")


class RenewalRules(ClusterableModel):
    REAPPLY = "reapply"
    LONGER_CE = "longer_ce"
    AFTER_GRACE_CHOICES = [
        (REAPPLY, _("Apply again in full")),
        (LONGER_CE, _("Complete a longer CE requirement")),
    ]

    certification = models.OneToOneField(
        "certificates.ProgramCertification",
        on_delete=models.CASCADE,
        related_name="renewal_rules",
    )
    cycle_months = models.PositiveSmallIntegerField(
        _("cycle length (months)"),
        default=DEFAULT_CYCLE_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    ce_hours_total = models.DecimalField(
        _("CE hours in total"),
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_CE_HOURS,
        validators=[MinValueValidator(0), MaxValueValidator(1000), validate_quarter_hours],
    )
    window_opens_days = models.PositiveSmallIntegerField(
        _("renewal window opens (days before expiry)"),
        default=DEFAULT_WINDOW_DAYS,
        validators=[MaxValueValidator(730)],
    )
    grace_days = models.PositiveSmallIntegerField(
        _("grace period after expiry (days)"),
        default=DEFAULT_GRACE_DAYS,
        validators=[MaxValueValidator(730)],
    )
    after_grace = models.CharField(
        _("after the grace period"), max_length=20, choices=AFTER_GRACE_CHOICES, default=REAPPLY
    )
    audit_percent = models.PositiveSmallIntegerField(
        _("share of renewals picked for a proof audit (%)"),
        default=10,
        validators=[MaxValueValidator(100)],
        help_text=_(
            "Picked at random when a holder asks to renew. A coordinator checks "
            "the proof of every activity of an audited renewal; the others are approved on "
            "the log, one by one or together."
        ),
    )
    after_grace_extra_hours = models.DecimalField(
        _("extra CE hours after the grace period"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(1000), validate_quarter_hours],
        help_text=_("Only with “Complete a longer CE requirement”: hours added to the total."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("renewal rules")
        verbose_name_plural = _("renewal rules")

    def __str__(self):
        return gettext("Renewal rules for %(program)s") % {"program": self.certification.program}

    def clean(self):
        if self.after_grace == self.LONGER_CE and not self.after_grace_extra_hours:
            raise ValidationError(
                {"after_grace_extra_hours": _("Enter how many extra CE hours are asked for.")}
            )
        if self.after_grace == self.REAPPLY and self.after_grace_extra_hours:
            raise ValidationError(
                {
                    "after_grace_extra_hours": _(
                        "Extra hours only apply with “Complete a longer CE requirement”: set "
                        "them to 0 or choose that option."
                    )
                }
            )


class RenewalCategoryRequirement(Orderable):
    rules = ParentalKey(
        RenewalRules, on_delete=models.CASCADE, related_name="category_requirements"
    )
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=6,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.25")),
            MaxValueValidator(1000),
            validate_quarter_hours,
        ],
    )

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["rules", "category"], name="one_requirement_per_ce_category"
            )
        ]

    def __str__(self):
        return gettext("%(hours)s h in %(category)s") % {
            "hours": self.hours,
            "category": self.category,
        }


class DomainCECategory(Orderable):
    """Courses credited in this domain count toward this CE category."""

    rules = ParentalKey(RenewalRules, on_delete=models.CASCADE, related_name="domain_categories")
    domain = models.ForeignKey("programs.Domain", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(CECategory, on_delete=models.PROTECT, related_name="+")

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["rules", "domain"], name="one_ce_category_per_domain")
        ]

    def __str__(self):
        return gettext("%(domain)s counts toward %(category)s") % {
            "domain": self.domain,
            "category": self.category,
        }


class CEEntry(models.Model):
    """A continuing education activity a certificate holder logged."""

    MAX_HOURS = Decimal("40")

    # Others cannot reach an entry by counting: URLs carry this, not the id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.CASCADE, related_name="ce_entries"
    )
    activity = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    date = models.DateField()
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    category = models.ForeignKey(
        CECategory, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(blank=True, max_length=2000)
    proof = models.FileField(
        storage=proof_storage, upload_to=proof_upload_to, blank=True, max_length=255
    )
    proof_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        verbose_name = _("CE entry")
        verbose_name_plural = _("CE entries")

    def __str__(self):
        return f"{self.activity} ({self.hours} h)"


class Renewal(models.Model):
    """A holder asked to renew a certificate on the CE hours they logged; a
    coordinator approves (a successor certificate is issued) or returns it
    with a note. Some are picked at random for a proof audit."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Renewed")
        RETURNED = "returned", _("Returned to the holder")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    certificate = models.ForeignKey(
        "certificates.Certificate", on_delete=models.PROTECT, related_name="renewals"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(default=timezone.now)
    audit = models.BooleanField(
        _("picked for a proof audit"),
        default=False,
        help_text=_("Picked at random: every activity's proof is checked before approval."),
    )
    # The CE hours as the holder's checklist showed them when they asked.
    evidence = models.JSONField(default=dict)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proofs_checked = models.BooleanField(default=False)
    return_reason = models.TextField(blank=True, max_length=2000)
    successor = models.OneToOneField(
        "certificates.Certificate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="renewal_of",
    )

    class Meta:
        ordering = ["requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate"],
                condition=models.Q(status="pending"),
                name="one_pending_renewal_per_certificate",
            )
        ]

    def __str__(self):
        return gettext("Renewal of %(certificate)s (%(status)s)") % {
            "certificate": self.certificate,
            "status": self.get_status_display(),
        }

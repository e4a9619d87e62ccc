"""Programs and enrollment: what a learner is training for, with whom, and how
they joined. Plain Django models (records, not editorial content); staff manage
them in the Wagtail admin through programs/viewsets.py.

The tables kept the names they had when these models lived in training/
(db_table), so moving them lost no row (programs/migrations/0001)."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from training.languages import in_language

from .hours import QUARTER, validate_quarter_hours


class Domain(models.Model):
    """A competency domain that training and practice hours are counted in.

    The four IC&RC domains are created by migration; a program may add more
    (for example Harm Reduction)."""

    name = models.CharField(max_length=100, unique=True)
    # Spanish beside the English (training.languages.in_language): blank shows the English.
    name_es = models.CharField(_("name (Spanish)"), max_length=100, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "training_domain"
        ordering = ["sort_order", "name"]

    def __str__(self):
        # In the reader's language: choice labels, admin listings and messages.
        return in_language(self, "name")


class Program(ClusterableModel):
    """A credential track: what a learner must complete to be certified.

    Its required courses are `courses.ProgramCourse` rows (related name
    `required_courses`); they live in the courses layer because they point at
    course pages, and this layer imports nothing above it."""

    title = models.CharField(max_length=200, unique=True)
    title_es = models.CharField(
        _("title (Spanish)"),
        max_length=200,
        blank=True,
        help_text=_("Spanish readers see the English title while this is blank."),
    )
    slug = models.SlugField(max_length=200, unique=True)
    credential_title = models.CharField(
        max_length=200,
        help_text=_("As printed on the certificate, e.g. Certified Peer Recovery Mentor."),
    )
    credential_title_es = models.CharField(
        _("credential title (Spanish)"),
        max_length=200,
        blank=True,
        help_text=_(
            "As printed on a Spanish certificate, e.g. Certificación en Mentoría de "
            "Recuperación entre Pares."
        ),
    )
    description = models.TextField(blank=True)
    description_es = models.TextField(_("description (Spanish)"), blank=True)
    accepts_join_requests = models.BooleanField(
        default=False,
        help_text=_(
            "Signed-in people who are not enrolled may ask to join; a coordinator decides."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Supervised practice. The defaults are the IC&RC Peer Recovery numbers
    # (shared/domain.md); each program sets its own. Per-domain minimums and the
    # accepted activity types are rows of their own (domain_requirements,
    # activity_types) below.
    practice_hours_required = models.DecimalField(
        _("practice hours required (total)"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("500"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text=_("Creditable supervised practice hours needed in all domains together."),
    )
    supervision_hours_required = models.DecimalField(
        _("supervision hours required"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("25"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text=_("Hours of supervision the learner must receive from their supervisor."),
    )
    max_hours_per_entry = models.DecimalField(
        _("most hours in one entry"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("8"),
        validators=[MinValueValidator(QUARTER), MaxValueValidator(24), validate_quarter_hours],
        help_text=_("A longer entry is refused when it is logged."),
    )
    max_hours_per_day = models.DecimalField(
        _("most hours in one day"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("12"),
        validators=[MinValueValidator(QUARTER), MaxValueValidator(24), validate_quarter_hours],
        help_text=_(
            "Entries that would take a day over this are refused when they are logged "
            "(never more than 24, whatever this says). Lowering it later caps the hours "
            "credited on such days."
        ),
    )
    max_hours_per_week = models.DecimalField(
        _("most practice hours credited in one week"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(QUARTER), MaxValueValidator(168), validate_quarter_hours],
        help_text=_(
            "Optional. Practice hours beyond this in a week (Monday to Sunday) are kept in "
            "the log but not credited."
        ),
    )

    class Meta:
        db_table = "training_program"
        ordering = ["title"]

    def __str__(self):
        # In the reader's language: choice labels, admin listings and messages.
        return in_language(self, "title")

    def clean(self):
        super().clean()
        per_entry, per_day = self.max_hours_per_entry, self.max_hours_per_day
        if per_entry is not None and per_day is not None and per_entry > per_day:
            raise ValidationError(
                {"max_hours_per_entry": _("An entry can't be longer than the most hours in a day.")}
            )
        per_week = self.max_hours_per_week
        if per_week is not None and per_day is not None and per_week < per_day:
            raise ValidationError(
                {"max_hours_per_week": _("The weekly limit can't be less than the daily one.")}
            )


class Cohort(models.Model):
    """A group of learners going through one program together."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=200)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="coordinated_cohorts", blank=True
    )

    class Meta:
        db_table = "training_cohort"
        ordering = ["-start_date", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="unique_cohort_name_per_program"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="cohort_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.program})"

    @property
    def phrase(self) -> str:
        """The cohort as a sentence names it, after "the": "November 2026 cohort"
        (a name that already says "cohort" is not given it twice). The name is
        data, written once; only the word "cohort" around it is translated."""
        name = self.name.strip()
        if name.lower().endswith("cohort"):
            return name
        return gettext("%(name)s cohort") % {"name": name}

    def is_open_on(self, day) -> bool:
        """Open to new learners: it has not ended (a cohort with no end date never does)."""
        return self.end_date is None or self.end_date >= day


class Enrollment(models.Model):
    """A learner in a program (and usually a cohort), with an assigned supervisor."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="enrollments"
    )
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="enrollments")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, related_name="enrollments", null=True, blank=True
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="supervised_enrollments",
        null=True,
        blank=True,
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        db_table = "training_enrollment"
        ordering = ["-enrolled_at"]
        constraints = [
            # One enrollment per person and program; re-joining reactivates it.
            models.UniqueConstraint(
                fields=["learner", "program"], name="one_enrollment_per_program"
            ),
        ]

    def __str__(self):
        return gettext("%(learner)s in %(program)s") % {
            "learner": self.learner,
            "program": self.program,
        }

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class SupervisorAssignment(models.Model):
    """Who supervised an enrollment, and when: changes are kept, never overwritten."""

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="supervisor_assignments"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "training_supervisorassignment"
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_supervisor_per_enrollment",
            )
        ]

    def __str__(self):
        return gettext("%(supervisor)s supervising %(enrollment)s") % {
            "supervisor": self.supervisor,
            "enrollment": self.enrollment,
        }


class Invitation(models.Model):
    """An email invitation for someone without an account (or to a role).

    Signing up through the link with the invited address enrolls the learner
    (or grants the Supervisor role). A link works once and expires."""

    class Role(models.TextChoices):
        LEARNER = "learner", _("Learner")
        SUPERVISOR = "supervisor", _("Supervisor")

    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.LEARNER)
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        db_table = "training_invitation"
        ordering = ["-created_at"]

    def __str__(self):
        return gettext("Invitation for %(email)s") % {"email": self.email}


class JoinRequest(models.Model):
    """A signed-in person asking to join a program that accepts requests."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="join_requests"
    )
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="join_requests")
    message = models.TextField(blank=True, max_length=1000)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_note = models.TextField(blank=True, max_length=1000)

    class Meta:
        db_table = "training_joinrequest"
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "program"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_program",
            )
        ]

    def __str__(self):
        return gettext("%(person)s asks to join %(program)s") % {
            "person": self.person,
            "program": self.program,
        }


class JoinRequestDigest(models.Model):
    """A daily email to a coordinator listing the join requests made since their
    last one: at most one a day (the constraint is what makes
    `send_join_request_digests` safe to run twice)."""

    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    request_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["coordinator", "sent_on"], name="one_join_request_digest_per_day"
            )
        ]

    def __str__(self):
        return gettext("Join request digest for %(person)s on %(date)s") % {
            "person": self.coordinator,
            "date": date_format(self.sent_on, gettext("j F Y")),
        }


# --- A program's rules for practice hours ----------------------------------------
# Minimums per domain and the activity types it accepts; the learner's log and
# its crediting live in practice/.


class ProgramDomainRequirement(Orderable):
    """What a program asks for in one domain: training hours (met by passed
    courses) and creditable practice hours."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="domain_requirements")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    training_hours_min = models.DecimalField(
        _("training hours"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text=_("Met by the hours that passed courses credit in this domain."),
    )
    practice_hours_min = models.DecimalField(
        _("practice hours"),
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text=_("Creditable supervised practice hours needed in this domain."),
    )

    panels = [
        FieldPanel("domain", heading=_("Domain")),
        FieldPanel("training_hours_min"),
        FieldPanel("practice_hours_min"),
    ]

    class Meta(Orderable.Meta):
        db_table = "training_programdomainrequirement"
        verbose_name = _("domain requirement")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "domain"], name="one_requirement_per_program_domain"
            )
        ]

    def __str__(self):
        return gettext("%(domain)s in %(program)s") % {
            "domain": self.domain,
            "program": self.program,
        }


class ActivityType(Orderable):
    """A kind of activity a program accepts in the hours log, and what it counts as."""

    class CountsAs(models.TextChoices):
        PRACTICE = "practice", _("Practice hours")
        SUPERVISION = "supervision", _("Supervision received")

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="activity_types")
    name = models.CharField(max_length=100)
    name_es = models.CharField(_("name (Spanish)"), max_length=100, blank=True)
    counts_as = models.CharField(max_length=20, choices=CountsAs.choices, default=CountsAs.PRACTICE)
    is_active = models.BooleanField(
        _("accepting new entries"),
        default=True,
        help_text=_("Untick to stop offering it. Entries already logged keep it."),
    )

    panels = [
        FieldPanel("name", heading=_("Name")),
        FieldPanel("name_es"),
        FieldPanel("counts_as", heading=_("Counts as")),
        FieldPanel("is_active"),
    ]

    class Meta(Orderable.Meta):
        db_table = "training_activitytype"
        verbose_name = _("activity type")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="unique_activity_type_per_program"
            )
        ]

    def __str__(self):
        return in_language(self, "name")

    @property
    def is_practice(self) -> bool:
        return self.counts_as == self.CountsAs.PRACTICE

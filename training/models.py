from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from .content_cache import KeptContentPage, remember
from .hours import QUARTER, format_hours, validate_quarter_hours


class UserManager(DjangoUserManager):
    """Email is the login; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField("email address", unique=True)
    certificate_name = models.CharField(
        "name to print on certificates",
        max_length=150,
        blank=True,
        help_text="Your name exactly as it should appear on a certificate.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def name_for_certificate(self) -> str:
        return self.certificate_name or self.get_full_name() or self.email


class HomePage(KeptContentPage, Page):
    """The site's front page: what Peerpath is, and the way in."""

    intro = models.CharField(max_length=250, blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    def route(self, request, path_components):
        """Find a page below the home page by its URL path: one query for the
        page and one for its specific type, where Wagtail's walk down the tree
        costs two a level (six for a lesson), and none while the page is kept
        (training/content_cache.py). The page then routes itself, so a page
        type with its own routing still gets the last word."""
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = remember(("page-at", url_path), lambda: _specific_page_at(url_path))
        if page is None:
            raise Http404
        return page.route(request, [])


def _specific_page_at(url_path: str):
    page = Page.objects.filter(url_path=url_path).first()
    return page.specific if page is not None else None


# --- Programs and enrollment ---------------------------------------------------
# Plain Django models: records, not editorial content. Staff manage them in the
# Wagtail admin through the viewsets in training/viewsets.py.


class Domain(models.Model):
    """A competency domain that training and practice hours are counted in.

    The four IC&RC domains are created by migration; a program may add more
    (for example Harm Reduction)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Program(ClusterableModel):
    """A credential track: what a learner must complete to be certified.

    Its required courses are `courses.ProgramCourse` rows (related name
    `required_courses`); they live in the courses layer because they point at
    course pages, and this layer imports nothing above it."""

    title = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    credential_title = models.CharField(
        max_length=200,
        help_text="As printed on the certificate, e.g. Certified Peer Recovery Mentor.",
    )
    description = models.TextField(blank=True)
    accepts_join_requests = models.BooleanField(
        default=False,
        help_text="Signed-in people who are not enrolled may ask to join; a coordinator decides.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # Supervised practice. The defaults are the IC&RC Peer Recovery numbers
    # (shared/domain.md); each program sets its own. Per-domain minimums and the
    # accepted activity types are rows of their own (domain_requirements,
    # activity_types) below.
    practice_hours_required = models.DecimalField(
        "practice hours required (total)",
        max_digits=7,
        decimal_places=2,
        default=Decimal("500"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text="Creditable supervised practice hours needed in all domains together.",
    )
    supervision_hours_required = models.DecimalField(
        "supervision hours required",
        max_digits=7,
        decimal_places=2,
        default=Decimal("25"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text="Hours of supervision the learner must receive from their supervisor.",
    )
    max_hours_per_entry = models.DecimalField(
        "most hours in one entry",
        max_digits=4,
        decimal_places=2,
        default=Decimal("8"),
        validators=[MinValueValidator(QUARTER), MaxValueValidator(24), validate_quarter_hours],
        help_text="A longer entry is refused when it is logged.",
    )
    max_hours_per_day = models.DecimalField(
        "most hours in one day",
        max_digits=4,
        decimal_places=2,
        default=Decimal("12"),
        validators=[MinValueValidator(QUARTER), MaxValueValidator(24), validate_quarter_hours],
        help_text=(
            "Entries that would take a day over this are refused when they are logged "
            "(never more than 24, whatever this says). Lowering it later caps the hours "
            "credited on such days."
        ),
    )
    max_hours_per_week = models.DecimalField(
        "most practice hours credited in one week",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(QUARTER), MaxValueValidator(168), validate_quarter_hours],
        help_text=(
            "Optional. Practice hours beyond this in a week (Monday to Sunday) are kept in "
            "the log but not credited."
        ),
    )

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        per_entry, per_day = self.max_hours_per_entry, self.max_hours_per_day
        if per_entry is not None and per_day is not None and per_entry > per_day:
            raise ValidationError(
                {"max_hours_per_entry": "An entry can't be longer than the most hours in a day."}
            )
        per_week = self.max_hours_per_week
        if per_week is not None and per_day is not None and per_week < per_day:
            raise ValidationError(
                {"max_hours_per_week": "The weekly limit can't be less than the daily one."}
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


class Enrollment(models.Model):
    """A learner in a program (and usually a cohort), with an assigned supervisor."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

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
        ordering = ["-enrolled_at"]
        constraints = [
            # One enrollment per person and program; re-joining reactivates it.
            models.UniqueConstraint(
                fields=["learner", "program"], name="one_enrollment_per_program"
            ),
        ]

    def __str__(self):
        return f"{self.learner} in {self.program}"

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
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=models.Q(ended_at__isnull=True),
                name="one_current_supervisor_per_enrollment",
            )
        ]

    def __str__(self):
        return f"{self.supervisor} supervising {self.enrollment}"


class Invitation(models.Model):
    """An email invitation for someone without an account (or to a role).

    Signing up through the link with the invited address enrolls the learner
    (or grants the Supervisor role). A link works once and expires."""

    class Role(models.TextChoices):
        LEARNER = "learner", "Learner"
        SUPERVISOR = "supervisor", "Supervisor"

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
        ordering = ["-created_at"]

    def __str__(self):
        return f"Invitation for {self.email}"


class JoinRequest(models.Model):
    """A signed-in person asking to join a program that accepts requests."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

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
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "program"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_program",
            )
        ]

    def __str__(self):
        return f"{self.person} asks to join {self.program}"


@register_setting(icon="help")
class CrisisSupportSettings(BaseSiteSetting):
    """Shown wherever a lesson says "If you are in crisis"."""

    helpline_name = models.CharField(max_length=120, default="988 Suicide & Crisis Lifeline")
    helpline_phone = models.CharField(max_length=40, default="988")
    helpline_text = models.CharField(
        max_length=300,
        default="Call or text any time, day or night. If someone is in immediate danger, call 911.",
    )
    helpline_url = models.URLField(blank=True)

    class Meta:
        verbose_name = "crisis support"


# --- Supervised practice hours ----------------------------------------------------
# A program's rules for hours (minimums, caps, accepted activity types) and the
# learner's log. Writes go through training/services.py; the crediting
# arithmetic is training/hours.py.


class ProgramDomainRequirement(Orderable):
    """What a program asks for in one domain: training hours (met by passed
    courses) and creditable practice hours."""

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="domain_requirements")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    training_hours_min = models.DecimalField(
        "training hours",
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text="Met by the hours that passed courses credit in this domain.",
    )
    practice_hours_min = models.DecimalField(
        "practice hours",
        max_digits=7,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(10000), validate_quarter_hours],
        help_text="Creditable supervised practice hours needed in this domain.",
    )

    panels = [
        FieldPanel("domain"),
        FieldPanel("training_hours_min"),
        FieldPanel("practice_hours_min"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "domain requirement"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "domain"], name="one_requirement_per_program_domain"
            )
        ]

    def __str__(self):
        return f"{self.domain} in {self.program}"


class ActivityType(Orderable):
    """A kind of activity a program accepts in the hours log, and what it counts as."""

    class CountsAs(models.TextChoices):
        PRACTICE = "practice", "Practice hours"
        SUPERVISION = "supervision", "Supervision received"

    program = ParentalKey(Program, on_delete=models.CASCADE, related_name="activity_types")
    name = models.CharField(max_length=100)
    counts_as = models.CharField(max_length=20, choices=CountsAs.choices, default=CountsAs.PRACTICE)
    is_active = models.BooleanField(
        "accepting new entries",
        default=True,
        help_text="Untick to stop offering it. Entries already logged keep it.",
    )

    panels = [FieldPanel("name"), FieldPanel("counts_as"), FieldPanel("is_active")]

    class Meta(Orderable.Meta):
        verbose_name = "activity type"
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="unique_activity_type_per_program"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_practice(self) -> bool:
        return self.counts_as == self.CountsAs.PRACTICE


class HoursEntry(models.Model):
    """One entry in a learner's supervised practice log.

    Drafts and returned entries are the learner's to edit; a submitted entry waits
    for the enrollment's current supervisor; an approved entry is locked (only a
    coordinator can reopen it, with a reason). Every change is an HoursEntryEvent,
    so earlier values, approved ones included, are never lost.

    The log holds no client fields: notes are short, warned about and checked for
    likely identifiers before they are saved (training/identifiers.py)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for review"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned to you"

    NOTES_MAX_LENGTH = 1000

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.PROTECT, related_name="hours_entries"
    )
    date = models.DateField()
    hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(QUARTER), MaxValueValidator(24), validate_quarter_hours],
    )
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    activity_type = models.ForeignKey(
        ActivityType, on_delete=models.PROTECT, related_name="entries"
    )
    setting = models.CharField(max_length=120)
    notes = models.TextField(blank=True, max_length=NOTES_MAX_LENGTH)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The last submission; kept when an entry is withdrawn, so "never submitted"
    # (the only drafts a learner may delete) stays knowable.
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Why it was last returned or reopened: shown to the learner until it is approved.
    review_comment = models.TextField(blank=True)
    # The learner's statement that flagged text holds no client information.
    client_info_confirmed_at = models.DateTimeField(null=True, blank=True)
    client_info_confirmed_kinds = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = "hours entry"
        verbose_name_plural = "hours entries"
        indexes = [
            models.Index(fields=["enrollment", "date"], name="hours_entry_enrollment_date"),
            models.Index(fields=["status", "submitted_at"], name="hours_entry_status_submitted"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=24),
                name="hours_entry_hours_in_range",
            ),
        ]
        permissions = [
            ("review_hoursentry", "Can approve or return the hours of their own mentees"),
            ("reopen_hoursentry", "Can reopen an approved hours entry"),
        ]

    def __str__(self):
        return f"{self.hours} h on {self.date:%-d %b %Y} ({self.get_status_display().lower()})"

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def is_deletable(self) -> bool:
        return self.status == self.Status.DRAFT and self.submitted_at is None

    def snapshot(self) -> dict:
        """The entry's values as the history keeps them."""
        return {
            "date": self.date.isoformat(),
            "hours": format_hours(self.hours),
            "domain": self.domain.name,
            "domain_id": self.domain_id,
            "activity_type": self.activity_type.name,
            "activity_type_id": self.activity_type_id,
            "counts_as": self.activity_type.counts_as,
            "setting": self.setting,
            "notes": self.notes,
            "status": self.status,
        }


class HoursEntryEvent(models.Model):
    """One step in an entry's history: who did what, when, why, and what the
    entry was at that moment (so approved values survive a reopening)."""

    class Action(models.TextChoices):
        CREATED = "created", "Logged"
        EDITED = "edited", "Edited"
        SUBMITTED = "submitted", "Submitted for review"
        WITHDRAWN = "withdrawn", "Withdrawn to edit"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned with a comment"
        REOPENED = "reopened", "Reopened by a coordinator"

    entry = models.ForeignKey(HoursEntry, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    # The values before this step (for creation: the values as logged).
    snapshot = models.JSONField(default=dict)
    # Kinds of likely identifiers the learner confirmed were not client information.
    confirmed_kinds = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "hours entry event"

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


class SupervisorDigest(models.Model):
    """A daily digest sent to a supervisor: at most one a day (the constraint is
    what makes `send_supervisor_digests` safe to run twice)."""

    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)
    entry_count = models.PositiveIntegerField()

    class Meta:
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["supervisor", "sent_on"], name="one_digest_per_supervisor_per_day"
            )
        ]

    def __str__(self):
        return f"Digest for {self.supervisor} on {self.sent_on}"

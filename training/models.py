from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page


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


class HomePage(Page):
    """The site's front page: what Peerpath is, and the way in."""

    intro = models.CharField(max_length=250, blank=True)
    body = RichTextField(blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1


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

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


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

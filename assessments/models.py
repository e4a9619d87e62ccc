from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from training.content_cache import KeptContentPage

from .blocks import QuestionStreamBlock
from .forms import QuizPageForm, confirm_panel
from .rules import answers_can_be_copied


class ReviewPolicy(models.TextChoices):
    AFTER_EACH = "after_each", _("Show correct answers after each attempt")
    AFTER_PASSING = "after_passing", _("Show correct answers only after passing")
    NEVER = "never", _("Never show correct answers")


class QuizPage(KeptContentPage, Page):
    """The quiz at the end of a course. Questions are StreamField blocks with
    stable ids; attempts keep a snapshot of what they drew."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link", "ol", "ul"])
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        default=0, help_text=_("0 means unlimited attempts.")
    )
    wait_minutes = models.PositiveIntegerField(
        _("waiting time between attempts (minutes)"), default=0
    )
    time_limit_minutes = models.PositiveIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for no time limit."),
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        default=0,
        help_text=_("How many questions to draw from the pool for each attempt; 0 means all."),
    )
    shuffle_questions = models.BooleanField(default=True)
    shuffle_choices = models.BooleanField(default=True)
    allow_practice_after_pass = models.BooleanField(
        _("learners may keep practising after passing"), default=True
    )
    review_policy = models.CharField(
        max_length=20,
        choices=ReviewPolicy.choices,
        # After passing by default: answers shown after a fail, with unlimited
        # attempts and the whole pool drawn, let a learner pass by copying.
        default=ReviewPolicy.AFTER_PASSING,
    )
    lessons_first = models.BooleanField(
        _("opens when the course's lessons are done"),
        default=True,
        help_text=_(
            "A learner can start the quiz once they have completed every published "
            "lesson of the course; until then the quiz page lists the lessons left. "
            "Untick to let learners take the quiz at any time."
        ),
    )
    questions = StreamField(QuestionStreamBlock(), use_json_field=True)

    base_form_class = QuizPageForm  # asks to confirm settings that let answers be copied

    content_panels = Page.content_panels + [
        FieldPanel("intro", heading=_("Intro")),
        MultiFieldPanel(
            [
                FieldPanel("lessons_first"),
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts", heading=_("Max attempts")),
                FieldPanel("wait_minutes"),
                FieldPanel("time_limit_minutes"),
            ],
            heading=_("Passing and limits"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("questions_per_attempt"),
                FieldPanel("shuffle_questions", heading=_("Shuffle questions")),
                FieldPanel("shuffle_choices", heading=_("Shuffle choices")),
                FieldPanel("allow_practice_after_pass"),
                FieldPanel("review_policy", heading=_("Review policy")),
                confirm_panel(),
            ],
            heading=_("Drawing and review"),
        ),
        FieldPanel("questions", heading=_("Questions")),
    ]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    @classmethod
    def get_verbose_name(cls):
        # The page type's name in the admin, translated here: a translated
        # Meta.verbose_name would need a migration.
        return _("Quiz page")

    def not_enrolled_response(self, request):
        """The kind refusal for someone not enrolled in the quiz's course."""
        return TemplateResponse(
            request,
            "assessments/not_enrolled.html",
            {"page": self, "course": self.get_parent()},
            status=403,
        )

    def get_context(self, request, *args, status=None, **kwargs):
        """Served to a learner (assessments.views.serve_quiz, which checks they
        may study the course), `status` is theirs (selectors.quiz_status_for).
        Trainers preview the quiz as a learner would see it, without attempts."""
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context["course"] = self.get_parent()
        context["preview"] = preview
        # A preview shows nobody's attempts, the editor's included.
        context["status"] = None if preview else status
        return context

    def clean(self):
        super().clean()
        pool = len(self.questions or [])
        if self.questions_per_attempt and self.questions_per_attempt > pool:
            raise ValidationError(
                {
                    "questions_per_attempt": ngettext(
                        "The pool has %(count)s question; draw at most that many (or 0 for all).",
                        "The pool has %(count)s questions; draw at most that many (or 0 for all).",
                        pool,
                    )
                    % {"count": pool}
                }
            )

    @property
    def answers_copyable(self) -> bool:
        """Could a learner pass by copying the answers shown after a fail
        (assessments.rules.answers_can_be_copied)? Read on drafts too, where a
        number may still be empty."""
        return answers_can_be_copied(
            review_policy=self.review_policy or "",
            max_attempts=self.max_attempts or 0,
            questions_per_attempt=self.questions_per_attempt or 0,
            pool=len(self.questions or []),
        )

    @property
    def questions_drawn(self) -> int:
        pool = len(self.questions or [])
        return min(self.questions_per_attempt, pool) if self.questions_per_attempt else pool


class Attempt(models.Model):
    """One try at a quiz. Stores exactly what was drawn, so editing or deleting
    questions later never changes a recorded attempt, its score or its review."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        GRADED = "graded", _("Graded")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.SET_NULL, null=True, related_name="attempts"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    enrollment = models.ForeignKey(
        "programs.Enrollment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quiz_attempts",
    )
    quiz_title = models.CharField(max_length=255)
    number = models.PositiveIntegerField()
    is_practice = models.BooleanField(
        default=False,
        help_text=_("Taken after passing: never lowers the recorded best result."),
    )
    snapshot = models.JSONField()
    responses = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_by_deadline = models.BooleanField(default=False)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    # Attempts are records, not content: keep them out of Wagtail's reference
    # index (it would cost queries on every answer and submit).
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-started_at"]
        # Named here so the admin's titles and counts can be translated.
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz"],
                condition=models.Q(status="in_progress"),
                name="one_open_attempt_per_quiz",
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz", "number"], name="attempt_numbers_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True)
                | (models.Q(score__gte=0) & models.Q(score__lte=100)),
                name="score_between_0_and_100",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"])]

    def __str__(self):
        return gettext("%(quiz)s: attempt %(number)s by %(learner)s") % {
            "quiz": self.quiz_title,
            "number": self.number,
            "learner": self.learner,
        }

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.IN_PROGRESS

    # For staff listings and exports.
    def learner_name(self) -> str:
        return self.learner.get_full_name() or self.learner.email

    learner_name.short_description = _("Learner")

    def learner_email(self) -> str:
        return self.learner.email

    learner_email.short_description = _("Email")

    def cohort_name(self) -> str:
        cohort = self.enrollment.cohort if self.enrollment_id else None
        return cohort.name if cohort else ""

    cohort_name.short_description = _("Cohort")

    @property
    def pass_mark(self) -> int:
        return self.snapshot["pass_mark"]


class Accommodation(models.Model):
    """Extra time and attempts granted to one learner for one quiz, with a reason."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_accommodations"
    )
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="accommodations")
    time_multiplier = models.DecimalField(
        _("extra time (multiplier of the time limit)"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(Decimal("1.00")), MaxValueValidator(Decimal("5.00"))],
        help_text=_("1.5 gives half as much time again."),
    )
    extra_attempts = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(50)])
    reason = models.TextField(max_length=1000)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("accommodation")
        verbose_name_plural = _("accommodations")
        constraints = [
            models.UniqueConstraint(fields=["learner", "quiz"], name="one_accommodation_per_quiz")
        ]

    def __str__(self):
        return gettext("Accommodation for %(learner)s on %(quiz)s") % {
            "learner": self.learner,
            "quiz": self.quiz,
        }

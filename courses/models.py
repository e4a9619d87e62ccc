import copy
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page
from wagtail.search import index

from training.content_cache import KeptContentPage, remember
from training.inline_forms import CheckedInlinesPageForm
from training.page_translations import content_lang

from .blocks import IMAGE_RENDITIONS, LessonBodyBlock
from .limits import REFLECTION_MAX_LENGTH
from .progress import build_progress

# The page models read only their own content (their children, their
# renditions); what a person may see or has done is read in courses.selectors
# and handed to `get_context` by the views that serve the pages
# (courses/views.py, mounted by courses/wagtail_hooks.py). A preview gets none
# of it: it shows nobody's progress.


class CourseIndexPage(KeptContentPage, Page):
    """The catalogue of every live course. Created by `setup_site`."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro", heading=_("Intro"))]

    parent_page_types = ["training.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    @classmethod
    def get_verbose_name(cls):
        # The page type's name in the admin, translated here: a translated
        # Meta.verbose_name would need a migration.
        return _("Course index page")

    def live_courses(self) -> list["CoursePage"]:
        """Every published course in the catalogue, in the order trainers set.
        Kept with the content (training/content_cache.py)."""
        return remember(
            ("live-courses", self.pk),
            lambda: list(CoursePage.objects.live().child_of(self).order_by("path")),
        )

    def get_context(self, request, *args, courses=None, progress=None, **kwargs):
        """`progress`: the reader's, course id -> CourseProgress, for the courses
        they may study (courses.views.serve_course_index)."""
        context = super().get_context(request, *args, **kwargs)
        courses = self.live_courses() if courses is None else courses
        progress = progress or {}
        # `lang` is looked up here, not as `course.content_lang` in the template:
        # a course in the reader's language has no such attribute, and every
        # missing attribute costs the template a dir() of the whole page class.
        context["course_rows"] = [
            {"course": course, "lang": content_lang(course), "progress": progress.get(course.pk)}
            for course in courses
        ]
        return context


class CoursePage(KeptContentPage, Page):
    summary = models.CharField(max_length=300)
    learning_objectives = RichTextField(features=["bold", "italic", "ol", "ul"], blank=True)
    estimated_minutes = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(60 * 40)]
    )
    lessons_in_order = models.BooleanField(
        _("lessons must be taken in order"),
        default=False,
        help_text=_("A lesson opens only after the one before it is complete."),
    )

    base_form_class = CheckedInlinesPageForm  # hand-edited inline rows get an error, not a 500

    content_panels = Page.content_panels + [
        FieldPanel("summary", heading=_("Summary")),
        FieldPanel("learning_objectives", heading=_("Learning objectives")),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes", heading=_("Estimated minutes")),
                FieldPanel("lessons_in_order"),
            ],
            heading=_("How the course runs"),
        ),
        InlinePanel(
            "domain_credits",
            heading=_("Training hours this course credits"),
            label=_("Domain"),
            help_text=_("Hours a learner who passes this course counts toward each domain."),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "assessments.QuizPage"]

    @classmethod
    def get_verbose_name(cls):
        # The page type's name in the admin, translated here: a translated
        # Meta.verbose_name would need a migration.
        return _("Course page")

    def lessons(self) -> list["LessonPage"]:
        """The course's published lessons in tree order, without their bodies.

        Quiz pages (assessments.QuizPage) are children of the course too; they are
        not lessons and do not count toward lesson progress. Kept with the content
        (training/content_cache.py): the same for every learner."""
        return remember(
            ("course-lessons", self.pk), lambda: list(LessonPage.listed().child_of(self))
        )

    def get_context(
        self,
        request,
        *args,
        lessons=None,
        can_study=False,
        done=frozenset(),
        completed=False,
        **kwargs,
    ):
        """The overview is public; progress and lesson links only for a learner
        who may study the course: `can_study`, the ids of the lessons `done` and
        whether the course is `completed` (recorded) come from
        courses.views.serve_course (courses.selectors.study_state_with_credit)."""
        context = super().get_context(request, *args, **kwargs)
        lessons = self.lessons() if lessons is None else lessons
        context.update(
            can_study=can_study,
            progress=build_progress(self, lessons, done, completion=completed),
            domain_credits=remember(
                ("domain-credits", self.pk),
                lambda: list(self.domain_credits.select_related("domain")),
            ),
            activities=self.activities(),
        )
        return context

    def activities(self) -> list[Page]:
        """The course's other live children: its quiz (assessments.QuizPage, a
        layer above, so found here without importing it). Kept with the content."""
        return remember(
            ("course-activities", self.pk),
            lambda: list(self.get_children().live().not_type(LessonPage).only("title", "url_path")),
        )


class CourseDomainCredit(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="domain_credits")
    domain = models.ForeignKey("programs.Domain", on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
    )

    panels = [FieldPanel("domain", heading=_("Domain")), FieldPanel("hours", heading=_("Hours"))]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "domain"], name="one_credit_per_domain")
        ]


class LessonPage(KeptContentPage, Page):
    estimated_minutes = models.PositiveIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    body = StreamField(LessonBodyBlock(), use_json_field=True)

    content_panels = Page.content_panels + [
        FieldPanel("estimated_minutes", heading=_("Estimated minutes")),
        FieldPanel("body", heading=_("Body")),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    @classmethod
    def get_verbose_name(cls):
        # The page type's name in the admin, translated here: a translated
        # Meta.verbose_name would need a migration.
        return _("Lesson page")

    # What progress, navigation and links use of a lesson. Loading only these keeps
    # lists of lessons cheap (a full page object has some thirty fields); anything
    # else read from them would cost a query per lesson, which the query-count
    # tests in tests/courses/test_performance.py would catch.
    LIST_FIELDS = (
        "id",
        "content_type_id",
        "path",
        "depth",
        "title",
        "slug",
        "url_path",
        "live",
        "locale_id",
        "translation_key",
        "estimated_minutes",
        # Eligibility: a lesson first published after a learner passed the
        # course's quiz is never a requirement for them.
        "first_published_at",
    )

    @classmethod
    def listed(cls):
        """Published lessons with their `LIST_FIELDS` only, in tree order."""
        return cls.objects.live().only(*cls.LIST_FIELDS).order_by("path")

    def get_context(
        self, request, *args, access=None, reflections=None, reflection_forms=None, **kwargs
    ):
        """Lessons are for signed-in learners who may study the course: `access`
        (courses.selectors.lesson_access) and the reader's own `reflections` come
        from courses.views.serve_lesson. Previews in the admin get neither (the
        admin has its own permissions) and show the lesson alone."""
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        learning = access is not None and access.allowed and not preview
        self.prefetch_image_renditions()
        context.update(
            access=access if learning else None,
            course=access.course if learning else None,
            progress=access.progress if learning else None,
            status=access.status if learning else None,
            # The learner's own answers only: a preview never shows anyone's.
            reflections=(reflections or {}) if learning else {},
            reflection_forms=reflection_forms or {},
            can_write_reflections=learning,
        )
        if learning:
            context["previous_lesson"], context["next_lesson"] = access.progress.neighbours(self.pk)
        return context

    @property
    def has_reflection_prompts(self) -> bool:
        # Most lessons have none; then there is nothing of the learner's to load.
        return any(block.block_type == "reflection" for block in self.body)

    def prefetch_image_renditions(self) -> None:
        """Fetch the renditions of every image in the body in one query, so the
        page costs the same number of queries however many images it has."""
        images = [
            block.value["image"]
            for block in self.body
            if block.block_type == "image"
            and block.value["image"] is not None
            # A page kept with the content (training/content_cache.py) already has them.
            and not hasattr(block.value["image"], "prefetched_renditions")
        ]
        if not images:
            return
        Rendition = get_image_model().get_rendition_model()
        found: dict[int, list] = {image.pk: [] for image in images}
        for rendition in Rendition.objects.filter(
            image_id__in=found, filter_spec__in=IMAGE_RENDITIONS
        ):
            found[rendition.image_id].append(rendition)
        for image in images:
            renditions = [copy.copy(rendition) for rendition in found[image.pk]]
            for rendition in renditions:
                # As Prefetch("renditions") would: the rendition knows its
                # image, so its alt text costs no query.
                rendition.image = image
            image.prefetched_renditions = renditions


class ProgramCourse(Orderable):
    """A course a program requires, in the order learners should take them.

    Lives here rather than in training/ because it points at course pages."""

    program = ParentalKey(
        "programs.Program", on_delete=models.CASCADE, related_name="required_courses"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="program_links")

    panels = [FieldPanel("course", heading=_("Course"))]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["program", "course"], name="course_once_per_program")
        ]

    def __str__(self):
        return gettext("%(course)s in %(program)s") % {
            "course": self.course,
            "program": self.program,
        }


class LessonCompletion(models.Model):
    """A learner finished a lesson. Kept if the page is deleted (title snapshot)."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(
        LessonPage, on_delete=models.SET_NULL, null=True, related_name="completions"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.SET_NULL, null=True, related_name="lesson_completions"
    )
    lesson_title = models.CharField(max_length=255)
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(fields=["learner", "lesson"], name="complete_a_lesson_once")
        ]

    def __str__(self):
        return gettext("%(learner)s completed %(lesson)s") % {
            "learner": self.learner,
            "lesson": self.lesson_title,
        }


class Reflection(models.Model):
    """A learner's private answer to a reflection prompt. Readable by its author alone."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.SET_NULL, null=True, related_name="+")
    prompt_id = models.CharField(max_length=64, help_text=_("The id of the prompt block."))
    prompt_text = models.CharField(max_length=300)
    lesson_title = models.CharField(max_length=255)
    text = models.TextField(max_length=REFLECTION_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "lesson", "prompt_id"], name="one_reflection_per_prompt"
            )
        ]

    def __str__(self):
        # Never the text: reflections are private to their author.
        return gettext("Reflection on %(lesson)s") % {"lesson": self.lesson_title}


class CourseRedoRequest(models.Model):
    """A Lead trainer asked the learners who had completed a course to do it
    again (courses.services.course_redo_request): their completions are set
    aside, not deleted, and each of them is told why."""

    course = models.ForeignKey(
        CoursePage, on_delete=models.SET_NULL, null=True, related_name="redo_requests"
    )
    course_title = models.CharField(max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(max_length=2000, help_text=_("Sent to every learner it affects."))
    learners_affected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return gettext("Redo of %(course)s (%(date)s)") % {
            "course": self.course_title,
            "date": f"{self.requested_at:%Y-%m-%d}",
        }


class CourseCompletion(models.Model):
    """A learner completed a course: every lesson it had then, and its quiz if
    it had one. A record, not a computation: lessons published later, a quiz
    edited or replaced and credits changed never take it away (see
    docs/architecture.md, "Credit is recorded"). Only a Lead trainer's
    `CourseRedoRequest` sets it aside (`superseded_at`); the row stays.

    Everything it credits is a snapshot: the course title, the lessons it
    covered (`[{"id", "title"}]`) and the training hours per domain
    (`[{"domain", "name", "hours"}]`, hours as a decimal string). The passing
    quiz attempt is kept by id: assessments sits above courses, so a foreign key
    would point up the layers; attempts are records that are never deleted."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_completions"
    )
    course = models.ForeignKey(
        CoursePage, on_delete=models.SET_NULL, null=True, related_name="completions"
    )
    course_title = models.CharField(max_length=255)
    completed_at = models.DateTimeField()
    recorded_at = models.DateTimeField(auto_now_add=True)
    lessons = models.JSONField(default=list, blank=True)
    training_hours = models.JSONField(default=list, blank=True)
    quiz_attempt_id = models.PositiveBigIntegerField(null=True, blank=True)
    quiz_title = models.CharField(max_length=255, blank=True)
    quiz_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    redo_request = models.ForeignKey(
        CourseRedoRequest,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completions",
    )

    class Meta:
        ordering = ["completed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_standing_completion_per_course",
            )
        ]

    def __str__(self):
        return gettext("%(learner)s completed %(course)s") % {
            "learner": self.learner,
            "course": self.course_title,
        }

    @property
    def is_standing(self) -> bool:
        return self.superseded_at is None

    def hours_by_domain(self) -> dict[int, Decimal]:
        """Domain id -> hours this completion credits, as recorded."""
        return {int(row["domain"]): Decimal(row["hours"]) for row in self.training_hours}

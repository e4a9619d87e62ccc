import copy
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from training.content_cache import KeptContentPage, remember
from training.inline_forms import CheckedInlinesPageForm

from .blocks import LessonBodyBlock

REFLECTION_MAX_LENGTH = 5000


class CourseIndexPage(KeptContentPage, Page):
    """The catalogue of every live course. Created by `setup_site`."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["training.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .selectors import live_courses, progress_for_courses, studyable_course_ids

        context = super().get_context(request, *args, **kwargs)
        courses = live_courses(self)
        studyable = studyable_course_ids(request.user)
        progress = progress_for_courses(
            request.user, [course for course in courses if course.pk in studyable]
        )
        context["course_rows"] = [
            {"course": course, "progress": progress.get(course.pk)} for course in courses
        ]
        return context


class CoursePage(KeptContentPage, Page):
    summary = models.CharField(max_length=300)
    learning_objectives = RichTextField(features=["bold", "italic", "ol", "ul"], blank=True)
    estimated_minutes = models.PositiveIntegerField(
        default=60, validators=[MinValueValidator(1), MaxValueValidator(60 * 40)]
    )
    lessons_in_order = models.BooleanField(
        "lessons must be taken in order",
        default=False,
        help_text="A lesson opens only after the one before it is complete.",
    )

    base_form_class = CheckedInlinesPageForm  # hand-edited inline rows get an error, not a 500

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("learning_objectives"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("lessons_in_order")],
            heading="How the course runs",
        ),
        InlinePanel(
            "domain_credits",
            heading="Training hours this course credits",
            label="Domain",
            help_text="Hours a learner who passes this course counts toward each domain.",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]

    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "assessments.QuizPage"]

    def get_context(self, request, *args, **kwargs):
        """The overview is public; progress and lesson links only for a learner
        who may study the course."""
        from .selectors import build_progress, course_lessons, study_state

        context = super().get_context(request, *args, **kwargs)
        lessons = course_lessons(self)
        may_study, done = False, set()
        if not getattr(request, "is_preview", False):
            may_study, done = study_state(request.user, self, [x.pk for x in lessons])
        context.update(
            can_study=may_study,
            progress=build_progress(self, lessons, done),
            domain_credits=remember(
                ("domain-credits", self.pk),
                lambda: list(self.domain_credits.select_related("domain")),
            ),
            # The course's other live children: its quiz (assessments.QuizPage,
            # a layer above, so found here without importing it).
            activities=remember(
                ("course-activities", self.pk),
                lambda: list(
                    self.get_children().live().not_type(LessonPage).only("title", "url_path")
                ),
            ),
        )
        return context


class CourseDomainCredit(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="domain_credits")
    domain = models.ForeignKey("training.Domain", on_delete=models.PROTECT, related_name="+")
    hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("200"))],
    )

    panels = [FieldPanel("domain"), FieldPanel("hours")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "domain"], name="one_credit_per_domain")
        ]


class LessonPage(KeptContentPage, Page):
    estimated_minutes = models.PositiveIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    body = StreamField(LessonBodyBlock(), use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    def serve(self, request, *args, **kwargs):
        """Lessons are for signed-in learners who may study the course (see
        `courses.selectors.can_study`); previews in the admin skip this (the
        admin has its own permissions) and go through `get_context` only."""
        from django.contrib.auth.views import redirect_to_login
        from django.template.response import TemplateResponse

        from .selectors import lesson_access

        request.is_preview = False
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access = lesson_access(request.user, self)
        if not access.allowed:
            return TemplateResponse(
                request,
                "courses/lesson_not_allowed.html",
                {"page": self, "course": access.course, "reason": access.reason},
                status=403,
            )
        if access.locked:
            return TemplateResponse(
                request,
                "courses/lesson_locked.html",
                {"page": self, "access": access, "course": access.course},
                status=403,
            )
        return TemplateResponse(
            request,
            self.get_template(request, *args, **kwargs),
            self.get_context(request, *args, access=access, **kwargs),
        )

    def get_context(self, request, *args, access=None, reflection_forms=None, **kwargs):
        from .selectors import reflections_by_prompt

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
            reflections=(
                reflections_by_prompt(request.user, self)
                if learning and self.has_reflection_prompts
                else {}
            ),
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
        from wagtail.images import get_image_model

        from .blocks import IMAGE_RENDITIONS

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
        "training.Program", on_delete=models.CASCADE, related_name="required_courses"
    )
    course = models.ForeignKey(CoursePage, on_delete=models.PROTECT, related_name="program_links")

    panels = [FieldPanel("course")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["program", "course"], name="course_once_per_program")
        ]

    def __str__(self):
        return f"{self.course} in {self.program}"


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
        return f"{self.learner} completed {self.lesson_title}"


class Reflection(models.Model):
    """A learner's private answer to a reflection prompt. Readable by its author alone."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.SET_NULL, null=True, related_name="+")
    prompt_id = models.CharField(max_length=64, help_text="The id of the prompt block.")
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
        return f"Reflection on {self.lesson_title}"

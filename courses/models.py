from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import LessonBodyBlock

REFLECTION_MAX_LENGTH = 5000


class CourseIndexPage(Page):
    """The catalogue of every live course. Created by `setup_site`."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["training.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1


class CoursePage(Page):
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


class LessonPage(Page):
    estimated_minutes = models.PositiveIntegerField(
        default=15, validators=[MinValueValidator(1), MaxValueValidator(600)]
    )
    body = StreamField(LessonBodyBlock(), use_json_field=True)

    content_panels = Page.content_panels + [FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []


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

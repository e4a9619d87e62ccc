"""Factories for course pages, enrollments in them, and lesson bodies.

Page factories always need an explicit `parent` (a page); they add the page to
the tree with `parent.add_child` and publish a revision, as the admin does.
Pass `live=False` for a page that was saved as a draft and never published.
"""

import uuid

import factory
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from courses import site_setup
from courses.models import CourseIndexPage, CoursePage, LessonCompletion, LessonPage, ProgramCourse
from tests.programs.factories import EnrollmentFactory, ProgramFactory


def catalogue() -> CourseIndexPage:
    """The catalogue `setup_site` makes (idempotent; needs the `site` fixture first)."""
    site_setup.setup_site(log=lambda *_: None)
    return CourseIndexPage.objects.get(locale__language_code="en")


class PageFactory(factory.Factory):
    """Builds the page, then adds it under `parent` and publishes it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, parent, live=True, **kwargs):
        page = parent.add_child(instance=model_class(*args, live=live, **kwargs))
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


class CoursePageFactory(PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "A short course for people starting out as peer mentors."
    learning_objectives = "<ul><li>Listen without judging</li><li>Share with purpose</li></ul>"
    estimated_minutes = 90
    lessons_in_order = False


class LessonPageFactory(PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    estimated_minutes = 15
    body = factory.LazyFunction(lambda: [block("rich_text", "<p>Welcome to this lesson.</p>")])


# --- Lesson bodies -------------------------------------------------------------


def block(block_type: str, value, block_id: str | None = None) -> dict:
    """One item of a StreamField body in its stored (JSON) form, with a stable id."""
    return {"type": block_type, "value": value, "id": block_id or str(uuid.uuid4())}


def reflection(question: str = "What does support look like for you?", block_id=None) -> dict:
    return block(
        "reflection",
        {"question": question, "guidance": "A few sentences are enough."},
        block_id=block_id,
    )


def make_image(title: str = "Trigger map", colour: str = "teal"):
    Image = get_image_model()
    return Image.objects.create(
        title=title, file=get_test_image_file(filename="map.png", colour=colour)
    )


def make_document(filename: str, content: bytes = b"file", title: str | None = None):
    Document = get_document_model()
    document = Document(title=title or filename)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def every_block_body(*, image=None, video=None, captions=None, download=None) -> list[dict]:
    """A lesson body with one block of every type (two callouts: tip and crisis)."""
    image = image or make_image()
    video = video or make_document("talk.mp4", b"\x00\x00\x00\x18ftypmp42")
    captions = captions or make_document("talk.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n")
    download = download or make_document("worksheet.pdf", b"%PDF-1.4 worksheet")
    return [
        block("heading", {"text": "Why stories matter", "level": "h2"}),
        block("rich_text", "<p>Sharing lived experience can open a door.</p>"),
        block(
            "image",
            {"image": image.pk, "alt_text": "A hand-drawn map of triggers", "caption": "A map"},
        ),
        block(
            "video",
            {
                "title": "Ask, share, ask again",
                "video": video.pk,
                "captions": captions.pk,
                "transcript": "<p>Mentor: what would help most right now?</p>",
            },
        ),
        block(
            "story",
            {
                "storyteller": "Dana",
                "content_note": "Mentions a return to use.",
                "story": "<p>The week I went back to using, a peer called me every day.</p>",
            },
        ),
        reflection("When did someone's story help you?"),
        block(
            "warning_signs",
            {
                "title": "Warning signs to notice",
                "signs": [
                    {
                        "sign": "Pulling away",
                        "looks_like": "Missing meetings, short replies.",
                        "what_to_do": "Check in kindly and ask what has changed.",
                    },
                    {
                        "sign": "HALT",
                        "looks_like": "Hungry, angry, lonely or tired for days.",
                        "what_to_do": "Plan one small step for the basic need first.",
                    },
                ],
            },
        ),
        block("callout", {"kind": "tip", "text": "<p>Ask before you share.</p>"}),
        block("callout", {"kind": "caution", "text": "<p>Avoid graphic detail.</p>"}),
        block("callout", {"kind": "crisis", "text": ""}),
        block("key_takeaways", {"takeaways": ["Share with purpose", "Keep it brief"]}),
        block(
            "download",
            {"document": download.pk, "title": "Trigger map worksheet", "description": "Print it."},
        ),
    ]


# --- Enrollment in courses -----------------------------------------------------


def program_with(*courses, **program_fields):
    """A program that requires these courses, in this order."""
    program = ProgramFactory(**program_fields)
    for order, course in enumerate(courses):
        ProgramCourse.objects.create(program=program, course=course, sort_order=order)
    return program


def enroll(*courses, learner=None, status="active", **enrollment_fields):
    """An enrollment (with a new learner unless given) in a program requiring the courses."""
    program = program_with(*courses)
    fields = {"cohort__program": program, "status": status, **enrollment_fields}
    if learner is not None:
        fields["learner"] = learner
    return EnrollmentFactory(**fields)


def complete(learner, *lessons):
    for lesson in lessons:
        LessonCompletion.objects.create(
            learner=learner,
            lesson=lesson,
            course=CoursePage.objects.get(pk=lesson.get_parent().pk),
            lesson_title=lesson.title,
        )

"""Demo courses: the four courses of the demo program, published under the catalogue.

`manage.py seed_demo` calls `seed_demo()` after training's, so the demo people and
the "Certified Peer Recovery Mentor" program already exist. The content itself
lives in `courses/demo_content.py`; the media files in `courses/demo_media/`.
Idempotent: anything already there (found by slug or title) is left as it is.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from programs.demo import DEMO_PROGRAM_SLUG
from programs.models import Domain, Program
from training.demo import DEMO_LEAD_TRAINER, DEMO_TRAINER, demo_user
from training.site_setup import HOME_WORDS, ensure_page_translation

from .demo_content import COURSES, MEDIA, Course, Lesson, Media
from .models import CourseDomainCredit, CourseIndexPage, CoursePage, LessonPage, ProgramCourse
from .site_setup import CATALOGUE_WORDS, ensure_catalogue

MEDIA_DIR = Path(__file__).resolve().parent / "demo_media"

# Block ids are derived from the course and lesson slugs, so the demo's
# reflection prompts (identified by block id) are the same on every machine.
BLOCK_ID_NAMESPACE = uuid.UUID("6f3c2a4e-5b1d-4c8e-9a7f-2d0e1b3c4a5f")


@dataclass(frozen=True)
class Authors:
    writer: object
    publisher: object


@transaction.atomic
def seed_demo(*, log=print) -> list[str]:
    # A trainer writes the pages and a lead trainer publishes them, as the
    # content-review workflow (courses/site_setup.py) has it.
    people = Authors(writer=demo_user(DEMO_TRAINER), publisher=demo_user(DEMO_LEAD_TRAINER))
    media = ensure_media(owner=people.writer, log=log)
    # setup_site normally made the catalogue already; this keeps the demo working alone.
    catalogue = ensure_catalogue(log=log)
    program = Program.objects.get(slug=DEMO_PROGRAM_SLUG)
    courses = [
        ensure_course(catalogue, course, media=media, people=people, log=log) for course in COURSES
    ]
    link_required_courses(program, courses, log=log)
    if "es" in settings.PEERPATH_TRANSLATED_LANGUAGES:
        translate_into_spanish(catalogue, media=media, people=people, log=log)
    lessons = LessonPage.objects.live().descendant_of(catalogue).count()
    return [f"Demo courses: {len(courses)} courses and {lessons} lessons in {program.title}."]


def ensure_media(*, owner, files=None, log=print) -> dict[str, object]:
    """The demo images and documents (`files`, MEDIA by default), found by title
    or imported from demo_media/."""
    Image, Document = get_image_model(), get_document_model()
    found: dict[str, object] = {}
    for key, spec in (files or MEDIA).items():
        model = Image if spec.kind == "image" else Document
        item = model.objects.filter(title=spec.title).first()
        if item is None:
            with (MEDIA_DIR / spec.filename).open("rb") as handle:
                item = model(title=spec.title, uploaded_by_user=owner)
                item.file = File(handle, name=spec.filename)
                # What Wagtail's upload views do, so the file size and hash are
                # filled in as for any uploaded file. No full_clean(): Document.clean()
                # checks WAGTAILDOCS_EXTENSIONS, which may not list mp4 and vtt.
                if spec.kind == "image":
                    item._set_image_file_metadata()
                else:
                    item._set_document_file_metadata()
                item.save()
            log(f"Imported {spec.filename}.")
        found[key] = item
    return found


def ensure_course(
    catalogue: CourseIndexPage, spec: Course, *, media: dict, people: Authors, log=print
) -> CoursePage:
    course = CoursePage.objects.child_of(catalogue).filter(slug=spec.slug).first()
    if course is None:
        domains = {domain.slug: domain for domain in Domain.objects.all()}
        course = CoursePage(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            learning_objectives=spec.objectives,
            estimated_minutes=spec.minutes,
            lessons_in_order=spec.lessons_in_order,
            owner=people.writer,
            # Set on the page (not saved as rows afterwards) so the published
            # revision carries them and the admin editor shows them.
            domain_credits=[
                CourseDomainCredit(domain=domains[slug], hours=Decimal(hours), sort_order=order)
                for order, (slug, hours) in enumerate(spec.credits.items())
            ],
        )
        catalogue.add_child(instance=course)
        publish(course, people)
        log(f"Published the course {spec.title}.")
    for lesson in spec.lessons:
        ensure_lesson(course, spec, lesson, media=media, people=people, log=log)
    return course


def ensure_lesson(
    course: CoursePage,
    course_spec: Course,
    spec: Lesson,
    *,
    media: dict,
    people: Authors,
    log=print,
) -> LessonPage:
    lesson = LessonPage.objects.child_of(course).filter(slug=spec.slug).first()
    if lesson:
        return lesson
    stream_block = LessonPage._meta.get_field("body").stream_block
    raw = [
        {**block, "id": block_id(course_spec, spec, index), "value": resolve(block["value"], media)}
        for index, block in enumerate(spec.body)
    ]
    # Validate as the admin would (alt text, video and captions file types, required
    # fields): a mistake in the demo content fails here, not on a learner's screen.
    try:
        body = stream_block.clean(stream_block.to_python(raw))
    except ValidationError as error:
        raise ValueError(
            f"The demo lesson {spec.title!r} is not valid: {error.as_json_data()}"
        ) from error
    lesson = LessonPage(
        title=spec.title,
        slug=spec.slug,
        estimated_minutes=spec.minutes,
        body=body,
        owner=people.writer,
    )
    course.add_child(instance=lesson)
    publish(lesson, people)
    log(f"Published the lesson {spec.title}.")
    return lesson


def publish(page, people: Authors) -> None:
    # Recorded as the lead trainer's publication, without checking page
    # permissions: those come from courses' setup_site, and the demo must not
    # depend on which setup steps ran before it.
    page.save_revision(user=people.writer).publish(
        user=people.publisher, skip_permission_checks=True
    )


def block_id(course: Course, lesson: Lesson, index: int) -> str:
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, f"{course.slug}/{lesson.slug}/{index}"))


def resolve(value, media: dict):
    """Replace Media references in a block value with the image or document id."""
    if isinstance(value, Media):
        return media[value.key].pk
    if isinstance(value, dict):
        return {key: resolve(item, media) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, media) for item in value]
    return value


def link_required_courses(program: Program, courses: list[CoursePage], *, log=print) -> None:
    """The program requires the demo courses, in the order learners should take them."""
    for order, course in enumerate(courses):
        _, created = ProgramCourse.objects.get_or_create(
            program=program, course=course, defaults={"sort_order": order}
        )
        if created:
            log(f"{program.title} now requires {course.title}.")


# --- The demo in Spanish (issue 21) ---------------------------------------------
# The home page, the catalogue and one whole course are translated the way a
# trainer translates in the admin (wagtail-localize), from the Spanish in
# courses/demo_content_es.py; the other courses stay in English, so the demo
# shows both a translated course and the English shown with a note.


def translate_into_spanish(catalogue, *, media: dict, people: Authors, log=print) -> None:
    from .demo_content_es import CAPTIONS
    from .demo_content_es import COURSES as SPANISH_COURSES
    from .demo_content_es import MEDIA as SPANISH_MEDIA

    media = {**media, **ensure_media(owner=people.writer, files=SPANISH_MEDIA, log=log)}

    # setup_site normally translated these already; this keeps the demo working alone.
    home = catalogue.get_parent().specific
    ensure_page_translation(home, "es", HOME_WORDS["es"], log=log)
    ensure_page_translation(catalogue, "es", CATALOGUE_WORDS["es"], log=log)
    for spanish in SPANISH_COURSES:
        course = CoursePage.objects.child_of(catalogue).get(slug=spanish.slug)
        words = {
            "title": spanish.title,
            "summary": spanish.summary,
            "learning_objectives": spanish.objectives,
        }
        ensure_page_translation(course, "es", words, user=people.publisher, log=log)
        for spec in spanish.lessons:
            lesson = LessonPage.objects.child_of(course).get(slug=spec.slug)
            # The video keeps its place; its captions are the Spanish file.
            body = [
                {**block, "value": resolve(with_captions(block["value"], CAPTIONS), media)}
                for block in spec.body
            ]
            words = {"title": spec.title, "body": body}
            ensure_page_translation(lesson, "es", words, user=people.publisher, log=log)


def with_captions(value, captions: dict):
    """A block value with each captions file named in `captions` swapped."""
    if isinstance(value, dict) and isinstance(value.get("captions"), Media):
        key = value["captions"].key
        return {**value, "captions": Media(captions.get(key, key))}
    return value

"""`manage.py seed_demo`: the demo program, its four courses and the demo learner."""

import hashlib
import html
import io
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.demo_content import COURSES, MEDIA
from courses.models import (
    CourseDomainCredit,
    CourseIndexPage,
    CoursePage,
    LessonPage,
    ProgramCourse,
)
from programs.demo import DEMO_PROGRAM_SLUG, DEMO_PROGRAM_TITLE
from programs.models import Cohort, Enrollment, Program, SupervisorAssignment
from tests.language import stigmatising_words
from training.demo import DEMO_COORDINATOR, DEMO_LEARNER, DEMO_SUPERVISOR

COURSE_TITLES = [
    "Sharing Lived Experience with Purpose",
    "Accountability Without Judgment",
    "Recognising Relapse Warning Signs",
    "Ethics and Boundaries for Peer Mentors",
]
MEDIA_DIR = Path(__file__).resolve().parents[2] / "courses" / "demo_media"


def seed() -> None:
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture
def program(demo_seeded) -> Program:
    return Program.objects.get(slug=DEMO_PROGRAM_SLUG)


def demo_lessons():
    return LessonPage.objects.filter(
        pk__in=Page.objects.type(LessonPage).descendant_of(CourseIndexPage.objects.get())
    ).order_by("path")


def blocks_of_type(block_type: str):
    for lesson in demo_lessons():
        for block in lesson.body:
            if block.block_type == block_type:
                yield lesson, block.value


def plain_text(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def read_document(document) -> str:
    with document.open_file() as handle:
        return handle.read().decode("utf-8")


def row_counts() -> dict[str, int]:
    models = [
        get_user_model(),
        Authenticator,
        Program,
        Cohort,
        Cohort.coordinators.through,
        Enrollment,
        SupervisorAssignment,
        Page,
        Revision,
        CourseDomainCredit,
        ProgramCourse,
        get_image_model(),
        get_document_model(),
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_seeding_twice_changes_nothing(site):
    seed()
    before = row_counts()
    published = dict(Page.objects.values_list("pk", "last_published_at"))
    bodies = {lesson.pk: list(lesson.body.raw_data) for lesson in demo_lessons()}

    seed()

    assert row_counts() == before
    assert dict(Page.objects.values_list("pk", "last_published_at")) == published
    assert {lesson.pk: list(lesson.body.raw_data) for lesson in demo_lessons()} == bodies


def test_the_program_requires_exactly_the_four_courses_in_order(program):
    assert program.title == DEMO_PROGRAM_TITLE
    assert program.credential_title == "Certified Peer Recovery Mentor"
    assert program.accepts_join_requests
    assert program.description

    required = [link.course for link in program.required_courses.order_by("sort_order")]
    assert [course.title for course in required] == COURSE_TITLES
    assert CoursePage.objects.count() == 4
    catalogue = CourseIndexPage.objects.get()
    assert catalogue.slug == "courses"
    for course in required:
        assert course.live
        assert course.get_parent().pk == catalogue.pk
        lessons = LessonPage.objects.child_of(course)
        assert 3 <= lessons.live().count() == lessons.count() <= 5, course.title
        assert course.summary and course.learning_objectives
        assert course.estimated_minutes > 0
    assert any(course.lessons_in_order for course in required)


def test_the_courses_go_under_the_catalogue_setup_site_made(catalogue):
    seed()

    assert CourseIndexPage.objects.get().pk == catalogue.pk
    assert CoursePage.objects.child_of(catalogue).count() == 4


def test_the_domain_credits_add_up_to_the_ic_rc_training_hours(program):
    hours = Counter()
    for credit in CourseDomainCredit.objects.filter(course__program_links__program=program):
        hours[credit.domain.slug] += credit.hours

    assert hours == {
        "advocacy": Decimal(10),
        "mentoring-education": Decimal(10),
        "recovery-wellness-support": Decimal(10),
        "ethical-responsibility": Decimal(16),
    }
    assert sum(hours.values()) == 46


def test_the_credits_are_in_the_published_revision_editors_open(program):
    # The admin edits the latest revision: credits saved only as rows would vanish there.
    for link in program.required_courses.all():
        revision = link.course.get_latest_revision_as_object()
        assert revision.domain_credits.count() == link.course.domain_credits.count() > 0


def test_every_block_type_and_every_callout_kind_is_used(program):
    used = {block.block_type for lesson in demo_lessons() for block in lesson.body}

    assert used == set(LessonPage._meta.get_field("body").stream_block.child_blocks)
    assert {value["kind"] for _, value in blocks_of_type("callout")} == {
        "tip",
        "caution",
        "crisis",
    }


def test_every_lesson_passes_the_checks_the_admin_runs(program):
    stream_block = LessonPage._meta.get_field("body").stream_block
    lessons = list(demo_lessons())

    assert len(lessons) == sum(len(course.lessons) for course in COURSES)
    for lesson in lessons:
        stream_block.clean(lesson.body)  # raises on a missing field or a wrong file type
        assert lesson.estimated_minutes > 0
        words = sum(
            len(plain_text(block.value.source).split())
            for block in lesson.body
            if block.block_type == "rich_text"
        )
        assert words >= 150, f"{lesson.title} is too short to be real training"


def test_images_have_alt_text(program):
    images = list(blocks_of_type("image"))

    assert images
    for _, value in images:
        alt = value["alt_text"].strip()
        assert len(alt.split()) >= 8, alt
        assert not alt.lower().endswith(".png")
        assert value["image"].width > 0


def test_videos_have_captions_and_a_transcript_that_match(program):
    videos = list(blocks_of_type("video"))

    assert videos
    for _, value in videos:
        assert value["video"].file_extension in {"mp4", "webm"}
        assert value["captions"].file_extension == "vtt"
        captions = read_document(value["captions"])
        assert captions.startswith("WEBVTT")
        cues = [
            line.strip() for line in captions.splitlines()[1:] if line.strip() and "-->" not in line
        ]
        transcript = plain_text(value["transcript"].source)
        assert cues
        for cue in cues:
            assert cue in transcript, f"caption {cue!r} is missing from the transcript"


def test_stories_have_a_storyteller_and_a_content_note(program):
    stories = list(blocks_of_type("story"))

    assert len(stories) >= 4
    for _, value in stories:
        assert value["storyteller"] == "Anonymous" or re.fullmatch(
            r"[A-Z][a-zá-ú]+", value["storyteller"]
        )
        assert len(value["content_note"]) > 20
        assert plain_text(value["story"].source)


def test_downloads_and_warning_signs_are_complete(program):
    for _, value in blocks_of_type("download"):
        assert value["document"].file_extension == "pdf"
        assert value["title"]
    signs = [sign for _, value in blocks_of_type("warning_signs") for sign in value["signs"]]
    assert len(signs) >= 7
    for sign in signs:
        assert sign["sign"] and sign["looks_like"] and sign["what_to_do"]


def test_media_are_imported_once_by_title(site):
    seed()
    seed()

    for spec in MEDIA.values():
        model = get_image_model() if spec.kind == "image" else get_document_model()
        item = model.objects.get(title=spec.title)
        assert item.file_size == (MEDIA_DIR / spec.filename).stat().st_size
        assert item.file_hash


def test_demo_media_files_are_small_and_what_they_say_they_are():
    from pypdf import PdfReader

    for name in ("ask-share-ask.mp4", "warm-handoff.mp4"):
        video = (MEDIA_DIR / name).read_bytes()
        assert video[4:8] == b"ftyp" and len(video) < 300_000
    for name in ("trigger-map.png", "stages-of-change.png"):
        assert (MEDIA_DIR / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ("my-trigger-map.pdf", "self-care-plan.pdf"):
        assert len(PdfReader(MEDIA_DIR / name).pages) == 1
    assert (MEDIA_DIR / "README.md").exists()


def test_the_demo_learner_is_enrolled_with_the_demo_supervisor(program):
    User = get_user_model()
    learner = User.objects.get(email=DEMO_LEARNER)
    supervisor = User.objects.get(email=DEMO_SUPERVISOR)
    coordinator = User.objects.get(email=DEMO_COORDINATOR)

    enrollment = Enrollment.objects.get(learner=learner, program=program)
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.supervisor == supervisor
    assert enrollment.enrolled_by == coordinator
    assert enrollment.cohort.program == program
    assert coordinator in enrollment.cohort.coordinators.all()
    assert enrollment.cohort.start_date <= enrollment.enrolled_at.date()
    current = SupervisorAssignment.objects.get(enrollment=enrollment, ended_at__isnull=True)
    assert current.supervisor == supervisor
    assert current.assigned_by == coordinator


def test_the_demo_learner_opens_the_demo_lessons_files_and_a_visitor_does_not(
    client, files_on_disk, site
):
    seed()
    documents = {
        value[name]
        for block_type, names in (("download", ["document"]), ("video", ["video", "captions"]))
        for _, value in blocks_of_type(block_type)
        for name in names
    }
    assert {document.file_extension for document in documents} == {"pdf", "mp4", "vtt"}
    for document in documents:
        assert client.get(document.url).status_code == 302  # sign in first

    client.force_login(get_user_model().objects.get(email=DEMO_LEARNER))
    for document in documents:
        response = client.get(document.url)
        assert response.status_code == 200, document.title
        body = b"".join(response.streaming_content)
        assert hashlib.sha1(body).hexdigest() == document.file_hash
    video = next(document for document in documents if document.file_extension == "mp4")
    part = client.get(video.url, headers={"range": "bytes=0-7"})
    assert part.status_code == 206
    assert b"".join(part.streaming_content)[4:8] == b"ftyp"


def test_the_word_check_catches_what_it_should():
    # So the language tests (here and in tests/assessments/test_demo.py) can
    # fail: they would pass vacuously on a broken pattern.
    assert stigmatising_words("a Clean test, an addict, dirty, junkies") == [
        "addict",
        "Clean",
        "dirty",
        "junkie",
    ]
    assert stigmatising_words("An addict, a clean test, cleaning up, dirty, an Abuser") == [
        "addict",
        "clean",
        "clean",
        "dirty",
        "Abuser",
    ]
    assert stigmatising_words("a person in recovery returned to use") == []


def test_demo_text_never_uses_stigmatising_words(program):
    from pypdf import PdfReader

    texts = {
        "program": f"{program.title} {program.description}",
        "cohort": " ".join(program.cohorts.values_list("name", flat=True)),
    }
    for course in CoursePage.objects.all():
        texts[course.title] = f"{course.title} {course.summary} {course.learning_objectives}"
    for lesson in demo_lessons():
        texts[lesson.title] = f"{lesson.title} {list(lesson.body.raw_data)}"
    for name in ("ask-share-ask.vtt", "warm-handoff.vtt", "make_media.py", "README.md"):
        texts[name] = (MEDIA_DIR / name).read_text(encoding="utf-8")
    for name in ("my-trigger-map.pdf", "self-care-plan.pdf"):
        texts[name] = " ".join(page.extract_text() for page in PdfReader(MEDIA_DIR / name).pages)

    found = {where: words for where, text in texts.items() if (words := stigmatising_words(text))}
    assert found == {}

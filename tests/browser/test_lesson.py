"""A learner on a phone: open a lesson, unfold a story, write a reflection, mark it complete."""

import re

import pytest

from courses import site_setup as courses_setup
from courses.models import LessonCompletion, Reflection
from tests.conftest import save_screenshot
from tests.courses.factories import (
    CoursePageFactory,
    LessonPageFactory,
    block,
    enroll,
    reflection,
)
from tests.training.factories import PASSWORD
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STORY = "The week I went back to using, a peer called me every day until I called back."


def test_study_a_lesson_on_a_phone(live_server, phone_page):
    setup_site(log=lambda *_: None)
    courses_setup.setup_site(log=lambda *_: None)
    from courses.models import CourseIndexPage

    course = CoursePageFactory(
        parent=CourseIndexPage.objects.get(),
        title="Sharing lived experience",
        lessons_in_order=True,
    )
    lesson = LessonPageFactory(
        parent=course,
        title="Why stories matter",
        body=[
            block("heading", {"text": "A story can open a door", "level": "h2"}),
            block("rich_text", "<p>Sharing a little of your story can help someone hope.</p>"),
            block(
                "story",
                {
                    "storyteller": "Dana",
                    "content_note": "Mentions a return to use.",
                    "story": f"<p>{STORY}</p>",
                },
            ),
            reflection("When did someone's story help you?"),
            block("callout", {"kind": "crisis", "text": ""}),
        ],
    )
    second = LessonPageFactory(parent=course, title="Ask, share, ask again")
    learner = enroll(course).learner

    page = phone_page
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(learner.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))

    # The dashboard leads to the course's first lesson.
    page.get_by_role("link", name=re.compile("^Start")).click()
    page.wait_for_url(re.compile(re.escape(lesson.url) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Why stories matter"

    # The story is folded behind its content note until the reader opens it.
    story = page.get_by_text(STORY)
    assert page.get_by_text("Mentions a return to use.").is_visible()
    assert not story.is_visible()
    page.get_by_text("Read the story").click()
    assert story.is_visible()
    save_screenshot(page, "courses-lesson-story-phone")

    # A private reflection, saved and shown back for editing.
    answer = page.get_by_label("When did someone's story help you?")
    answer.fill("A peer told me about her first year, and I felt less alone.")
    page.get_by_role("button", name="Save my answer").click()
    page.wait_for_url(re.compile(r"#reflection-"))
    assert page.get_by_text("Your reflection is saved. Only you can read it.").is_visible()
    assert page.get_by_label("When did someone's story help you?").input_value() == (
        "A peer told me about her first year, and I felt less alone."
    )
    assert page.get_by_role("button", name="Update my answer").is_visible()
    assert Reflection.objects.get(author=learner).text.startswith("A peer told me")

    # The next lesson is locked until this one is complete.
    assert page.get_by_text("opens when you complete this lesson").is_visible()
    page.get_by_role("button", name="Mark lesson complete").click()
    page.wait_for_url(re.compile(r"#lesson-progress$"))
    assert page.get_by_role("heading", name="You have completed this lesson").is_visible()
    assert page.get_by_text("1 of 2 lessons done").is_visible()
    assert LessonCompletion.objects.filter(learner=learner, lesson=lesson).exists()
    page.get_by_role("link", name=re.compile("Ask, share, ask again")).click()
    page.wait_for_url(re.compile(re.escape(second.url) + "$"))

    # Nothing is wider than the phone's screen.
    page.goto(live_server.url + lesson.url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    path = save_screenshot(page, "courses-lesson-complete-phone")
    assert path.stat().st_size > 0


def test_the_lesson_video_and_its_captions_play_on_a_phone(live_server, phone_page, files_on_disk):
    """The demo video, served through /documents/ (which checks who asks), loads
    on a phone with its captions; the player's byte-range requests get 206."""
    from pathlib import Path

    from django.core.files import File
    from wagtail.documents import get_document_model

    from courses.models import CourseIndexPage
    from tests.browser.helpers import sign_in

    setup_site(log=lambda *_: None)
    courses_setup.setup_site(log=lambda *_: None)
    demo_media = Path(courses_setup.__file__).resolve().parent / "demo_media"
    files = {}
    for name in ("ask-share-ask.mp4", "ask-share-ask.vtt"):
        with (demo_media / name).open("rb") as handle:
            files[name] = get_document_model().objects.create(
                title=name, file=File(handle, name=name)
            )
    course = CoursePageFactory(parent=CourseIndexPage.objects.get())
    lesson = LessonPageFactory(
        parent=course,
        title="Ask, share, ask again",
        body=[
            block(
                "video",
                {
                    "title": "Ask, share briefly, ask again",
                    "video": files["ask-share-ask.mp4"].pk,
                    "captions": files["ask-share-ask.vtt"].pk,
                    "transcript": "<p>Mentor: what would help most right now?</p>",
                },
            )
        ],
    )
    learner = enroll(course).learner

    page = phone_page
    video_answers = []
    page.on(
        "response",
        lambda response: (
            video_answers.append(response.status)
            if response.url.endswith("/ask-share-ask.mp4")
            else None
        ),
    )
    sign_in(page, live_server.url, learner)
    page.goto(live_server.url + lesson.url)
    # HAVE_METADATA: the player read the file's header and knows how long it is.
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    assert page.evaluate("() => document.querySelector('video').duration") > 0
    # The captions track (same site, with the learner's cookies) loaded: LOADED is 2.
    page.wait_for_function("() => document.querySelector('track').readyState === 2")
    assert 206 in video_answers, video_answers

"""Page tree rules and what each course page shows."""

import re

import pytest
from django.urls import reverse

from assessments.models import QuizPage
from courses.models import CourseIndexPage, CoursePage, LessonPage
from tests.training.factories import LearnerFactory
from training.models import HomePage

from .factories import (
    CoursePageFactory,
    LessonPageFactory,
    block,
    complete,
    enroll,
    every_block_body,
)

pytestmark = pytest.mark.django_db


# --- Tree rules ----------------------------------------------------------------


def test_each_page_type_lives_only_where_it_belongs(catalogue):
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]
    assert CoursePage.allowed_parent_page_models() == [CourseIndexPage]
    assert set(CoursePage.allowed_subpage_models()) == {LessonPage, QuizPage}
    assert LessonPage.allowed_parent_page_models() == [CoursePage]
    assert LessonPage.allowed_subpage_models() == []

    home = catalogue.get_parent()
    course = CoursePageFactory(parent=catalogue)
    assert CoursePage.can_create_at(catalogue)
    assert not CoursePage.can_create_at(home)
    assert LessonPage.can_create_at(course)
    assert not LessonPage.can_create_at(catalogue)
    assert QuizPage.can_create_at(course)
    # One catalogue per site.
    assert not CourseIndexPage.can_create_at(home)
    lesson = LessonPageFactory(parent=course)
    assert not LessonPage.can_create_at(lesson)
    assert not CoursePage.can_create_at(course)


# --- Catalogue -----------------------------------------------------------------


def test_catalogue_lists_every_live_course_with_summary_and_time(client, catalogue):
    live = CoursePageFactory(
        parent=catalogue, title="Sharing lived experience", estimated_minutes=75
    )
    CoursePageFactory(parent=catalogue, title="Draft course", live=False)
    html = client.get(catalogue.url).content.decode()
    assert "Sharing lived experience" in html
    assert live.summary in html
    assert "About 1 hour 15 minutes" in html
    assert "Draft course" not in html
    assert "<progress" not in html  # nobody signed in: no progress


def test_catalogue_shows_progress_to_a_learner_for_their_courses(client, catalogue):
    mine = CoursePageFactory(parent=catalogue, title="Mine")
    other = CoursePageFactory(parent=catalogue, title="Not in my program")
    lessons = [LessonPageFactory(parent=mine) for _ in range(4)]
    LessonPageFactory(parent=other)
    enrollment = enroll(mine)
    complete(enrollment.learner, lessons[0])
    client.force_login(enrollment.learner)
    html = client.get(catalogue.url).content.decode()
    assert html.count("<progress") == 1
    assert "1 of 4 lessons done" in html
    assert f'href="{lessons[1].url}"' in html  # continue where you left off


# --- Course page ---------------------------------------------------------------


def test_course_overview_is_public_and_invites_sign_in(client, catalogue):
    course = CoursePageFactory(parent=catalogue, title="Ethics and boundaries")
    lesson = LessonPageFactory(parent=course, title="Dual relationships")
    response = client.get(course.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ethics and boundaries" in html
    assert "Listen without judging" in html  # objectives
    assert "Dual relationships" in html
    assert f'href="{lesson.url}"' not in html  # no lesson links for visitors
    assert f"{reverse('account_login')}?next={course.url}" in html.replace("%2F", "/")


def test_course_page_for_a_signed_in_person_not_enrolled_links_to_programs(client, catalogue):
    course = CoursePageFactory(parent=catalogue)
    LessonPageFactory(parent=course)
    client.force_login(LearnerFactory())
    html = client.get(course.url).content.decode()
    assert 'href="/programs/"' in html
    assert "<progress" not in html


def test_course_page_shows_done_and_locked_lessons_and_where_to_continue(client, catalogue):
    course = CoursePageFactory(parent=catalogue, lessons_in_order=True)
    first, second, third = (LessonPageFactory(parent=course, title=t) for t in "ABC")
    course.add_child(instance=QuizPage(title="Course quiz", slug="quiz"))
    enrollment = enroll(course)
    complete(enrollment.learner, first)
    client.force_login(enrollment.learner)
    html = client.get(course.url).content.decode()
    assert "1 of 3 lessons done" in html  # the quiz is not a lesson
    lesson_list = html.split('class="lesson-list"', 1)[1].split("</ol>", 1)[0]
    assert "Course quiz" not in lesson_list
    # ...but the course page leads to it.
    assert "Go to the quiz: Course quiz" in html
    assert re.search(r'class="lesson-item is-done".*?A', html, re.S)
    assert 'class="lesson-item is-locked"' in html
    assert "Opens after you finish “B”." in html
    assert f'href="{third.url}"' not in html  # locked: no link
    assert "Continue where you left off" in html
    assert f'href="{second.url}"' in html


def test_course_page_lists_only_live_lessons(client, catalogue):
    course = CoursePageFactory(parent=catalogue)
    LessonPageFactory(parent=course, title="Published lesson")
    LessonPageFactory(parent=course, title="Draft lesson", live=False)
    html = client.get(course.url).content.decode()
    assert "Published lesson" in html
    assert "Draft lesson" not in html


def test_pages_are_found_by_their_address_and_nothing_else_is(client, catalogue):
    """The home page finds pages below it by URL path in one step; what Wagtail's
    walk down the tree would refuse, it refuses too."""
    course = CoursePageFactory(parent=catalogue, slug="boundaries")
    lesson = LessonPageFactory(parent=course, slug="saying-no", title="Saying no")
    draft = LessonPageFactory(parent=course, slug="draft", live=False)
    learner = enroll(course).learner
    client.force_login(learner)

    response = client.get(lesson.url)
    assert response.status_code == 200 and "Saying no" in response.content.decode()
    assert client.get(course.url).status_code == 200
    assert client.get(catalogue.url).status_code == 200
    for missing in [
        draft.url_path.replace(HomePage.objects.get().url_path, "/"),
        lesson.url + "more/",
        course.url + "no-such-lesson/",
        "/no-such-section/",
        "/courses/boundaries/saying-no",  # Django adds the slash: a redirect, not a page
    ]:
        assert client.get(missing).status_code in (301, 404), missing
    assert client.get("/courses/boundaries/saying-no").status_code == 301


# --- Lesson page: every block type ----------------------------------------------


@pytest.fixture
def full_lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, title="Sharing lived experience")
    lesson = LessonPageFactory(
        parent=course, title="Ask, share, ask again", body=every_block_body()
    )
    enrollment = enroll(course)
    return lesson, enrollment.learner


def test_lesson_renders_every_block_type(client, full_lesson):
    lesson, learner = full_lesson
    client.force_login(learner)
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    # heading and rich text
    assert '<h2 class="lesson-heading">Why stories matter</h2>' in html
    assert "Sharing lived experience can open a door." in html
    # image with the author's alt text and a srcset of our own renditions
    assert re.search(r'<img[^>]+alt="A hand-drawn map of triggers"', html)
    assert "srcset=" in html and "width-480" in html
    assert "<figcaption>A map</figcaption>" in html
    # video: our own file, captions track, transcript folded
    assert re.search(r"<video controls[^>]*>", html)
    assert re.search(r'<source src="/documents/\d+/talk\.mp4" type="video/mp4">', html)
    assert re.search(r'<track kind="captions" src="/documents/\d+/talk\.vtt"', html)
    assert "<summary>Read the transcript</summary>" in html
    assert "Mentor: what would help most right now?" in html
    # story: note visible, story folded
    assert "<strong>Content note:</strong> Mentions a return to use." in html
    story = re.search(r'<details class="story-details">(.*?)</details>', html, re.S)
    assert story and "a peer called me every day" in story.group(1)
    assert '<details class="story-details" open' not in html
    # reflection prompt: a form for this learner
    assert "When did someone&#x27;s story help you?" in html
    assert 'action="/learning/lessons/' in html
    # warning signs: each with what it can look like and what to do
    assert html.count("What it can look like") == 2
    assert html.count("What to do</dt>") == 2
    assert "Plan one small step for the basic need first." in html
    # callouts
    assert "callout-tip" in html and "Ask before you share." in html
    assert "callout-caution" in html and "Avoid graphic detail." in html
    # key takeaways and download
    assert "Key takeaways" in html and "<li>Keep it brief</li>" in html
    assert re.search(r'href="/documents/\d+/worksheet\.pdf" download', html)
    assert "PDF" in html
    # no third-party host anywhere
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', html) == []


def test_crisis_callout_shows_the_helpline_from_settings(client, full_lesson, site):
    from training.models import CrisisSupportSettings

    settings = CrisisSupportSettings.for_site(site)
    settings.helpline_name = "Riverside Crisis Line"
    settings.helpline_phone = "0800 123 456"
    settings.helpline_text = "Open day and night."
    settings.helpline_url = "https://crisis.example.org/"
    settings.save()
    lesson, learner = full_lesson
    client.force_login(learner)
    html = client.get(lesson.url).content.decode()
    crisis = re.search(r'<aside class="callout callout-crisis".*?</aside>', html, re.S).group(0)
    assert "If you are in crisis" in crisis
    assert "Riverside Crisis Line" in crisis
    assert 'href="tel:0800123456"' in crisis
    assert "Open day and night." in crisis
    assert 'href="https://crisis.example.org/"' in crisis


def test_block_content_is_escaped(client, catalogue):
    course = CoursePageFactory(parent=catalogue)
    lesson = LessonPageFactory(
        parent=course,
        body=[
            block("heading", {"text": "<script>alert(1)</script>", "level": "h3"}),
            block("key_takeaways", {"takeaways": ["<b>bold?</b>"]}),
        ],
    )
    enrollment = enroll(course)
    client.force_login(enrollment.learner)
    html = client.get(lesson.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold?&lt;/b&gt;" in html


def test_block_previews_render_with_the_site_styles(staff_client):
    stream = LessonPage._meta.get_field("body").stream_block
    previewable = {name for name, child in stream.child_blocks.items() if child.is_previewable}
    assert previewable >= {"heading", "story", "reflection", "warning_signs", "callout"}
    for name in previewable:
        child = stream.child_blocks[name]
        response = staff_client.get(
            reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix}
        )
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "css/courses.css" in html
        assert "block-" + name in html
    crisis = staff_client.get(
        reverse("wagtailadmin_block_preview"),
        {"id": stream.child_blocks["callout"].definition_prefix},
    ).content.decode()
    assert "988" in crisis  # the default helpline

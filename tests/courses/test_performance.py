"""A lesson page, the catalogue, a course page and the dashboard cost a fixed
number of queries, however many lessons, blocks or learners there are."""

import builtins
import inspect

import pytest
from django.db import connection
from django.template import base as template_base
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page

from tests.training.factories import LearnerFactory

from .factories import (
    CoursePageFactory,
    LessonPageFactory,
    complete,
    enroll,
    every_block_body,
    make_document,
    make_image,
)

pytestmark = pytest.mark.django_db

# The most a lesson page may cost (session, user, routing, access, progress,
# reflections, images and renditions, documents, settings, roles...).
LESSON_PAGE_MAX_QUERIES = 20


def build_course(catalogue, *, lessons: int, copies: int, learners: int, in_order=True):
    """A course whose lessons each hold `copies` of every block type."""
    course = CoursePageFactory(parent=catalogue, lessons_in_order=in_order)
    media = {
        "image": make_image(),
        "video": make_document("talk.mp4", b"\x00mp4"),
        "captions": make_document("talk.vtt", b"WEBVTT\n"),
        "download": make_document("sheet.pdf", b"%PDF-1.4"),
    }
    body = []
    for _ in range(copies):
        # A different image in each copy, so images and renditions are many too.
        body += every_block_body(**{**media, "image": make_image(colour="red")})
    pages = [LessonPageFactory(parent=course, body=body) for _ in range(lessons)]
    enrollment = enroll(course)
    for _ in range(learners):
        other = enroll(course, learner=LearnerFactory()).learner
        complete(other, *pages)
    complete(enrollment.learner, *pages[:-1])
    return course, pages[-1], enrollment.learner


def count_queries(client, url) -> tuple[int, int]:
    # The first render creates image renditions and the site's settings row
    # (which changes the content version, training/content_cache.py); the
    # second keeps the content again. From then on pages cost what is counted.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def test_a_lesson_page_costs_the_same_few_queries_however_big_the_course(client, catalogue):
    _, small_lesson, small_learner = build_course(catalogue, lessons=2, copies=1, learners=0)
    _, big_lesson, big_learner = build_course(catalogue, lessons=12, copies=5, learners=6)

    client.force_login(small_learner)
    small_status, small = count_queries(client, small_lesson.url)
    client.force_login(big_learner)
    big_status, big = count_queries(client, big_lesson.url)

    assert small_status == big_status == 200
    assert small == big, f"a few blocks: {small} queries, many blocks: {big}"
    assert big <= LESSON_PAGE_MAX_QUERIES


def test_catalogue_course_page_and_dashboard_do_not_grow_with_content(client, catalogue):
    small_course, _, learner = build_course(catalogue, lessons=2, copies=1, learners=0)
    client.force_login(learner)
    urls = [catalogue.url, small_course.url, reverse("dashboard")]
    before = [count_queries(client, url)[1] for url in urls]

    big_course, _, _ = build_course(catalogue, lessons=10, copies=1, learners=4)
    # The learner now studies both courses (a second program) and has done more.
    enroll(big_course, learner=learner)
    after = [count_queries(client, url)[1] for url in urls]
    assert after == before, dict(zip(urls, zip(before, after, strict=True), strict=True))
    assert count_queries(client, big_course.url)[1] == before[1]


def test_no_template_looks_up_an_attribute_a_page_lacks(client, catalogue, monkeypatch):
    """A template variable whose attribute is missing makes Django's template
    engine call dir() on the object to see why; on a Wagtail page that costs
    about a quarter of a millisecond. The catalogue asked every course for a
    `content_lang` that only translated copies carry, and served half the
    requests a second it served before Spanish came (bench/RESULTS.md, issue 21)."""
    course, lesson, learner = build_course(catalogue, lessons=2, copies=1, learners=0)
    client.force_login(learner)
    urls = [catalogue.url, course.url, lesson.url, reverse("dashboard")]
    for url in urls:  # renditions and settings are made by a first visit
        client.get(url)

    missed = []

    def noting_dir(*obj):
        if obj and isinstance(obj[0], Page):
            frame = inspect.currentframe().f_back
            missed.append((url, str(frame.f_locals.get("self")), frame.f_locals.get("bit")))
        return builtins.dir(*obj)

    # Django's own lookup (django.template.base.Variable._resolve_lookup) calls
    # dir() only when an attribute, key and index are all missing.
    monkeypatch.setattr(template_base, "dir", noting_dir, raising=False)
    for url in urls:
        assert client.get(url).status_code == 200
    assert missed == []

"""A lesson page, the catalogue, a course page and the dashboard cost a fixed
number of queries, however many lessons, blocks or learners there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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

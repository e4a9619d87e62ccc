"""A course's quiz opens when its lessons are done, unless the trainer switched
that off for the quiz. Early, the learner sees which lessons are left."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Attempt, QuizPage
from assessments.services import attempt_start, attempt_submit
from tests.courses.factories import LessonPageFactory, complete

from .factories import enroll_in, make_course, make_quiz, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site):
    return make_course("Gated course")


@pytest.fixture
def lessons(course):
    return [
        LessonPageFactory(parent=course, title="Listening first", slug="listening-first"),
        LessonPageFactory(parent=course, title="Sharing with purpose", slug="sharing"),
    ]


@pytest.fixture
def quiz(course, lessons):
    return make_quiz(course=course, lessons_first=True)


@pytest.fixture
def learner(quiz):
    return enroll_in(quiz.get_parent().specific).learner


def test_new_quizzes_open_after_the_lessons_by_default():
    assert QuizPage().lessons_first is True
    field = QuizPage._meta.get_field("lessons_first")
    assert "lessons" in field.help_text


def test_the_quiz_page_lists_the_lessons_left_with_links(client, quiz, lessons, learner):
    complete(learner, lessons[0])
    client.force_login(learner)

    response = client.get(quiz.url)

    assert response.status_code == 200
    page = response.content.decode()
    assert "opens when you have finished the course’s lessons" in page
    assert f'<a href="{lessons[1].url}">Sharing with purpose</a>' in page
    assert f'href="{lessons[0].url}"' not in page  # done already
    assert "Start the quiz" not in page
    assert reverse("assessments:start", args=[quiz.pk]) not in page


def test_starting_early_is_refused_with_the_lessons_left(client, quiz, lessons, learner):
    with pytest.raises(ValidationError, match="Sharing with purpose"):
        attempt_start(learner=learner, quiz=quiz)
    client.force_login(learner)
    response = client.post(reverse("assessments:start", args=[quiz.pk]), follow=True)
    assert response.status_code == 200
    assert "Listening first" in response.content.decode()
    assert not Attempt.objects.exists()


def test_the_quiz_opens_when_every_lesson_is_done(client, quiz, lessons, learner):
    complete(learner, *lessons)
    client.force_login(learner)
    page = client.get(quiz.url).content.decode()
    assert "Start the quiz" in page and "Lessons left" not in page
    assert attempt_start(learner=learner, quiz=quiz).is_open


def test_an_unpublished_lesson_does_not_hold_the_quiz(client, course, quiz, lessons, learner):
    LessonPageFactory(parent=course, title="Coming soon", slug="coming-soon", live=False)
    complete(learner, *lessons)
    assert attempt_start(learner=learner, quiz=quiz).is_open


def test_a_trainer_may_open_the_quiz_at_any_time(client, course, lessons):
    quiz = make_quiz(course=course, lessons_first=False)
    learner = enroll_in(course).learner
    client.force_login(learner)
    assert "Start the quiz" in client.get(quiz.url).content.decode()
    assert attempt_start(learner=learner, quiz=quiz).is_open


def test_a_lesson_added_later_never_locks_a_quiz_already_begun(client, course, quiz, lessons):
    learner = enroll_in(course).learner
    complete(learner, *lessons)
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(attempt_id=attempt.pk, learner=learner, responses=wrong_answers(attempt))
    LessonPageFactory(parent=course, title="A newer lesson", slug="a-newer-lesson")

    client.force_login(learner)
    page = client.get(quiz.url).content.decode()

    assert "Try again" in page and "Lessons left" not in page
    assert attempt_start(learner=learner, quiz=quiz).number == 2


def test_the_gated_quiz_page_costs_no_more_queries_than_before(client, quiz, lessons, learner):
    client.force_login(learner)
    client.get(quiz.url)  # the content cache is warm, as in a running site
    with CaptureQueriesContext(connection) as locked:
        client.get(quiz.url)
    complete(learner, *lessons)
    with CaptureQueriesContext(connection) as opened:
        client.get(quiz.url)
    # Session, user, the enrollment with the lessons done, attempts, accommodation
    # and the page: 6 before the gate existed (measured on main).
    assert len(locked) <= 6 and len(opened) <= 6, (len(locked), len(opened))


def test_the_editor_offers_the_switch_with_its_help(client, quiz):
    from tests.courses.conftest import with_totp
    from tests.training.factories import TrainerFactory

    client.force_login(with_totp(TrainerFactory()))
    page = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk])).content.decode()
    assert 'name="lessons_first"' in page
    assert str(QuizPage._meta.get_field("lessons_first").help_text) in page

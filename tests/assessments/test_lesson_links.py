"""A question may name the lesson that teaches it; the attempt keeps that
lesson (id, title, address) from its start, and the result page links each
missed question to it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Attempt, QuizPage
from assessments.services import attempt_start, attempt_submit
from courses.models import LessonPage
from tests.courses.factories import LessonPageFactory

from .factories import enroll_in, make_course, make_quiz, right_answers, single, true_false

pytestmark = pytest.mark.django_db


def about(question: dict, lesson) -> dict:
    return {**question, "value": {**question["value"], "lesson": lesson.pk}}


@pytest.fixture
def course(site):
    return make_course("Linked course")


@pytest.fixture
def lessons(course):
    return [
        LessonPageFactory(parent=course, title="Listening first", slug="listening-first"),
        LessonPageFactory(parent=course, title="Relapse is a process", slug="relapse"),
    ]


@pytest.fixture
def quiz(course, lessons):
    return make_quiz(
        course=course,
        questions=[
            about(single("Which question is open?", "What was it like?", "Okay?"), lessons[0]),
            about(true_false("Relapse can begin before any use.", True), lessons[1]),
            single("A question with no lesson named", "right", "wrong"),
        ],
    )


def test_the_lesson_field_chooses_lessons_only():
    stream = QuizPage._meta.get_field("questions").stream_block
    for name, block in stream.child_blocks.items():
        lesson = block.child_blocks["lesson"]
        assert lesson.target_model is LessonPage, name
        assert not lesson.required, name


def test_the_snapshot_keeps_the_lesson_as_it_was_at_start(quiz, lessons):
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    assert [q["lesson"] for q in attempt.snapshot["questions"]] == [
        {"id": lessons[0].pk, "title": "Listening first", "url": lessons[0].url},
        {"id": lessons[1].pk, "title": "Relapse is a process", "url": lessons[1].url},
        None,
    ]


def test_the_result_links_each_missed_question_to_its_lesson(client, quiz, lessons):
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    questions = attempt.snapshot["questions"]
    answers = right_answers(attempt)
    answers[questions[1]["id"]] = ["false"]  # missed: the relapse question
    attempt_submit(attempt_id=attempt.pk, learner=learner, responses=answers)
    # A later edit of the lesson does not change the recorded attempt.
    lessons[1].title = "Renamed lesson"
    lessons[1].save_revision().publish()

    client.force_login(learner)
    page = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()

    assert f'<a href="{lessons[1].url}">Relapse is a process</a>' in page
    assert "Renamed lesson" not in page
    # The question answered right links nowhere.
    assert f'href="{lessons[0].url}"' not in page


def test_naming_lessons_costs_the_same_queries_however_many_questions(client, course, lessons):
    counts = []
    for size in (1, 2, 12):  # the first warms up what any first request loads
        sized = make_course(f"Course of {size}")
        lesson = LessonPageFactory(parent=sized, title=f"Lesson for {size}", slug="only")
        quiz = make_quiz(
            course=sized,
            questions=[about(single(f"Q{n}", "a", "b"), lesson) for n in range(size)],
        )
        client.force_login(enroll_in(sized).learner)
        with CaptureQueriesContext(connection) as queries:
            client.post(reverse("assessments:start", args=[quiz.pk]))
        assert Attempt.objects.get(quiz=quiz).snapshot["questions"][0]["lesson"]["id"] == lesson.pk
        counts.append(len(queries))
    assert counts[1] == counts[2], counts

"""A blank or half-answered attempt is never graded silently: the server names
the unanswered questions and grades only once the learner confirms."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments.models import Attempt
from assessments.services import UnansweredQuestions, attempt_start, attempt_submit

from .factories import enroll_in, make_quiz, right_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(site):
    return make_quiz(pass_mark=75, max_attempts=2)


@pytest.fixture
def learner(quiz):
    return enroll_in(quiz.get_parent().specific).learner


def submit_url(attempt):
    return reverse("assessments:submit", args=[attempt.pk])


def form_data(answers, **extra):
    return {**{f"q-{qid}": ids for qid, ids in answers.items()}, **extra}


def checked_values(page: str) -> list[str]:
    """The values of the ticked inputs of a page."""
    tags = re.findall(r"<input[^>]*>", page)
    ticked = [tag for tag in tags if re.search(r"\schecked", tag)]
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in ticked]


def first_only(attempt):
    question = attempt.snapshot["questions"][0]
    return {question["id"]: [question["choices"][0]["id"]]}


def test_the_service_refuses_to_grade_unanswered_questions_until_confirmed(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    questions = attempt.snapshot["questions"]

    with pytest.raises(UnansweredQuestions) as refusal:
        attempt_submit(attempt_id=attempt.pk, learner=learner, responses=first_only(attempt))

    assert isinstance(refusal.value, ValidationError)
    assert [(q.number, q.prompt) for q in refusal.value.questions] == [
        (number, question["prompt"]) for number, question in enumerate(questions, 1)
    ][1:]
    attempt.refresh_from_db()
    # Nothing graded, and the answer given is kept.
    assert attempt.is_open and attempt.score is None and attempt.submitted_at is None
    assert attempt.responses == first_only(attempt)

    graded = attempt_submit(attempt_id=attempt.pk, learner=learner, confirm_unanswered=True)
    assert graded.status == Attempt.Status.GRADED and graded.score == 25


def test_a_blank_attempt_is_never_graded_silently(quiz, learner):
    attempt = attempt_start(learner=learner, quiz=quiz)
    with pytest.raises(UnansweredQuestions) as refusal:
        attempt_submit(attempt_id=attempt.pk, learner=learner, responses={})
    assert len(refusal.value.questions) == len(attempt.snapshot["questions"])
    assert "none of the 4 questions" in refusal.value.messages[0].lower()
    attempt.refresh_from_db()
    assert attempt.is_open


def test_a_submit_over_http_names_the_unanswered_questions_and_keeps_the_answers(
    client, quiz, learner
):
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    questions = attempt.snapshot["questions"]
    given = first_only(attempt)

    response = client.post(submit_url(attempt), form_data(given))

    assert response.status_code == 200
    page = response.content.decode()
    assert "3 questions are not answered yet" in page
    for number, question in list(enumerate(questions, 1))[1:]:
        assert f'href="#question-{number}"' in page
        assert html.escape(question["prompt"]) in page
    # The first question's answer is still ticked; the others are empty.
    assert checked_values(page) == [questions[0]["choices"][0]["id"]]
    # The confirm step posts the flag with the form (no script needed).
    assert 'name="confirm_unanswered" value="1"' in page
    assert "Submit anyway" in page
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.score is None
    # The attempt is not used up: the quiz page still offers to continue it.
    assert "Continue your attempt" in client.get(quiz.url).content.decode()

    response = client.post(submit_url(attempt), form_data(given, confirm_unanswered="1"))

    assert response.url == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.GRADED and attempt.score == 25


def test_answering_everything_submits_without_a_confirm_step(client, quiz, learner):
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    response = client.post(submit_url(attempt), form_data(right_answers(attempt)))
    assert response.url == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.passed


def test_answers_saved_earlier_count_as_answered(client, quiz, learner):
    client.force_login(learner)
    client.post(reverse("assessments:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(quiz=quiz)
    Attempt.objects.filter(pk=attempt.pk).update(responses=right_answers(attempt))
    # A submit without the fields (the script saved each answer as it was given).
    response = client.post(submit_url(attempt), {})
    assert response.url == reverse("assessments:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.passed

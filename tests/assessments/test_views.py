import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Attempt
from tests.training.factories import LearnerFactory, SupervisorFactory

from .factories import enroll_in, make_course, make_quiz, right_answers, single, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(site):
    return make_quiz(pass_mark=75, review_policy="after_passing")


@pytest.fixture
def learner(quiz):
    return enroll_in(quiz.get_parent().specific).learner


def start(client, quiz):
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 302
    return Attempt.objects.filter(quiz=quiz).latest("pk")


def form_data(answers, **extra):
    data = {f"q-{qid}": ids for qid, ids in answers.items()}
    data.update(extra)
    return data


def test_quiz_page_asks_anonymous_visitors_to_sign_in(client, quiz):
    response = client.get(quiz.url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_quiz_page_refuses_people_not_enrolled_kindly(client, quiz):
    client.force_login(LearnerFactory())
    response = client.get(quiz.url)
    assert response.status_code == 403
    assert "ask to join a program" in response.content.decode()
    # Starting it anyway is refused the same way, with the same kind page.
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 403
    assert "ask to join a program" in response.content.decode()
    assert not Attempt.objects.exists()


def test_take_a_quiz_over_http_not_yet_then_pass(client, quiz, learner):
    client.force_login(learner)
    page = client.get(quiz.url)
    assert page.status_code == 200 and "Start the quiz" in page.content.decode()

    attempt = start(client, quiz)
    take = client.get(reverse("assessments:take", args=[attempt.pk]))
    html = take.content.decode()
    assert take.status_code == 200
    # The answer key and the feedback never reach the page before submission.
    for question in attempt.snapshot["questions"]:
        for choice in question["choices"]:
            assert choice["feedback"] not in html
    assert '"correct"' not in html and "is_correct" not in html

    response = client.post(
        reverse("assessments:submit", args=[attempt.pk]), form_data(wrong_answers(attempt))
    )
    assert response.url == reverse("assessments:result", args=[attempt.pk])
    result = client.get(response.url).content.decode()
    assert "Not yet." in result
    # Feedback on the learner's own choices is always shown...
    chosen_feedback = attempt.snapshot["questions"][0]["choices"][1]["feedback"]
    assert chosen_feedback in result
    # ...but the right answers only after passing, under this quiz's policy.
    assert "A right answer" not in result

    second = start(client, quiz)
    client.post(reverse("assessments:submit", args=[second.pk]), form_data(right_answers(second)))
    second.refresh_from_db()
    assert second.passed
    result = client.get(reverse("assessments:result", args=[second.pk])).content.decode()
    assert "You passed" in result and "A right answer" in result


def test_autosave_endpoint_saves_and_refuses_bad_payloads(client, quiz, learner):
    client.force_login(learner)
    attempt = start(client, quiz)
    url = reverse("assessments:answer", args=[attempt.pk])
    question = attempt.snapshot["questions"][0]
    good = {"question": question["id"], "choices": [question["choices"][0]["id"]]}
    response = client.post(url, json.dumps(good), content_type="application/json")
    assert response.status_code == 200 and response.json() == {"saved": True}

    for body in [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"question": "nope", "choices": []}),
        json.dumps({"question": question["id"], "choices": ["x" * 9000]}),
    ]:
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 400
        assert response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.responses == {question["id"]: [question["choices"][0]["id"]]}


def test_extra_fields_in_a_submission_are_ignored(client, quiz, learner):
    client.force_login(learner)
    attempt = start(client, quiz)
    client.post(
        reverse("assessments:submit", args=[attempt.pk]),
        form_data(
            wrong_answers(attempt),
            score="100",
            passed="true",
            user=str(learner.pk + 1),
            learner="1",
            submitted_at="2000-01-01",
        ),
    )
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.passed is False
    assert attempt.learner == learner


def test_another_learners_attempt_answers_404_everywhere(client, quiz, learner):
    client.force_login(learner)
    attempt = start(client, quiz)
    client.force_login(enroll_in(quiz.get_parent().specific).learner)
    assert client.get(reverse("assessments:take", args=[attempt.pk])).status_code == 404
    assert client.get(reverse("assessments:result", args=[attempt.pk])).status_code == 404
    assert client.post(reverse("assessments:submit", args=[attempt.pk]), {}).status_code == 404
    response = client.post(
        reverse("assessments:answer", args=[attempt.pk]),
        json.dumps({"question": "x", "choices": []}),
        content_type="application/json",
    )
    assert response.status_code == 404
    client.force_login(SupervisorFactory())
    assert client.get(reverse("assessments:result", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open


def test_double_submit_over_http_grades_once(client, quiz, learner):
    client.force_login(learner)
    attempt = start(client, quiz)
    url = reverse("assessments:submit", args=[attempt.pk])
    client.post(url, form_data(right_answers(attempt)))
    client.post(url, form_data(wrong_answers(attempt)))
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score == 100


def test_start_and_submit_cost_a_fixed_number_of_queries(client, site):
    # Two different questions: the same one twice was one question left
    # unanswered, so the small quiz was never graded and this compared a
    # graded submit with a refused one.
    small = make_quiz(
        course=make_course("Small"), questions=[single(f"Q{n}", "a", "b") for n in range(2)]
    )
    big = make_quiz(
        course=make_course("Big"), questions=[single(f"Q{n}", "a", "b", "c") for n in range(12)]
    )
    warm_up = make_quiz(course=make_course("Warm up"))
    counts = []
    for quiz in (warm_up, small, big):
        client.force_login(enroll_in(quiz.get_parent().specific).learner)
        with CaptureQueriesContext(connection) as start_queries:
            client.post(reverse("assessments:start", args=[quiz.pk]))
        attempt = Attempt.objects.get(quiz=quiz)
        with CaptureQueriesContext(connection) as submit_queries:
            client.post(
                reverse("assessments:submit", args=[attempt.pk]), form_data(right_answers(attempt))
            )
        counts.append((len(start_queries), len(submit_queries)))
    assert counts[1] == counts[2], counts
    assert Attempt.objects.filter(quiz__in=[small, big], passed=True).count() == 2
    # Submit: 7 to grade, 5 to record the course's completion with the pass.
    assert counts[1][0] <= 25 and counts[1][1] <= 12, counts


def test_the_server_clock_decides_not_the_clients(client, site):
    """A timed quiz: what the browser claims about time (fields, headers) changes
    nothing; only the server's clock and the attempt's stored deadline count."""
    from datetime import timedelta

    from django.utils import timezone

    quiz = make_quiz(time_limit_minutes=10)
    learner = enroll_in(quiz.get_parent().specific).learner
    client.force_login(learner)
    claims = {
        "time_left": "600",
        "started_at": timezone.now().isoformat(),
        "client_time": timezone.now().isoformat(),
        "deadline": (timezone.now() + timedelta(hours=1)).isoformat(),
    }

    # Past the deadline by the server's clock: the claims don't reopen the attempt.
    late = start(client, quiz)
    Attempt.objects.filter(pk=late.pk).update(
        started_at=timezone.now() - timedelta(minutes=30),
        deadline=timezone.now() - timedelta(minutes=20),
    )
    answer = client.post(
        reverse("assessments:answer", args=[late.pk]),
        json.dumps({**claims, "question": late.snapshot["questions"][0]["id"], "choices": []}),
        content_type="application/json",
        HTTP_DATE="Mon, 01 Jan 2001 00:00:00 GMT",
    )
    assert answer.status_code in (400, 409)
    client.post(
        reverse("assessments:submit", args=[late.pk]),
        form_data(right_answers(late), **claims),
        HTTP_DATE="Mon, 01 Jan 2001 00:00:00 GMT",
    )
    late.refresh_from_db()
    assert late.closed_by_deadline and late.score == 0 and not late.passed
    assert late.submitted_at == late.deadline

    # Within the time by the server's clock: a client saying time is up changes nothing.
    in_time = start(client, quiz)
    client.post(
        reverse("assessments:submit", args=[in_time.pk]),
        form_data(right_answers(in_time), time_left="0", expired="true", deadline="2001-01-01"),
    )
    in_time.refresh_from_db()
    assert in_time.passed and not in_time.closed_by_deadline
    assert in_time.deadline > in_time.submitted_at

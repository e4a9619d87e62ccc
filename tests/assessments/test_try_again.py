""" "Try again" says when it opens, in the site's time, and is disabled until
then: on the result page and on the quiz page, before anyone clicks."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit

from .factories import enroll_in, make_quiz, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def chicago(settings):
    # The site shows times in its TIME_ZONE; a deployment in Chicago shows Chicago time.
    settings.TIME_ZONE = "America/Chicago"


def failed_attempt(quiz, learner=None):
    learner = learner or enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    return attempt_submit(attempt_id=attempt.pk, learner=learner, responses=wrong_answers(attempt))


def text_of(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def try_again_buttons(page: str) -> list[str]:
    """Every <button> whose text is "Try again", as HTML."""
    return [b for b in re.findall(r"<button[^>]*>[^<]*</button>", page) if "Try again" in b]


def test_the_result_page_says_when_try_again_opens_and_disables_it(client, site, chicago):
    quiz = make_quiz(wait_minutes=30)
    attempt = failed_attempt(quiz)
    opens_at = timezone.localtime(attempt.submitted_at + timedelta(minutes=30))
    client.force_login(attempt.learner)

    page = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()

    assert f"You can try again at {opens_at:%H:%M} {opens_at:%Z}" in text_of(page)  # CST/CDT
    assert "in about 30 minutes" in page
    assert f'datetime="{opens_at.isoformat()}"' in page
    [button] = try_again_buttons(page)
    assert "disabled" in button and "aria-describedby" in button
    # Not a live link either.
    assert f'href="{reverse("assessments:start", args=[quiz.pk])}"' not in page


def test_the_quiz_page_shows_the_same_before_any_click(client, site, chicago):
    quiz = make_quiz(wait_minutes=30)
    attempt = failed_attempt(quiz)
    opens_at = timezone.localtime(attempt.submitted_at + timedelta(minutes=30))
    client.force_login(attempt.learner)

    page = client.get(quiz.url).content.decode()

    assert f"You can try again at {opens_at:%H:%M}" in text_of(page)
    [button] = try_again_buttons(page)
    assert "disabled" in button


def test_a_pause_of_days_names_the_day(client, site):
    quiz = make_quiz(wait_minutes=3 * 24 * 60)
    attempt = failed_attempt(quiz)
    opens_at = timezone.localtime(attempt.submitted_at + timedelta(days=3))
    client.force_login(attempt.learner)
    page = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert f"{opens_at:%A} {opens_at.day} {opens_at:%B} at {opens_at:%H:%M}" in page
    assert "in about 3 days" in page


def test_once_the_pause_is_over_try_again_is_a_live_button(client, site):
    quiz = make_quiz(wait_minutes=30)
    attempt = failed_attempt(quiz)
    Attempt.objects.filter(pk=attempt.pk).update(
        submitted_at=timezone.now() - timedelta(minutes=31)
    )
    client.force_login(attempt.learner)

    page = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()

    [button] = try_again_buttons(page)
    assert "disabled" not in button
    assert f'action="{reverse("assessments:start", args=[quiz.pk])}"' in page
    assert "You can try again at" not in page
    response = client.post(reverse("assessments:start", args=[quiz.pk]))
    assert response.status_code == 302 and "/attempts/" in response.url


def test_no_try_again_when_the_attempts_are_used_up(client, site):
    quiz = make_quiz(max_attempts=1)
    attempt = failed_attempt(quiz)
    client.force_login(attempt.learner)
    page = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert try_again_buttons(page) == []
    assert "You have used all 1 attempts for this quiz" in page


def test_no_try_again_after_passing_when_practice_is_off(client, site):
    quiz = make_quiz(allow_practice_after_pass=False)
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt = attempt_submit(
        attempt_id=attempt.pk, learner=learner, responses=right_answers(attempt)
    )
    client.force_login(learner)
    page = client.get(reverse("assessments:result", args=[attempt.pk])).content.decode()
    assert try_again_buttons(page) == []
    assert "Practise again" not in page


@pytest.mark.parametrize("policy, on_main", [("after_each", 5), ("after_passing", 7)])
def test_the_result_page_costs_no_more_queries_than_before(client, site, policy, on_main):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quiz = make_quiz(wait_minutes=30, review_policy=policy)
    attempt = failed_attempt(quiz)
    client.force_login(attempt.learner)
    url = reverse("assessments:result", args=[attempt.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Measured on main before "Try again" was on this page.
    assert len(queries) <= on_main, [q["sql"][:120] for q in queries.captured_queries]

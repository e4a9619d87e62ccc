"""The quiz attempts listing for staff reads as a person reads (issue #19): the
quiz with its course ("Check your understanding — Ethics and boundaries"),
scores as "100%", "Yes"/"No" for passed, dates as "6 Dec 2026, 04:49"; its
export the same where a spreadsheet wants it; a fixed number of queries
whatever the number of attempts."""

import csv
import datetime
import io
import re

import openpyxl
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit
from tests.training.factories import CoordinatorFactory, LearnerFactory

from .factories import enroll_in, make_course, make_quiz, right_answers, wrong_answers

pytestmark = pytest.mark.django_db
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
URL = "/admin/quiz-attempts/"
WHEN = timezone.make_aware(datetime.datetime(2026, 12, 6, 4, 49))


@pytest.fixture
def coordinator(site):
    user = CoordinatorFactory()
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def quiz(site):
    course = make_course("Ethics and boundaries")
    return make_quiz(course, title="Check your understanding")


def take(quiz, answers, learner=None):
    course = quiz.get_parent().specific
    learner = enroll_in(course, learner=learner).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_submit(attempt_id=attempt.pk, learner=learner, responses=answers(attempt))
    Attempt.objects.filter(pk=attempt.pk).update(started_at=WHEN, submitted_at=WHEN)
    return attempt


def listing_table(response) -> str:
    body = response.content.decode()
    start = body.index('<table class="listing')
    return " ".join(re.sub(r"<[^>]+>", " ", body[start : body.index("</table>", start)]).split())


def test_the_listing_names_the_course_and_writes_scores_booleans_and_dates(
    client, coordinator, quiz
):
    take(quiz, right_answers, LearnerFactory(first_name="Rosa", last_name="Diaz"))
    take(quiz, wrong_answers, LearnerFactory(first_name="Sam", last_name="Lee"))
    client.force_login(coordinator)
    table = listing_table(client.get(URL))
    assert "Check your understanding — Ethics and boundaries" in table
    assert "100%" in table and "100.00" not in table
    assert "0%" in table and "0.00" not in table
    assert "Yes" in table and "No" in table
    assert "True" not in table and "False" not in table
    assert "6 Dec 2026, 04:49" in table
    assert "a.m." not in table and "Dec." not in table


def test_the_export_has_the_course_yes_no_and_plain_scores(client, coordinator, quiz):
    take(quiz, right_answers)
    client.force_login(coordinator)
    response = client.get(URL, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    heading, row = rows[0], rows[1]
    assert row[heading.index("Course")] == "Ethics and boundaries"
    assert row[heading.index("Quiz")] == "Check your understanding"
    assert row[heading.index("Score (%)")] == "100"
    assert row[heading.index("Passed")] == "Yes"
    assert row[heading.index("Practice attempt")] == "No"
    assert row[heading.index("Started")] == "2026-12-06 04:49"
    response = client.get(URL, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    heading, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert row[heading.index("Score (%)")] == 100
    assert row[heading.index("Passed")] == "Yes"
    assert row[heading.index("Started")] == datetime.datetime(2026, 12, 6, 4, 49)


def test_a_quiz_named_after_its_course_is_not_named_twice(client, coordinator, site):
    course = make_course("Ethics and boundaries")
    quiz = make_quiz(course, title="Ethics and boundaries quiz")
    take(quiz, right_answers)
    client.force_login(coordinator)
    table = listing_table(client.get(URL))
    assert "Ethics and boundaries quiz" in table
    assert "— Ethics and boundaries" not in table


def test_the_inspect_page_writes_values_out(client, coordinator, quiz):
    attempt = take(quiz, right_answers)
    client.force_login(coordinator)
    body = client.get(f"{URL}inspect/{attempt.pk}/").content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    assert "100%" in text and "100.00" not in text
    assert "6 Dec 2026, 04:49" in text and "a.m." not in text
    assert "True" not in text and "False" not in text


def test_the_listing_costs_the_same_queries_for_2_or_12_attempts(
    client, coordinator, quiz, django_assert_num_queries
):
    for _ in range(2):
        take(quiz, right_answers)
    client.force_login(coordinator)
    client.get(URL)  # warm the per-process caches and the session
    client.get(URL)
    with CaptureQueriesContext(connection) as two:
        client.get(URL)
    expected = len(two)  # read now: the next request empties the log
    for _ in range(10):
        take(quiz, wrong_answers)
    client.get(URL)  # the new attempts changed content: warm the caches again
    with django_assert_num_queries(expected):
        response = client.get(URL)
    assert listing_table(response).count("Check your understanding — Ethics and boundaries") == 12

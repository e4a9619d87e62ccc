"""The verification queue's cost follows the people close to certification, not
every learner (issue 8: 10,000 learners)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates import eligibility
from practice.models import HoursEntry
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment

from .scenario import Scenario
from .test_eligibility_and_issue import coordinator_client

pytestmark = pytest.mark.django_db

ENROLLMENTS_IN = re.compile(r'(?:"enrollment_id"|"training_enrollment"\."id") IN \(([\d, ]+)\)')


def add_learners_far_from_hours(program, how_many):
    """Enrollments with an approved hour each: nowhere near the program's 10."""
    people = []
    for _ in range(how_many):
        enrollment = hours_enrollment(program)
        HoursEntryFactory(
            enrollment=enrollment,
            status=HoursEntry.Status.APPROVED,
            activity_type=activity(program),
        )
        people.append(enrollment)
    return people


def queue_queries(client) -> tuple[CaptureQueriesContext, str]:
    url = reverse("certificates_admin_queue")
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries, response.content.decode()


def enrollments_loaded_one_by_one(queries) -> set[int]:
    """Enrollment ids listed in an `IN (...)` of any query: the people whose
    entries or evidence the page loaded."""
    named = set()
    for query in queries.captured_queries:
        for listed in ENROLLMENTS_IN.findall(query["sql"]):
            named |= {int(value) for value in listed.split(",")}
    return named


def test_queue_queries_do_not_grow_with_learners(client, site):
    scenario = Scenario().make_eligible()
    coordinator_client(client)
    add_learners_far_from_hours(scenario.program, 3)
    few, html = queue_queries(client)
    assert str(scenario.learner) in html
    others = add_learners_far_from_hours(scenario.program, 6)
    many, html = queue_queries(client)
    assert len(many) == len(few)
    assert str(scenario.learner) in html
    assert not any(str(enrollment.learner) in html for enrollment in others)
    # Nobody far from the hours has their entries or progress loaded.
    assert scenario.enrollment.pk in enrollments_loaded_one_by_one(many)
    assert not {e.pk for e in others} & enrollments_loaded_one_by_one(many)


def test_approved_hours_that_the_caps_do_not_credit_are_not_enough(client, site):
    """The database keeps learners whose approved hours reach the totals; the
    exact check (with the caps) still decides. 11 approved practice hours, but
    the program credits at most 6 a day: 9 creditable of the 10 asked."""
    scenario = Scenario()
    scenario.complete_lessons()
    scenario.pass_quiz()
    scenario.attest()
    scenario.approve(1, "4", "advocacy")
    scenario.approve(1, "4", "mentoring-education")
    scenario.approve(2, "3", "advocacy")
    scenario.approve(3, "2", "advocacy", kind="Supervision")
    coordinator_client(client)
    _, html = queue_queries(client)
    assert str(scenario.learner) not in html
    assert "practice" in " ".join(eligibility.check(scenario.enrollment).missing).lower()

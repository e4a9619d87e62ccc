"""Progress for many learners at once, and the checklist reusing it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates.eligibility import check_many
from courses.selectors import progress_for_courses, progress_for_learners
from tests.certificates.scenario import Scenario
from tests.practice.factories import hours_enrollment


def test_progress_of_many_learners_costs_three_queries_and_keeps_each_apart(site):
    scenario = Scenario()
    scenario.complete_lessons()
    others = [hours_enrollment(scenario.program).learner for _ in range(3)]
    ids = [scenario.learner.pk] + [person.pk for person in others]

    with CaptureQueriesContext(connection) as few:
        progress_for_learners(ids[:1], [scenario.course])
    with CaptureQueriesContext(connection) as many:
        progress = progress_for_learners(ids + [None], [scenario.course])
    # The course's lessons, the lessons done and the recorded course completions.
    assert len(many) == len(few) == 3
    assert progress[scenario.learner.pk][scenario.course.pk].done == 1
    assert all(progress[person.pk][scenario.course.pk].done == 0 for person in others)
    assert progress[None][scenario.course.pk].total == 1
    assert progress[None][scenario.course.pk].done == 0


def test_the_checklist_reuses_progress_already_loaded(site):
    scenario = Scenario().make_eligible()
    check_many([scenario.enrollment])  # records the course completed (once)
    progress = progress_for_courses(scenario.learner, [scenario.course])
    with CaptureQueriesContext(connection) as loading:
        alone = check_many([scenario.enrollment])
    with CaptureQueriesContext(connection) as reusing:
        reused = check_many([scenario.enrollment], progress={scenario.learner.pk: progress})
    # Progress costs three queries (test above); given, none of them is asked.
    assert len(reusing) == len(loading) - 3
    assert alone[scenario.enrollment.pk].eligible and reused[scenario.enrollment.pk].eligible

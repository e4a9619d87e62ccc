"""Two reads of a finished course at once record one standing completion
(PostgreSQL only: see tests/concurrency.py)."""

from certificates import eligibility
from courses.models import CourseCompletion
from tests.certificates.scenario import Scenario
from tests.concurrency import postgresql_races, race

pytestmark = postgresql_races


def test_two_reads_at_once_record_one_completion(site):
    scenario = Scenario()
    scenario.complete_lessons()
    scenario.pass_quiz()
    results, errors = race([lambda: eligibility.check(scenario.enrollment) for _ in range(2)])
    assert errors == []
    assert all(r.courses[0].passed for r in results)
    assert CourseCompletion.objects.filter(learner=scenario.learner).count() == 1

from django.core.exceptions import ValidationError

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.concurrency import postgresql_races, race
from tests.training.factories import CoordinatorFactory

from .scenario import Scenario

pytestmark = postgresql_races


def test_two_coordinators_issuing_at_once_make_one_certificate(site):
    scenario = Scenario().make_eligible()
    coordinators = [CoordinatorFactory(), CoordinatorFactory()]
    results, errors = race(
        [
            lambda c=c: certificate_issue(
                enrollment_id=scenario.enrollment.pk, issued_by=c, name_as_printed="Riley Morgan"
            )
            for c in coordinators
        ]
    )
    assert Certificate.objects.filter(enrollment=scenario.enrollment).count() == 1
    assert len([r for r in results if r is not None]) == 1
    assert len(errors) == 1 and isinstance(errors[0], ValidationError)
    assert "already issued" in errors[0].messages[0] or "a moment ago" in errors[0].messages[0]

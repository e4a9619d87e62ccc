"""renewal_progress: CE entries and Peerpath courses against the renewal rules."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import CourseCompletion
from renewals.models import CECategory
from renewals.selectors import holder_certificates, renewal_progress
from renewals.services import ce_entry_record
from tests.programs.factories import domain
from tests.renewals.factories import holder_certificate

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return holder_certificate(days_ago=300)


def log(certificate, hours, category=None, days_ago=5):
    return ce_entry_record(
        holder=certificate.enrollment.learner,
        certificate=certificate,
        activity="Workshop",
        provider="Provider",
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        hours=hours,
        category=category,
    )


def completed(certificate, *, days_ago, hours, superseded=False):
    """A course completion crediting `hours` = {domain slug: hours}."""
    return CourseCompletion.objects.create(
        learner=certificate.enrollment.learner,
        course=None,
        course_title="A course",
        completed_at=timezone.now() - datetime.timedelta(days=days_ago),
        training_hours=[
            {"domain": domain(slug).pk, "name": slug, "hours": str(value)}
            for slug, value in hours.items()
        ],
        superseded_at=timezone.now() if superseded else None,
    )


def test_nothing_logged_yet_says_everything_that_is_missing(certificate):
    progress = renewal_progress(certificate)
    assert (progress.total_logged, progress.total_required) == (0, 20)
    assert progress.missing == ["6 more CE hours in Ethics", "20 more CE hours in total"]
    assert not progress.complete


def test_entries_count_toward_their_category_and_the_total(certificate):
    ethics = CECategory.objects.get(name="Ethics")
    log(certificate, "5", ethics)
    log(certificate, "3")
    progress = renewal_progress(certificate)
    [row] = progress.categories
    assert (row.name, row.logged, row.required) == ("Ethics", 5, 6)
    assert progress.total_logged == 8
    assert progress.missing == ["1 more CE hour in Ethics", "12 more CE hours in total"]


def test_courses_completed_in_the_cycle_count_mapped_by_domain(certificate):
    # Ethical Responsibility → Ethics by default; Advocacy is mapped to nothing.
    completed(certificate, days_ago=10, hours={"ethical-responsibility": 4, "advocacy": 2})
    completed(certificate, days_ago=400, hours={"ethical-responsibility": 9})  # before the cycle
    completed(certificate, days_ago=5, hours={"ethical-responsibility": 9}, superseded=True)
    progress = renewal_progress(certificate)
    assert progress.categories[0].logged == 4
    assert (progress.total_logged, progress.from_courses) == (6, 6)


def test_enough_hours_complete_the_renewal(certificate):
    ethics = CECategory.objects.get(name="Ethics")
    log(certificate, "6", ethics)
    completed(certificate, days_ago=1, hours={"advocacy": Decimal("14")})
    progress = renewal_progress(certificate)
    assert progress.complete and progress.missing == []


def test_the_window_opens_90_days_before_expiry():
    assert not renewal_progress(holder_certificate(days_ago=300)).window_open
    progress = renewal_progress(holder_certificate(days_ago=700))
    assert progress.window_open
    assert progress.cycle.window_opens_on == progress.cycle.expires_on - datetime.timedelta(90)


@pytest.mark.parametrize("size", [2, 20])
def test_the_query_count_does_not_grow_with_the_log(certificate, size):
    ethics = CECategory.objects.get(name="Ethics")
    for index in range(size):
        log(certificate, "1", ethics if index % 2 else None)
        completed(certificate, days_ago=index + 1, hours={"advocacy": 1})
    # As the pages read it: with its enrollment.
    [certificate] = holder_certificates(certificate.enrollment.learner)
    with CaptureQueriesContext(connection) as queries:
        progress = renewal_progress(certificate)
    assert progress.total_logged == 2 * size
    # The rules, their two kinds of rows, the entries, the courses: never more.
    assert len(queries) == 5, [q["sql"][:150] for q in queries.captured_queries]

"""The other staff listings write values as a person reads them (issue #19):
dates as "6 Dec 2026" (never "Dec. 6, 2026" nor "2 months ago" for a cohort's
start), "Yes"/"No" instead of True/False or an icon named "True", numbers
without trailing zeros; and the certificates listing asks a fixed number of
queries (its query with the open suspensions is the index view's)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.models import Accommodation
from programs.models import Program
from renewals.models import CEEntry
from tests.assessments.factories import make_quiz
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from tests.renewals.factories import coordinator_signed_in, holder_certificate
from tests.training.factories import LearnerFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 12, 6)


def listing(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    start = body.index('<table class="listing')
    return " ".join(re.sub(r"<[^>]+>", " ", body[start : body.index("</table>", start)]).split())


def no_raw_values(text):
    for raw in ("True", "False", "a.m.", "p.m.", "Dec.", " ago", "just now"):
        assert raw not in text, raw


def test_programs_and_cohorts(client, site):
    coordinator_signed_in(client)
    program = ProgramFactory(title="Peer recovery", accepts_join_requests=True)
    ProgramFactory(title="Family support", accepts_join_requests=False)
    CohortFactory(program=program, name="Spring", start_date=DAY, end_date=DAY)
    programs = listing(client, "/admin/programs/programs/")
    assert "Yes" in programs and "No" in programs
    no_raw_values(programs)
    cohorts = listing(client, "/admin/programs/cohorts/")
    assert "6 Dec 2026" in cohorts
    no_raw_values(cohorts)


def test_enrollments_and_join_requests(client, site):
    coordinator_signed_in(client)
    EnrollmentFactory(enrolled_at=timezone.make_aware(datetime.datetime(2026, 12, 6, 4, 49)))
    enrollments = listing(client, "/admin/programs/enrollments/")
    assert "6 Dec 2026, 04:49" in enrollments
    no_raw_values(enrollments)


def test_certificates_and_ce_activities(client, site):
    coordinator_signed_in(client)
    certificate = holder_certificate()
    certificate.issued_on, certificate.expires_on = DAY, DAY + datetime.timedelta(days=730)
    certificate.save()
    certificates = listing(client, "/admin/issued-certificates/")
    assert "6 Dec 2026" in certificates and "5 Dec 2028" in certificates
    no_raw_values(certificates)
    CEEntry.objects.create(
        certificate=certificate, activity="Ethics refresher", provider="State board",
        date=DAY, hours=Decimal("1.50"),
    )  # fmt: skip
    activities = listing(client, "/admin/ce-activities/")
    assert "6 Dec 2026" in activities and "1.5" in activities and "1.50" not in activities
    no_raw_values(activities)


def test_accommodations(client, site):
    coordinator = coordinator_signed_in(client)
    Accommodation.objects.create(
        learner=LearnerFactory(), quiz=make_quiz(), time_multiplier=Decimal("1.50"),
        extra_attempts=2, reason="Reading support", granted_by=coordinator,
    )  # fmt: skip
    text = listing(client, "/admin/quiz-accommodations/")
    assert "1.5 × the time limit" in text and "1.50" not in text
    no_raw_values(text)


def test_the_certificates_listing_costs_the_same_queries_for_2_or_8(client, site):
    coordinator_signed_in(client)
    url = "/admin/issued-certificates/"

    def queries():
        client.get(url)  # warm the caches after the writes
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    for _ in range(2):
        holder_certificate()
    two = queries()
    for _ in range(6):
        holder_certificate()
    assert queries() == two
    assert Program.objects.count() >= 8

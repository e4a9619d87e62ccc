"""The coordinators' cohort report is readable at 1280 px (issue #19): one
"Practice by domain" column lists each domain compactly (credited of required,
met or not yet, waiting on a second line) instead of three columns per domain;
the learner's name comes before (and above) the email; the spreadsheet export
keeps every number."""

import csv
import io
import re
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from practice.models import HoursEntry
from programs.models import ProgramDomainRequirement
from tests.practice.factories import HoursEntryFactory, hours_enrollment, hours_program
from tests.programs.factories import domain
from tests.training.factories import CoordinatorFactory, LearnerFactory

pytestmark = pytest.mark.django_db
S = HoursEntry.Status
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DOMAINS = [
    "Advocacy",
    "Mentoring and Education",
    "Recovery and Wellness Support",
    "Ethical Responsibility",
]


@pytest.fixture
def coordinator(site):
    user = CoordinatorFactory()
    TOTP.activate(user, SECRET)
    return user


def four_domain_program():
    """The demo's shape: a requirement in each of the four domains."""
    program = hours_program()
    for slug in ("recovery-wellness-support", "ethical-responsibility"):
        ProgramDomainRequirement.objects.create(
            program=program,
            domain=domain(slug),
            training_hours_min=Decimal("2"),
            practice_hours_min=Decimal("2"),
        )
    return program


def report(client, **query):
    return client.get(reverse("practice_report:index"), query)


def table_of(response) -> str:
    body = response.content.decode()
    start = body.index('<table class="listing')
    return body[start : body.index("</table>", start)]


def test_one_domains_column_names_every_domain_with_credited_of_required(client, coordinator):
    program = four_domain_program()
    enrollment = hours_enrollment(
        program, learner=LearnerFactory(first_name="Rosa", last_name="Diaz")
    )
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, hours=Decimal("4"))
    HoursEntryFactory(enrollment=enrollment, status=S.SUBMITTED, hours=Decimal("1.5"))
    client.force_login(coordinator)
    table = table_of(report(client, program=program.pk))
    headings = re.findall(r"<th scope=\"col\"[^>]*>(.*?)</th>", table, re.S)
    names = [re.sub(r"<[^>]+>", " ", heading).split()[0] for heading in headings]
    # Six columns whatever the number of domains; the requirement check last.
    assert len(headings) == 6, headings
    assert names[0] == "Learner" and "met" in headings[-1].lower()
    assert "colspan" not in table
    for name in DOMAINS:
        assert name in table
    advocacy = table[table.index("Advocacy") :]
    advocacy = advocacy[: advocacy.index("</li>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", advocacy).split())
    assert "4 of 4" in text and "met" in text and "1.5 waiting" in text
    mentoring = table[table.index("Mentoring and Education") :]
    mentoring = " ".join(re.sub(r"<[^>]+>", " ", mentoring[: mentoring.index("</li>")]).split())
    assert "0 of 3" in mentoring and "not yet" in mentoring
    # The raw "approved / waiting / creditable" triple is gone from the screen.
    assert "Credit." not in table and "Appr." not in table


def test_the_name_comes_before_the_email_and_is_the_prominent_one(client, coordinator):
    learner = LearnerFactory(first_name="Rosa", last_name="Diaz", email="rosa@example.org")
    hours_enrollment(four_domain_program(), learner=learner)
    client.force_login(coordinator)
    table = table_of(report(client)).replace("<wbr>", "")
    assert table.index("Rosa Diaz") < table.index("rosa@example.org")
    name = re.search(r'<[^>]*class="[^"]*cohort-report__name[^"]*"[^>]*>\s*Rosa Diaz', table)
    email = re.search(r'class="[^"]*cohort-report__email[^"]*"[^>]*>\s*rosa@example.org', table)
    assert name and email


def test_a_learner_without_a_name_shows_the_email_once(client, coordinator):
    learner = LearnerFactory(first_name="", last_name="", email="nameless@example.org")
    hours_enrollment(four_domain_program(), learner=learner)
    client.force_login(coordinator)
    table = table_of(report(client))
    assert table.count("nameless@example.org") == 1


def test_the_export_keeps_every_domain_and_total(client, coordinator):
    program = four_domain_program()
    enrollment = hours_enrollment(program)
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, hours=Decimal("2.5"))
    client.force_login(coordinator)
    response = report(client, program=program.pk, export="csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    for name in DOMAINS:
        for part in ("approved", "waiting", "creditable"):
            assert f"{name}: {part}" in rows[0]
    for heading in ("Practice required", "Supervision required", "Practice and supervision met"):
        assert heading in rows[0]
    assert rows[1][rows[0].index("Advocacy: approved")] == "2.5"
    assert rows[1][rows[0].index("Practice and supervision met")] == "Not yet"


def test_the_report_costs_the_same_queries_for_2_or_12_learners(
    client, coordinator, django_assert_num_queries
):
    program = four_domain_program()
    client.force_login(coordinator)

    def learners(count):
        for _ in range(count):
            enrollment = hours_enrollment(program)
            HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
            HoursEntryFactory(enrollment=enrollment, status=S.SUBMITTED)

    learners(2)
    report(client, program=program.pk)  # warm the per-process caches and the session
    report(client, program=program.pk)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        assert len(report(client, program=program.pk).context["object_list"]) == 2
    expected = len(two)  # read now: the next request empties the log
    learners(10)
    report(client, program=program.pk)  # warm the caches again after the writes
    with django_assert_num_queries(expected):
        assert len(report(client, program=program.pk).context["object_list"]) == 12

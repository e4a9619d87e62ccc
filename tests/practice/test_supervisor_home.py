"""The supervisor's home, on /dashboard/ and on the admin home: the entries
waiting for their review (how many, the longest-waiting first, how long each has
waited) and each of their mentees' hours against the program. Only their own
mentees; a fixed number of queries."""

import datetime
import html
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from practice import selectors
from practice.models import HoursEntry
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment, hours_program
from tests.training.factories import LearnerFactory, SupervisorFactory, TrainerFactory

pytestmark = pytest.mark.django_db
S = HoursEntry.Status
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def supervisor(site):
    user = SupervisorFactory(first_name="Alex", last_name="Nguyen")
    TOTP.activate(user, SECRET)
    return user


def person(first, last):
    return LearnerFactory(first_name=first, last_name=last)


def waiting(enrollment, *, waited, hours="1", **kwargs):
    return HoursEntryFactory(
        enrollment=enrollment,
        status=S.SUBMITTED,
        hours=Decimal(hours),
        submitted_at=timezone.now() - waited,
        **kwargs,
    )


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def test_the_home_lists_waiting_entries_oldest_first_with_how_long_they_waited(supervisor):
    sam = hours_enrollment(supervisor=supervisor, learner=person("Sam", "Okafor"))
    kim = hours_enrollment(sam.program, supervisor=supervisor, learner=person("Kim", "Lee"))
    newest = waiting(sam, waited=datetime.timedelta(minutes=20))
    oldest = waiting(kim, waited=datetime.timedelta(days=3, hours=2))
    middle = waiting(sam, waited=datetime.timedelta(hours=5))
    HoursEntryFactory(enrollment=sam, status=S.APPROVED)  # not waiting
    HoursEntryFactory(enrollment=sam, status=S.DRAFT)  # the learner's own

    home = selectors.supervisor_home(supervisor)

    assert home.waiting_count == 3
    assert [item.entry for item in home.waiting] == [oldest, middle, newest]
    assert [item.waiting_label for item in home.waiting] == [
        "waiting 3 days",
        "waiting 5 hours",
        "waiting less than an hour",
    ]
    assert [m.enrollment for m in home.mentees] == [kim, sam]  # by last name


def test_mentee_progress_is_the_programs_hours_summary(supervisor):
    enrollment = hours_enrollment(supervisor=supervisor)
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, hours=Decimal("3"))
    HoursEntryFactory(
        enrollment=enrollment,
        status=S.APPROVED,
        hours=Decimal("1.5"),
        activity_type=activity(enrollment.program, "Supervision"),
    )
    waiting(enrollment, waited=datetime.timedelta(days=1), hours="2")

    (mentee,) = selectors.supervisor_home(supervisor).mentees

    assert mentee.summary == selectors.hours_summary(enrollment)
    assert mentee.summary.practice_creditable == Decimal("3")
    assert mentee.summary.practice_required == Decimal("10")
    assert mentee.summary.practice_pending == Decimal("2")
    assert mentee.summary.supervision_creditable == Decimal("1.5")


def test_only_my_current_active_mentees_count(supervisor):
    mine = hours_enrollment(supervisor=supervisor)
    other = hours_enrollment(mine.program, supervisor=SupervisorFactory())
    withdrawn = hours_enrollment(mine.program, supervisor=supervisor, status="withdrawn")
    waiting(mine, waited=datetime.timedelta(days=1))
    waiting(other, waited=datetime.timedelta(days=9))
    waiting(withdrawn, waited=datetime.timedelta(days=9))

    home = selectors.supervisor_home(supervisor)

    assert home.waiting_count == 1
    assert [m.enrollment for m in home.mentees] == [mine]
    assert home.waiting[0].entry.enrollment == mine


def test_the_home_takes_the_same_queries_for_one_or_many_mentees(
    supervisor, django_assert_num_queries
):
    # Mentees, their entries, the programs' requirements (three, none while
    # cached: training/content_cache.py), the first waiting entries.
    program = hours_program()
    first = hours_enrollment(program, supervisor=supervisor)
    waiting(first, waited=datetime.timedelta(days=2))

    with django_assert_num_queries(6):
        home = selectors.supervisor_home(supervisor)
        # Everything the templates read is loaded.
        [(m.enrollment.learner.email, m.enrollment.program.title) for m in home.mentees]
        [(w.entry.domain.name, w.entry.enrollment.learner.email) for w in home.waiting]

    for _ in range(12):
        enrollment = hours_enrollment(program, supervisor=supervisor)
        for days in range(3):
            waiting(enrollment, waited=datetime.timedelta(days=days + 1))
        HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)

    with django_assert_num_queries(6):
        home = selectors.supervisor_home(supervisor)
        [(m.enrollment.learner.email, m.enrollment.program.title) for m in home.mentees]
        [(w.entry.domain.name, w.entry.enrollment.learner.email) for w in home.waiting]
    assert home.waiting_count == 37
    assert len(home.waiting) == selectors.SUPERVISOR_HOME_WAITING_SHOWN
    assert home.more_waiting == 37 - selectors.SUPERVISOR_HOME_WAITING_SHOWN


def test_nobody_assigned_costs_one_query(supervisor, django_assert_num_queries):
    with django_assert_num_queries(1):
        home = selectors.supervisor_home(supervisor)
    assert home.waiting_count == 0 and home.mentees == ()


def test_the_dashboard_shows_the_supervisor_what_waits(client, supervisor):
    enrollment = hours_enrollment(supervisor=supervisor, learner=person("Sam", "Okafor"))
    entry = waiting(enrollment, waited=datetime.timedelta(days=3, hours=1), hours="2")
    waiting(enrollment, waited=datetime.timedelta(hours=2))
    client.force_login(supervisor)

    response = client.get(reverse("dashboard"))

    content = text(response)
    assert "Your supervision" in content
    assert "2 hours entries are waiting for your review" in content
    assert f"Sam Okafor: 2 hours on {entry.date:%-d %B %Y}" in content
    assert "waiting 3 days" in content
    assert "waiting 2 hours" in content
    assert reverse("practice_review:entry", args=[entry.pk]) in response.content.decode()
    assert "Practice: 0 of 10 hours approved (3 waiting for review)" in content
    assert "The people you supervise" in content


def test_the_admin_home_panel_shows_the_same(client, supervisor):
    enrollment = hours_enrollment(supervisor=supervisor, learner=person("Sam", "Okafor"))
    waiting(enrollment, waited=datetime.timedelta(days=4))
    client.force_login(supervisor)

    content = text(client.get(reverse("wagtailadmin_home")))

    assert "Your supervision" in content
    assert "1 hours entry is waiting for your review" in content
    assert "waiting 4 days" in content
    assert "Sam Okafor" in content
    assert "Practice: 0 of 10 hours approved (1 waiting for review)" in content


def test_a_supervisor_with_nothing_waiting_is_told_so(client, supervisor):
    hours_enrollment(supervisor=supervisor)
    client.force_login(supervisor)
    for url in (reverse("dashboard"), reverse("wagtailadmin_home")):
        content = text(client.get(url))
        assert "Nothing is waiting for your review" in content


def test_another_supervisors_mentees_never_show(client, supervisor):
    other = hours_enrollment(supervisor=SupervisorFactory(), learner=person("Robin", "Hart"))
    waiting(other, waited=datetime.timedelta(days=2))
    client.force_login(supervisor)
    for url in (reverse("dashboard"), reverse("wagtailadmin_home")):
        content = text(client.get(url))
        assert "Robin Hart" not in content
        assert "Nobody is assigned to you yet" in content


def test_learners_and_other_staff_get_no_supervision_section(client, site):
    trainer = TrainerFactory()
    TOTP.activate(trainer, SECRET)
    for user in (LearnerFactory(), trainer):
        client.force_login(user)
        assert "Your supervision" not in text(client.get(reverse("dashboard")))
    client.force_login(trainer)
    assert "Your supervision" not in text(client.get(reverse("wagtailadmin_home")))

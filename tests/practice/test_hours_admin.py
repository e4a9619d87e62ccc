"""Practice hours in the Wagtail admin, over HTTP: the supervisor's review queue,
an entry's page, every entry and the cohort report for coordinators, and the
program's hour requirements. Supervisors see only their own mentees; coordinators
never see notes."""

import csv
import datetime
import html
import io
from decimal import Decimal

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from practice.models import HoursEntry
from programs.models import ActivityType, Program
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment, hours_program
from tests.programs.factories import domain
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory

pytestmark = pytest.mark.django_db
S = HoursEntry.Status
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NOTES = "Private working note about the session."


def staff(factory, **kwargs):
    user = factory(**kwargs)
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def supervisor(site):
    return staff(SupervisorFactory, first_name="Alex", last_name="Nguyen")


@pytest.fixture
def enrollment(supervisor):
    return hours_enrollment(supervisor=supervisor)


def submitted(enrollment, days_ago=1, **kwargs):
    kwargs.setdefault("notes", NOTES)
    return HoursEntryFactory(
        enrollment=enrollment,
        status=S.SUBMITTED,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        **kwargs,
    )


def messages_of(response):
    return [html.unescape(str(m)) for m in response.context["messages"]]


def assert_refused(response):
    """Wagtail answers a refused admin page with a redirect to the admin home
    (and a "no permission" message), or a 403."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response.url == reverse("wagtailadmin_home")


# --- The review queue --------------------------------------------------------------------------


def test_the_queue_shows_only_my_mentees_submitted_entries_oldest_first(
    client, supervisor, enrollment
):
    later = submitted(enrollment, days_ago=1, submitted_at=timezone.now())
    earlier = submitted(
        enrollment, days_ago=3, submitted_at=timezone.now() - datetime.timedelta(days=2)
    )
    HoursEntryFactory(enrollment=enrollment, notes="A draft nobody else sees.")
    someone_elses = submitted(hours_enrollment(enrollment.program), notes="Other mentee.")
    client.force_login(supervisor)
    response = client.get(reverse("practice_review:index"))
    assert response.status_code == 200
    assert list(response.context["object_list"]) == [earlier, later]
    content = response.content.decode()
    assert NOTES in content  # the supervisor sees their mentees' notes
    assert "A draft nobody else sees." not in content
    assert "Other mentee." not in content
    assert someone_elses not in response.context["object_list"]


def test_the_queue_takes_the_same_number_of_queries_for_3_or_30_entries(
    client, supervisor, enrollment
):
    client.force_login(supervisor)

    def count(entries):
        HoursEntry.objects.all().delete()
        for n in range(entries):
            other = (
                hours_enrollment(enrollment.program, supervisor=supervisor) if n % 3 else enrollment
            )
            submitted(other, days_ago=1 + n % 10)
        client.get(reverse("practice_review:index"))  # warm the per-request caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("practice_review:index"))
        assert len(response.context["object_list"]) == entries
        return len(queries)

    assert count(3) == count(30)


def test_approving_and_returning_from_the_queue(
    client, supervisor, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    first, second, third = (submitted(enrollment, days_ago=n) for n in (1, 2, 3))
    client.force_login(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("practice_review:approve"), {"entries": [first.pk, second.pk]}, follow=True
        )
    assert "Approved 2 entries" in messages_of(response)[-1]
    assert len(mailoutbox) == 1

    response = client.post(
        reverse("practice_review:return"), {"entries": [third.pk], "comment": ""}, follow=True
    )
    assert "Write a comment" in messages_of(response)[-1]
    third.refresh_from_db()
    assert third.status == S.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("practice_review:return"),
            {"entries": [third.pk], "comment": "Which domain fits best?"},
            follow=True,
        )
    assert "Returned 1 entry" in messages_of(response)[-1]
    for entry in (first, second, third):
        entry.refresh_from_db()
    assert [first.status, second.status, third.status] == [S.APPROVED, S.APPROVED, S.RETURNED]
    assert third.review_comment == "Which domain fits best?"


def test_approving_another_supervisors_mentee_over_http_is_refused(client, supervisor):
    entry = submitted(hours_enrollment())
    client.force_login(supervisor)
    response = client.post(reverse("practice_review:approve"), {"entries": [entry.pk]})
    assert response.status_code == 403
    assert "don't supervise" in html.unescape(response.content.decode())
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


@pytest.mark.parametrize("factory", [CoordinatorFactory, LearnerFactory])
def test_the_queue_and_its_actions_are_for_supervisors_only(client, site, enrollment, factory):
    entry = submitted(enrollment)
    person = staff(factory)
    client.force_login(person)
    assert_refused(client.get(reverse("practice_review:index")))
    assert_refused(client.post(reverse("practice_review:approve"), {"entries": [entry.pk]}))
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


def test_the_queue_follows_a_change_of_supervisor(client, supervisor, enrollment):
    from programs import services

    entry = submitted(enrollment)
    new = staff(SupervisorFactory)
    services.enrollment_change_supervisor(
        enrollment=enrollment, supervisor=new, changed_by=CoordinatorFactory()
    )
    client.force_login(supervisor)
    assert list(client.get(reverse("practice_review:index")).context["object_list"]) == []
    client.force_login(new)
    assert list(client.get(reverse("practice_review:index")).context["object_list"]) == [entry]


# --- One entry --------------------------------------------------------------------------------


def test_the_supervisor_sees_the_notes_and_the_coordinator_does_not(client, supervisor, enrollment):
    entry = submitted(enrollment)
    client.force_login(supervisor)
    response = client.get(reverse("practice_review:entry", args=[entry.pk]))
    assert response.status_code == 200
    assert NOTES in response.content.decode()
    assert "Return with this comment" in response.content.decode()

    client.force_login(staff(CoordinatorFactory))
    response = client.get(reverse("practice_review:entry", args=[entry.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert NOTES not in content
    assert "visible only to the learner and their supervisor" in content
    assert "Return with this comment" not in content


def test_another_supervisor_cannot_open_an_entry_and_drafts_stay_private(
    client, supervisor, enrollment
):
    entry = submitted(enrollment)
    draft = HoursEntryFactory(enrollment=enrollment)
    client.force_login(staff(SupervisorFactory))
    assert_refused(client.get(reverse("practice_review:entry", args=[entry.pk])))
    client.force_login(supervisor)
    assert_refused(client.get(reverse("practice_review:entry", args=[draft.pk])))


def test_a_coordinator_reopens_an_approved_entry(
    client, site, enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    entry = HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
    coordinator = staff(CoordinatorFactory)
    client.force_login(coordinator)
    response = client.post(reverse("practice_review:reopen", args=[entry.pk]), {"reason": ""})
    assert response.status_code == 400
    assert "Write the reason" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == S.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("practice_review:reopen", args=[entry.pk]), {"reason": "Wrong date."}
        )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == S.RETURNED and entry.review_comment == "Wrong date."
    assert mailoutbox[-1].to == [enrollment.learner.email]
    page = client.get(reverse("practice_review:entry", args=[entry.pk])).content.decode()
    assert "Reopened by a coordinator" in page


def test_a_supervisor_cannot_reopen(client, supervisor, enrollment):
    entry = HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
    client.force_login(supervisor)
    response = client.post(reverse("practice_review:reopen", args=[entry.pk]), {"reason": "Mine."})
    assert response.status_code == 400
    assert "Only a coordinator" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == S.APPROVED


# --- Every entry, and the cohort report (coordinators) ------------------------------------------


def test_coordinators_list_and_export_entries_without_notes(client, site, enrollment):
    submitted(enrollment)
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, notes=NOTES)
    client.force_login(staff(CoordinatorFactory))
    response = client.get(reverse("practice_entry:index"))
    assert response.status_code == 200
    assert NOTES not in response.content.decode()
    assert str(enrollment.learner) in response.content.decode()
    export = client.get(reverse("practice_entry:index") + "?export=csv")
    body = b"".join(export.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "Learner" and "Notes" not in rows[0]
    assert len(rows) == 3
    assert NOTES not in body


def test_supervisors_do_not_get_the_full_listing_or_the_report(client, supervisor):
    client.force_login(supervisor)
    assert_refused(client.get(reverse("practice_entry:index")))
    assert_refused(client.get(reverse("practice_report:index")))


def test_the_cohort_report_shows_learners_by_domain(client, site, enrollment):
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, hours=Decimal("3"))
    submitted(enrollment, hours=Decimal("1.5"))
    other_cohort = hours_enrollment(enrollment.program)
    client.force_login(staff(CoordinatorFactory))
    response = client.get(reverse("practice_report:index") + f"?cohort={enrollment.cohort_id}")
    assert response.status_code == 200
    rows = response.context["object_list"]
    assert [row.enrollment for row in rows] == [enrollment]
    advocacy = rows[0].summary.domain("advocacy")
    assert (advocacy.approved, advocacy.pending, advocacy.creditable) == (
        Decimal("3"),
        Decimal("1.5"),
        Decimal("3"),
    )
    assert str(other_cohort.learner) not in response.content.decode()
    assert NOTES not in response.content.decode()


def test_the_cohort_report_exports_csv_and_xlsx_without_notes(client, site, enrollment):
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, hours=Decimal("2.5"), notes=NOTES)
    client.force_login(staff(CoordinatorFactory))
    base = reverse("practice_report:index") + f"?cohort={enrollment.cohort_id}"
    response = client.get(base + "&export=csv")
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert "Advocacy: approved" in rows[0]
    assert rows[1][rows[0].index("Advocacy: approved")] == "2.5"
    assert NOTES not in body
    response = client.get(base + "&export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_report_filters_by_entry_dates(client, site, enrollment):
    HoursEntryFactory(
        enrollment=enrollment,
        status=S.APPROVED,
        date=timezone.localdate() - datetime.timedelta(days=20),
    )
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, hours=Decimal("2"))
    client.force_login(staff(CoordinatorFactory))
    since = (timezone.localdate() - datetime.timedelta(days=5)).isoformat()
    response = client.get(
        reverse("practice_report:index") + f"?cohort={enrollment.cohort_id}&date_from={since}"
    )
    (row,) = response.context["object_list"]
    assert row.summary.practice_approved == Decimal("2")


def test_the_report_takes_the_same_number_of_queries_for_3_or_30_learners(client, site):
    program = hours_program()
    client.force_login(staff(CoordinatorFactory))

    def count(learners):
        HoursEntry.objects.all().delete()
        program.enrollments.all().delete()
        enrollments = [hours_enrollment(program) for _ in range(learners)]
        for enrollment in enrollments:
            HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
            HoursEntryFactory(enrollment=enrollment, status=S.SUBMITTED)
        client.get(reverse("practice_report:index"))  # warm the per-request caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("practice_report:index") + f"?program={program.pk}")
        assert len(response.context["object_list"]) == learners
        return len(queries)

    assert count(3) == count(30)


# --- The program's requirements -----------------------------------------------------------------


def program_form(program, activity_types, domain_rows=None):
    domain_rows = domain_rows or [
        {
            "id": requirement.pk,
            "domain": requirement.domain_id,
            "training_hours_min": "2",
            "practice_hours_min": "4",
        }
        for requirement in program.domain_requirements.all()
    ]
    return nested_form_data(
        {
            "title": program.title,
            "slug": program.slug,
            "credential_title": program.credential_title,
            "description": program.description,
            "practice_hours_required": "12",
            "supervision_hours_required": "3",
            "max_hours_per_entry": "4",
            "max_hours_per_day": "6",
            "max_hours_per_week": "",
            "required_courses": inline_formset([]),
            "domain_requirements": inline_formset(
                domain_rows, initial=program.domain_requirements.count()
            ),
            "activity_types": inline_formset(
                activity_types, initial=program.activity_types.count()
            ),
        }
    )


def activity_rows(program, delete=()):
    return [
        {
            "id": a.pk,
            "name": a.name,
            "counts_as": a.counts_as,
            "is_active": "on" if a.is_active else "",
            "DELETE": "on" if a.name in delete else "",
        }
        for a in program.activity_types.all()
    ]


def test_a_coordinator_sets_a_programs_hour_requirements(client, site):
    program = hours_program()
    client.force_login(staff(CoordinatorFactory))
    rows = activity_rows(program) + [
        {"name": "Outreach", "counts_as": "practice", "is_active": "on"}
    ]
    response = client.post(
        reverse("programs_program:edit", args=[program.pk]), program_form(program, rows)
    )
    assert response.status_code == 302, response.context["form"].errors
    program.refresh_from_db()
    assert program.practice_hours_required == Decimal("12")
    assert program.activity_types.filter(name="Outreach").exists()


def test_an_activity_type_with_hours_cannot_be_deleted(client, site):
    program = hours_program()
    enrollment = hours_enrollment(program)
    HoursEntryFactory(enrollment=enrollment, activity_type=activity(program, "Group facilitation"))
    client.force_login(staff(CoordinatorFactory))
    response = client.post(
        reverse("programs_program:edit", args=[program.pk]),
        program_form(program, activity_rows(program, delete={"Group facilitation"})),
    )
    assert response.status_code == 200
    assert "has logged hours, so it can" in response.content.decode()
    assert ActivityType.objects.filter(program=program, name="Group facilitation").exists()


def test_a_domain_listed_twice_is_refused(client, site):
    program = hours_program()
    client.force_login(staff(CoordinatorFactory))
    advocacy = domain("advocacy").pk
    rows = [
        {"domain": advocacy, "training_hours_min": "1", "practice_hours_min": "1"},
        {"domain": advocacy, "training_hours_min": "1", "practice_hours_min": "1"},
    ]
    program.domain_requirements.all().delete()
    response = client.post(
        reverse("programs_program:edit", args=[program.pk]),
        program_form(program, activity_rows(program), domain_rows=rows),
    )
    assert response.status_code == 200
    assert "Please correct the duplicate" in response.content.decode()
    assert Program.objects.get(pk=program.pk).domain_requirements.count() == 0

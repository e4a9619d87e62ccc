"""The learner's hours pages on the public site, over HTTP: logging (with the
identifier check), editing, submitting, withdrawing, deleting, the CSV and the
printable summary; and nobody else reaching any of them."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.models import HoursEntry
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment
from tests.programs.factories import domain
from tests.training.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db
S = HoursEntry.Status


@pytest.fixture
def enrollment(site):
    return hours_enrollment()


@pytest.fixture
def learner_client(client, enrollment):
    client.force_login(enrollment.learner)
    return client


def url(name, enrollment, *args):
    return reverse(f"practice:{name}", args=[enrollment.program.slug, *args])


def form_data(enrollment, **overrides):
    data = {
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "hours": "1.5",
        "domain": domain("advocacy").pk,
        "activity_type": activity(enrollment.program).pk,
        "setting": "Recovery community centre",
        "notes": "Practised open questions with a peer.",
    }
    return {**data, **overrides}


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


# --- Logging -----------------------------------------------------------------------------


def test_the_log_shows_totals_entries_and_the_privacy_warning(learner_client, enrollment):
    HoursEntryFactory(enrollment=enrollment, status=S.RETURNED, review_comment="Add a detail.")
    response = learner_client.get(url("hours_log", enrollment))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Your practice hours" in content and "Add a detail." in content
    assert "Supervision received" in content
    form = learner_client.get(url("hours_add", enrollment)).content.decode()
    assert "Keep people you support anonymous" in form
    assert "Don&#x27;t include anything that could identify a person" in form or (
        "Don't include anything that could identify a person" in form
    )


def test_logging_an_entry_saves_a_draft(learner_client, enrollment):
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment))
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.status == S.DRAFT and entry.hours == Decimal("1.5")
    assert entry.enrollment == enrollment


# Logging an entry: session, user, enrollment, the form's choices and checks,
# the daily total, the insert and its history event.
LOG_ENTRY_MAX_QUERIES = 26


def test_logging_an_entry_costs_a_fixed_number_of_queries_and_no_reference_index(
    learner_client, enrollment, django_assert_max_num_queries
):
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    learner_client.post(url("hours_add", enrollment), form_data(enrollment))
    with django_assert_max_num_queries(LOG_ENTRY_MAX_QUERIES):
        response = learner_client.post(url("hours_add", enrollment), form_data(enrollment))
    assert response.status_code == 302
    assert HoursEntry.objects.count() == 2
    # Records are not content: Wagtail's "usage" index keeps nothing of them.
    hours_type = ContentType.objects.get_for_model(HoursEntry)
    assert not ReferenceIndex.objects.filter(base_content_type=hours_type).exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"date": "2999-01-01"}, "can&#x27;t be in the future"),
        ({"hours": "0"}, "Enter more than zero hours"),
        ({"hours": "-2"}, "Enter more than zero hours"),
        ({"hours": "1.3"}, "Use quarter-hour steps"),
        ({"hours": "5"}, "One entry can have at most 4 hours"),
        ({"notes": "a" * 1001}, "Please keep notes under 1,000 characters"),
    ],
)
def test_bad_input_is_refused_on_the_form_with_a_clear_message(
    learner_client, enrollment, overrides, message
):
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_an_activity_type_of_another_program_is_refused_on_the_form(learner_client, enrollment):
    other = hours_enrollment().program
    response = learner_client.post(
        url("hours_add", enrollment), form_data(enrollment, activity_type=activity(other).pk)
    )
    assert response.status_code == 400
    assert "Choose one of this program&#x27;s activity types" in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_a_day_over_the_cap_is_refused_on_the_form(learner_client, enrollment):
    learner_client.post(url("hours_add", enrollment), form_data(enrollment, hours="4"))
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment, hours="3"))
    assert response.status_code == 400
    assert "more than the 6 hours a day" in response.content.decode()
    assert HoursEntry.objects.count() == 1


def test_flagged_notes_ask_to_rewrite_or_confirm(learner_client, enrollment):
    notes = "Helped client Maria; her number is 555-123-4567."
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment, notes=notes))
    assert response.status_code == 400
    content = response.content.decode()
    assert "it may identify someone" in content
    assert "a person&#x27;s name" in content and "Maria" in content
    assert "a phone number" in content and "555-123-4567" in content
    assert 'name="confirm_no_client_info"' in content
    assert not HoursEntry.objects.exists()

    # Rewritten: saved, no confirmation needed.
    response = learner_client.post(
        url("hours_add", enrollment),
        form_data(enrollment, notes="Helped a peer with a housing form."),
    )
    assert response.status_code == 302
    assert HoursEntry.objects.get().client_info_confirmed_at is None


def test_confirming_saves_flagged_notes_and_records_it(learner_client, enrollment):
    notes = "Debriefed with my supervisor Alex."
    learner_client.post(url("hours_add", enrollment), form_data(enrollment, notes=notes))
    assert not HoursEntry.objects.exists()
    response = learner_client.post(
        url("hours_add", enrollment),
        form_data(enrollment, notes=notes, confirm_no_client_info="on"),
    )
    assert response.status_code == 302
    entry = HoursEntry.objects.get()
    assert entry.client_info_confirmed_at and entry.client_info_confirmed_kinds == ["name"]


# --- Editing, submitting, withdrawing, deleting ---------------------------------------------


def test_editing_a_returned_entry_and_submitting_it(learner_client, enrollment):
    entry = HoursEntryFactory(enrollment=enrollment, status=S.RETURNED, review_comment="More.")
    response = learner_client.get(url("hours_edit", enrollment, entry.pk))
    assert "More." in response.content.decode()
    response = learner_client.post(
        url("hours_edit", enrollment, entry.pk), form_data(enrollment, hours="2")
    )
    assert response.status_code == 302
    response = learner_client.post(
        url("hours_submit", enrollment), {"entries": [entry.pk]}, follow=True
    )
    assert "Submitted 1 entry for review" in messages_of(response)[-1]
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED and entry.hours == Decimal("2")


def _select(page: str, field: str) -> str:
    return page.split(f'name="{field}"', 1)[1].split("</select>", 1)[0]


def options(page: str, field: str) -> list[str]:
    """The values offered by the <select> named `field`."""
    return [part.split('"', 1)[0] for part in _select(page, field).split('value="')[1:]]


def selected_option(page: str, field: str) -> str:
    """The value of the option chosen in the <select> named `field`."""
    return _select(page, field).split(" selected", 1)[0].rsplit('value="', 1)[1].split('"', 1)[0]


def test_the_edit_form_shows_the_entrys_own_choices(learner_client, enrollment):
    entry = HoursEntryFactory(
        enrollment=enrollment, status=S.RETURNED, domain=domain("mentoring-education")
    )
    page = learner_client.get(url("hours_edit", enrollment, entry.pk)).content.decode()
    assert selected_option(page, "domain") == str(domain("mentoring-education").pk)
    assert selected_option(page, "activity_type") == str(entry.activity_type_id)


def test_a_retired_activity_type_stays_on_its_entry_but_is_offered_no_more(
    learner_client, enrollment
):
    retired = activity(enrollment.program)
    entry = HoursEntryFactory(enrollment=enrollment, status=S.DRAFT, activity_type=retired)
    offered = options(
        learner_client.get(url("hours_add", enrollment)).content.decode(), "activity_type"
    )
    assert str(retired.pk) in offered
    retired.is_active = False
    retired.save()
    # The kept choices change with the next request.
    new_form = learner_client.get(url("hours_add", enrollment)).content.decode()
    assert str(retired.pk) not in options(new_form, "activity_type")
    assert len(options(new_form, "activity_type")) == len(offered) - 1
    edit_form = learner_client.get(url("hours_edit", enrollment, entry.pk)).content.decode()
    assert selected_option(edit_form, "activity_type") == str(retired.pk)
    response = learner_client.post(
        url("hours_add", enrollment), form_data(enrollment, activity_type=retired.pk)
    )
    assert response.status_code == 400
    assert "Choose one of this program&#x27;s activity types" in response.content.decode()
    response = learner_client.post(
        url("hours_edit", enrollment, entry.pk),
        form_data(enrollment, activity_type=retired.pk, hours="2"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.hours == Decimal("2") and entry.activity_type == retired


def test_a_domain_the_program_stops_counting_is_refused_at_once(learner_client, enrollment):
    program = enrollment.program
    advocacy = domain("advocacy")
    page = learner_client.get(url("hours_add", enrollment)).content.decode()
    assert str(advocacy.pk) in options(page, "domain")
    for requirement in program.domain_requirements.filter(domain=advocacy):
        requirement.delete()  # one by one, as the admin does: each sends post_delete
    page = learner_client.get(url("hours_add", enrollment)).content.decode()
    assert str(advocacy.pk) not in options(page, "domain")
    assert options(page, "domain")[1:]  # the others are still offered
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment))
    assert response.status_code == 400
    assert "Choose one of this program&#x27;s domains" in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_editing_an_approved_entry_is_refused_over_http(learner_client, enrollment):
    entry = HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
    response = learner_client.get(url("hours_edit", enrollment, entry.pk), follow=True)
    assert "approved and locked" in messages_of(response)[0]
    response = learner_client.post(
        url("hours_edit", enrollment, entry.pk), form_data(enrollment, hours="3"), follow=True
    )
    assert "approved and locked" in messages_of(response)[0]
    entry.refresh_from_db()
    assert entry.hours == Decimal("1")


def test_withdrawing_and_deleting(learner_client, enrollment):
    submitted = HoursEntryFactory(enrollment=enrollment, status=S.SUBMITTED)
    response = learner_client.post(url("hours_withdraw", enrollment, submitted.pk), follow=True)
    assert "Withdrawn" in messages_of(response)[0]
    submitted.refresh_from_db()
    assert submitted.status == S.DRAFT

    draft = HoursEntryFactory(enrollment=enrollment)
    learner_client.post(url("hours_delete", enrollment, draft.pk))
    assert not HoursEntry.objects.filter(pk=draft.pk).exists()
    response = learner_client.post(url("hours_delete", enrollment, submitted.pk), follow=True)
    assert "stays in your log" in messages_of(response)[-1]
    assert HoursEntry.objects.filter(pk=submitted.pk).exists()


def test_submitting_nothing_says_so(learner_client, enrollment):
    response = learner_client.post(url("hours_submit", enrollment), {}, follow=True)
    assert "Choose at least one entry" in messages_of(response)[0]


def test_the_entry_page_shows_its_history(learner_client, enrollment):
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment))
    entry = HoursEntry.objects.get()
    response = learner_client.get(url("hours_detail", enrollment, entry.pk))
    assert "Logged" in response.content.decode()
    assert "Delete this draft" in response.content.decode()


# --- Exports -----------------------------------------------------------------------------------


def test_the_csv_holds_the_whole_log_with_notes(learner_client, enrollment):
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, notes="=SUM(A1) a formula")
    HoursEntryFactory(enrollment=enrollment, notes="A draft note.")
    response = learner_client.get(url("hours_csv", enrollment))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Date", "Hours", "Domain"]
    assert len(rows) == 3
    notes = {row[6] for row in rows[1:]}
    assert notes == {"'=SUM(A1) a formula", "A draft note."}  # a formula is defused


def test_the_printable_summary_lists_approved_entries_and_leaves_notes_out(
    learner_client, enrollment
):
    HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, notes="Private reflection.")
    HoursEntryFactory(enrollment=enrollment, status=S.SUBMITTED, setting="Waiting room")
    response = learner_client.get(url("hours_print", enrollment))
    content = response.content.decode()
    assert "Supervised practice hours" in content
    assert enrollment.learner.name_for_certificate in content
    assert "Recovery community centre" in content and "Waiting room" not in content
    assert "Private reflection." not in content
    with_notes = learner_client.get(url("hours_print", enrollment) + "?notes=1")
    assert "Private reflection." in with_notes.content.decode()


# --- Nobody else ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, method, with_entry",
    [
        ("hours_log", "get", False),
        ("hours_add", "get", False),
        ("hours_csv", "get", False),
        ("hours_print", "get", False),
        ("hours_submit", "post", False),
        ("hours_detail", "get", True),
        ("hours_edit", "get", True),
        ("hours_withdraw", "post", True),
        ("hours_delete", "post", True),
    ],
)
def test_other_people_cannot_reach_a_learners_hours(client, enrollment, name, method, with_entry):
    entry = HoursEntryFactory(enrollment=enrollment, status=S.SUBMITTED, notes="Not yours.")
    args = [entry.pk] if with_entry else []
    target = url(name, enrollment, *args)
    # Signed out: sent to sign in.
    response = getattr(client, method)(target)
    assert response.status_code == 302 and "/accounts/login/" in response.url
    # Another learner in the same program, the supervisor, a coordinator: not found.
    for person in (
        hours_enrollment(enrollment.program).learner,
        enrollment.supervisor,
        CoordinatorFactory(),
    ):
        client.force_login(person)
        response = getattr(client, method)(target, {"entries": [entry.pk]})
        if name in ("hours_log", "hours_add", "hours_csv", "hours_print", "hours_submit") and (
            person.enrollments.filter(program=enrollment.program).exists()
        ):
            # Their own log in the program: never this entry.
            assert b"Not yours." not in response.content
        else:
            assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.status == S.SUBMITTED


def test_another_learners_entry_is_not_found_even_through_my_own_log(client, enrollment):
    mine = hours_enrollment(enrollment.program)
    theirs = HoursEntryFactory(enrollment=enrollment, notes="Theirs.")
    client.force_login(mine.learner)
    assert client.get(url("hours_detail", mine, theirs.pk)).status_code == 404
    response = client.post(url("hours_submit", mine), {"entries": [theirs.pk]}, follow=True)
    assert "aren't in your log" in messages_of(response)[0]
    theirs.refresh_from_db()
    assert theirs.status == S.DRAFT


def test_a_withdrawn_learner_keeps_their_log_but_cannot_change_it(learner_client, enrollment):
    from programs import services

    entry = HoursEntryFactory(enrollment=enrollment, status=S.APPROVED, notes="Kept.")
    services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=None)
    response = learner_client.get(url("hours_log", enrollment))
    assert response.status_code == 200
    assert "Submit the chosen entries" not in response.content.decode()
    assert url("hours_detail", enrollment, entry.pk) in response.content.decode()
    response = learner_client.get(url("hours_csv", enrollment))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[6] for row in rows[1:]] == ["Kept."]
    response = learner_client.post(url("hours_add", enrollment), form_data(enrollment), follow=True)
    assert "isn't active" in messages_of(response)[-1]
    assert list(HoursEntry.objects.filter(enrollment=enrollment)) == [entry]
    entry.refresh_from_db()
    assert entry.status == S.APPROVED and entry.notes == "Kept."

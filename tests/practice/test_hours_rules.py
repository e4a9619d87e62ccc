"""Every rule an hours entry must meet: refused with a clear message, and nothing
saved or changed."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from practice import services
from practice.models import HoursEntry, HoursEntryEvent
from programs import services as program_services
from programs.models import ActivityType
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment, hours_program
from tests.programs.factories import DomainFactory, domain

pytestmark = pytest.mark.django_db


def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def enrollment():
    return hours_enrollment()


def values(enrollment, **overrides):
    base = {
        "date": yesterday(),
        "hours": Decimal("1.5"),
        "domain": domain("advocacy"),
        "activity_type": activity(enrollment.program),
        "setting": "Recovery community centre",
        "notes": "Practised open questions with a peer.",
    }
    return {**base, **overrides}


def create(enrollment, **overrides):
    return services.hours_entry_create(
        enrollment=enrollment, learner=enrollment.learner, **values(enrollment, **overrides)
    )


def refused(enrollment, field, text, **overrides):
    """Creating with `overrides` is refused on `field` with a message containing
    `text`, and nothing is saved."""
    before = HoursEntry.objects.count()
    with pytest.raises(ValidationError) as caught:
        create(enrollment, **overrides)
    messages = (
        caught.value.message_dict.get(field, [])
        if hasattr(caught.value, "error_dict")
        else caught.value.messages
    )
    assert any(text in message for message in messages), caught.value
    assert HoursEntry.objects.count() == before
    return caught.value


def test_a_valid_entry_is_saved_as_a_draft_with_its_history(enrollment):
    entry = create(enrollment)
    assert entry.status == HoursEntry.Status.DRAFT
    assert entry.hours == Decimal("1.5")
    (event,) = entry.events.all()
    assert event.action == HoursEntryEvent.Action.CREATED
    assert event.actor == enrollment.learner
    assert event.snapshot["hours"] == "1.5"


def test_a_future_date_is_refused(enrollment):
    refused(
        enrollment,
        "date",
        "can't be in the future",
        date=timezone.localdate() + datetime.timedelta(days=1),
    )


def test_a_date_before_enrollment_is_refused(enrollment):
    before = timezone.localdate(enrollment.enrolled_at) - datetime.timedelta(days=1)
    refused(enrollment, "date", "before you enrolled", date=before)


@pytest.mark.parametrize("hours", ["0", "-1", "-0.25"])
def test_zero_or_negative_hours_are_refused(enrollment, hours):
    refused(enrollment, "hours", "more than zero", hours=Decimal(hours))


@pytest.mark.parametrize("hours", ["0.1", "1.3", "2.33"])
def test_steps_other_than_a_quarter_hour_are_refused(enrollment, hours):
    refused(enrollment, "hours", "quarter-hour steps", hours=Decimal(hours))


def test_more_than_the_per_entry_cap_is_refused(enrollment):
    error = refused(enrollment, "hours", "at most 4 hours", hours=Decimal("4.25"))
    assert "Split a longer stretch" in error.message_dict["hours"][0]


def test_a_day_over_the_daily_cap_is_refused(enrollment):
    create(enrollment, hours=Decimal("4"))
    error = refused(enrollment, "hours", "already logged 4 hours", hours=Decimal("2.25"))
    assert "more than the 6 hours a day" in error.message_dict["hours"][0]
    # Up to the cap is fine.
    create(enrollment, hours=Decimal("2"))


def test_a_day_never_holds_more_than_24_hours_whatever_the_cap():
    program = hours_program(max_hours_per_entry=Decimal("24"), max_hours_per_day=Decimal("24"))
    enrollment = hours_enrollment(program)
    program.max_hours_per_day = Decimal("30")  # bypassing the model's own validation
    create(enrollment, hours=Decimal("20"))
    refused(enrollment, "hours", "more than the 24 hours a day", hours=Decimal("4.25"))


def test_notes_over_1000_characters_are_refused(enrollment):
    error = refused(enrollment, "notes", "under 1,000 characters", notes="a" * 1001)
    assert "(these have 1,001)" in error.message_dict["notes"][0]
    create(enrollment, notes="a" * 1000)


def test_an_activity_type_of_another_program_is_refused(enrollment):
    other = hours_program()
    refused(
        enrollment,
        "activity_type",
        "Choose one of the activity types",
        activity_type=activity(other),
    )


def test_an_activity_type_the_program_stopped_offering_is_refused_for_new_entries(enrollment):
    retired = activity(enrollment.program, "Group facilitation")
    entry = create(enrollment, activity_type=retired)
    ActivityType.objects.filter(pk=retired.pk).update(is_active=False)
    retired.refresh_from_db()
    refused(enrollment, "activity_type", "no longer accepts", activity_type=retired)
    # An entry that already has it keeps it when edited.
    services.hours_entry_update(
        entry=entry,
        learner=enrollment.learner,
        **values(enrollment, activity_type=retired, hours=Decimal("2")),
    )
    entry.refresh_from_db()
    assert entry.hours == Decimal("2")


def test_a_domain_the_program_does_not_count_is_refused(enrollment):
    refused(enrollment, "domain", "doesn't count hours in", domain=domain("ethical-responsibility"))


def test_a_program_without_domain_requirements_accepts_every_domain():
    program = hours_program()
    program.domain_requirements.all().delete()
    enrollment = hours_enrollment(program)
    unlisted = DomainFactory()
    create(enrollment, domain=unlisted)
    saved = HoursEntry.objects.get(enrollment=enrollment)
    assert saved.domain == unlisted and saved.status == HoursEntry.Status.DRAFT


def test_a_setting_is_required(enrollment):
    refused(enrollment, "setting", "Say where this took place", setting="  ")


def test_several_problems_are_reported_together(enrollment):
    with pytest.raises(ValidationError) as caught:
        create(enrollment, hours=Decimal("0"), setting="", notes="x" * 1001)
    assert set(caught.value.message_dict) == {"hours", "setting", "notes"}


def test_an_inactive_enrollment_cannot_log_hours(enrollment):
    program_services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=None)
    with pytest.raises(ValidationError, match="isn't active"):
        create(enrollment)
    assert not HoursEntry.objects.exists()


def test_nobody_logs_hours_in_someone_elses_enrollment(enrollment):
    other = hours_enrollment(enrollment.program)
    with pytest.raises(ValidationError, match="your own enrollment"):
        services.hours_entry_create(
            enrollment=enrollment, learner=other.learner, **values(enrollment)
        )
    assert not HoursEntry.objects.exists()


# --- Likely identifiers ---------------------------------------------------------------------


def test_notes_with_likely_identifiers_are_not_saved_until_rewritten_or_confirmed(enrollment):
    notes = "Met with client Maria, call 555-123-4567."
    with pytest.raises(services.IdentifiersFound) as caught:
        create(enrollment, notes=notes)
    assert [finding.kind for finding in caught.value.findings] == ["name", "phone"]
    assert "rewrite it" in caught.value.messages[0]
    assert not HoursEntry.objects.exists()

    # Confirmed: saved, and the confirmation is recorded on the entry and its history.
    entry = create(enrollment, notes=notes, confirm_no_client_info=True)
    assert entry.client_info_confirmed_at is not None
    assert entry.client_info_confirmed_kinds == ["name", "phone"]
    assert entry.events.get().confirmed_kinds == ["name", "phone"]


def test_the_setting_is_checked_for_identifiers_too(enrollment):
    with pytest.raises(services.IdentifiersFound):
        create(enrollment, setting="Peer's home at 12 Oak Street")
    assert not HoursEntry.objects.exists()


def test_clean_notes_need_no_confirmation(enrollment):
    entry = create(
        enrollment, notes="Co-facilitated the Tuesday NA meeting at the Main Street clinic."
    )
    assert entry.client_info_confirmed_at is None


def test_an_edit_that_adds_an_identifier_is_refused_and_changes_nothing(enrollment):
    entry = create(enrollment)
    with pytest.raises(services.IdentifiersFound):
        services.hours_entry_update(
            entry=entry,
            learner=enrollment.learner,
            **values(enrollment, notes="Email sam@example.org"),
        )
    entry.refresh_from_db()
    assert entry.notes == "Practised open questions with a peer."
    assert entry.events.count() == 1


# --- Locked states --------------------------------------------------------------------------


def test_editing_an_approved_entry_is_refused_and_changes_nothing(enrollment):
    entry = HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.APPROVED)
    with pytest.raises(ValidationError, match="approved and locked"):
        services.hours_entry_update(
            entry=entry, learner=enrollment.learner, **values(enrollment, hours=Decimal("3"))
        )
    entry.refresh_from_db()
    assert entry.hours == Decimal("1") and entry.status == HoursEntry.Status.APPROVED


def test_editing_a_submitted_entry_asks_to_withdraw_it_first(enrollment):
    entry = HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.SUBMITTED)
    with pytest.raises(ValidationError, match="Withdraw it first"):
        services.hours_entry_update(
            entry=entry, learner=enrollment.learner, **values(enrollment, hours=Decimal("3"))
        )
    entry.refresh_from_db()
    assert entry.hours == Decimal("1")


def test_only_drafts_never_submitted_can_be_deleted(enrollment):
    draft = create(enrollment)
    services.hours_entry_delete(entry=draft, learner=enrollment.learner)
    assert not HoursEntry.objects.filter(pk=draft.pk).exists()

    returned = HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.RETURNED)
    with pytest.raises(ValidationError, match="stays in your log"):
        services.hours_entry_delete(entry=returned, learner=enrollment.learner)
    approved = HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.APPROVED)
    with pytest.raises(ValidationError, match="approved and locked"):
        services.hours_entry_delete(entry=approved, learner=enrollment.learner)
    assert HoursEntry.objects.filter(pk__in=[returned.pk, approved.pk]).count() == 2


def test_program_caps_must_fit_together():
    program = hours_program()
    program.max_hours_per_entry = Decimal("8")
    program.max_hours_per_day = Decimal("6")
    with pytest.raises(ValidationError) as caught:
        program.full_clean()
    assert "max_hours_per_entry" in caught.value.message_dict
    program.max_hours_per_entry = Decimal("4")
    program.max_hours_per_week = Decimal("5")
    with pytest.raises(ValidationError) as caught:
        program.full_clean()
    assert "max_hours_per_week" in caught.value.message_dict
    program.max_hours_per_day = Decimal("6.1")
    with pytest.raises(ValidationError) as caught:
        program.full_clean()
    assert "quarter-hour" in caught.value.message_dict["max_hours_per_day"][0]

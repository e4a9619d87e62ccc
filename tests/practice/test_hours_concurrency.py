"""Reviews racing each other: the database settles it, one decision wins, and the
other side gets the same clear message as someone who came second."""

from decimal import Decimal

from django.core.exceptions import ValidationError

from practice import services
from practice.models import HoursEntry, HoursEntryEvent
from programs import services as program_services
from tests.concurrency import postgresql_races, race
from tests.practice.factories import HoursEntryFactory, hours_enrollment
from tests.training.factories import CoordinatorFactory, SupervisorFactory

pytestmark = postgresql_races


def submitted_entry(enrollment):
    return HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.SUBMITTED)


def test_two_approvals_of_the_same_entry_at_once_give_one_approval(site):
    enrollment = hours_enrollment()
    entry = submitted_entry(enrollment)
    supervisor = enrollment.supervisor
    results, errors = race(
        [lambda: services.hours_entries_approve(entry_ids=[entry.pk], supervisor=supervisor)] * 2
    )
    assert len(errors) == 1, errors
    assert isinstance(errors[0], ValidationError)
    assert "already approved" in " ".join(errors[0].messages)
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.events.filter(action=HoursEntryEvent.Action.APPROVED).count() == 1


def test_two_supervisors_at_once_around_a_change_of_supervisor_give_one_decision(site):
    """The old supervisor approves while a coordinator hands the learner to a new
    supervisor who approves too: exactly one approval, by whoever was the
    supervisor when it happened."""
    enrollment = hours_enrollment()
    entry = submitted_entry(enrollment)
    old, new = enrollment.supervisor, SupervisorFactory()
    coordinator = CoordinatorFactory()

    def hand_over_then_approve():
        program_services.enrollment_change_supervisor(
            enrollment=enrollment, supervisor=new, changed_by=coordinator
        )
        return services.hours_entries_approve(entry_ids=[entry.pk], supervisor=new)

    results, errors = race(
        [
            lambda: services.hours_entries_approve(entry_ids=[entry.pk], supervisor=old),
            hand_over_then_approve,
        ]
    )
    entry.refresh_from_db()
    assert entry.status == HoursEntry.Status.APPROVED
    assert entry.events.filter(action=HoursEntryEvent.Action.APPROVED).count() == 1
    assert entry.reviewed_by in (old, new)
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), errors


def test_approve_and_return_at_once_give_one_decision(site):
    enrollment = hours_enrollment()
    entry = submitted_entry(enrollment)
    supervisor = enrollment.supervisor
    results, errors = race(
        [
            lambda: services.hours_entries_approve(entry_ids=[entry.pk], supervisor=supervisor),
            lambda: services.hours_entries_return(
                entry_ids=[entry.pk], supervisor=supervisor, comment="Add a detail."
            ),
        ]
    )
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), errors
    entry.refresh_from_db()
    decisions = entry.events.filter(
        action__in=[HoursEntryEvent.Action.APPROVED, HoursEntryEvent.Action.RETURNED]
    )
    assert decisions.count() == 1
    assert entry.status in (HoursEntry.Status.APPROVED, HoursEntry.Status.RETURNED)


def test_two_entries_for_the_same_day_at_once_cannot_pass_the_daily_cap(site):
    import datetime

    from django.utils import timezone

    from .factories import activity, domain

    enrollment = hours_enrollment()  # at most 4 hours an entry, 6 a day
    day = timezone.localdate() - datetime.timedelta(days=1)

    def log():
        return services.hours_entry_create(
            enrollment=enrollment,
            learner=enrollment.learner,
            date=day,
            hours=Decimal("4"),
            domain=domain("advocacy"),
            activity_type=activity(enrollment.program),
            setting="Recovery community centre",
            notes="",
        )

    results, errors = race([log, log])
    assert len(errors) == 1 and "a day this program accepts" in " ".join(errors[0].messages)
    assert HoursEntry.objects.filter(enrollment=enrollment, date=day).count() == 1

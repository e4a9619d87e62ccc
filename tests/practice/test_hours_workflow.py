"""The life of an entry: draft → submitted → approved, or returned → edited →
submitted; withdrawn; reopened by a coordinator. Who may do each step, what the
history keeps, who is emailed, and the supervisors' daily digest."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from practice import services
from practice.models import HoursEntry, HoursEntryEvent, SupervisorDigest
from programs import services as program_services
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment
from tests.programs.factories import domain
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory

pytestmark = pytest.mark.django_db
S = HoursEntry.Status
A = HoursEntryEvent.Action


@pytest.fixture
def enrollment():
    return hours_enrollment()


def log(enrollment, hours="1", days_ago=1, notes="Practised reflective listening."):
    return services.hours_entry_create(
        enrollment=enrollment,
        learner=enrollment.learner,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        hours=Decimal(hours),
        domain=domain("advocacy"),
        activity_type=activity(enrollment.program),
        setting="Recovery community centre",
        notes=notes,
    )


def submit(*entries):
    return services.hours_entries_submit(
        entry_ids=[e.pk for e in entries], learner=entries[0].enrollment.learner
    )


def refresh(*entries):
    for entry in entries:
        entry.refresh_from_db()


# --- The whole journey, and its history ---------------------------------------------------


def test_return_fix_resubmit_approve_keeps_every_step(
    enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    supervisor = enrollment.supervisor
    entry = log(enrollment, hours="2")
    submit(entry)
    refresh(entry)
    assert entry.status == S.SUBMITTED and entry.submitted_at

    with django_capture_on_commit_callbacks(execute=True):
        services.hours_entries_return(
            entry_ids=[entry.pk], supervisor=supervisor, comment="Say which skill you practised."
        )
    refresh(entry)
    assert entry.status == S.RETURNED
    assert entry.review_comment == "Say which skill you practised."
    assert "returned" in mailoutbox[-1].subject and mailoutbox[-1].to == [enrollment.learner.email]
    assert "Say which skill you practised." in mailoutbox[-1].body

    services.hours_entry_update(
        entry=entry,
        learner=enrollment.learner,
        date=entry.date,
        hours=Decimal("2.5"),
        domain=entry.domain,
        activity_type=entry.activity_type,
        setting=entry.setting,
        notes="Practised reflective listening and summaries.",
    )
    submit(entry)
    with django_capture_on_commit_callbacks(execute=True):
        services.hours_entries_approve(entry_ids=[entry.pk], supervisor=supervisor)
    refresh(entry)
    assert entry.status == S.APPROVED and entry.reviewed_by == supervisor
    assert entry.review_comment == ""
    assert "approved" in mailoutbox[-1].subject

    history = list(entry.events.order_by("at", "pk"))
    assert [e.action for e in history] == [
        A.CREATED,
        A.SUBMITTED,
        A.RETURNED,
        A.EDITED,
        A.SUBMITTED,
        A.APPROVED,
    ]
    assert [(e.from_status, e.to_status) for e in history[1:]] == [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.RETURNED),
        (S.RETURNED, S.RETURNED),
        (S.RETURNED, S.SUBMITTED),
        (S.SUBMITTED, S.APPROVED),
    ]
    returned, edited = history[2], history[3]
    assert returned.actor == supervisor and returned.comment == "Say which skill you practised."
    assert edited.snapshot["hours"] == "2"  # the values before the edit
    assert history[-1].actor == supervisor


def test_withdrawing_makes_a_submitted_entry_a_draft_again(enrollment):
    entry = log(enrollment)
    submit(entry)
    services.hours_entry_withdraw(entry=entry, learner=enrollment.learner)
    refresh(entry)
    assert entry.status == S.DRAFT
    assert entry.events.last().action == A.WITHDRAWN
    # Once it has been submitted, it stays in the log.
    assert not entry.is_deletable


def test_only_a_submitted_entry_can_be_withdrawn(enrollment):
    draft = log(enrollment)
    with pytest.raises(ValidationError, match="Only an entry waiting for review"):
        services.hours_entry_withdraw(entry=draft, learner=enrollment.learner)
    approved = HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
    with pytest.raises(ValidationError, match="already approved and locked"):
        services.hours_entry_withdraw(entry=approved, learner=enrollment.learner)
    refresh(approved)
    assert approved.status == S.APPROVED


def test_submitting_many_is_all_or_nothing(enrollment):
    first, second = log(enrollment), log(enrollment, days_ago=2)
    approved = HoursEntryFactory(enrollment=enrollment, status=S.APPROVED)
    with pytest.raises(ValidationError) as caught:
        services.hours_entries_submit(
            entry_ids=[first.pk, second.pk, approved.pk], learner=enrollment.learner
        )
    assert "already approved" in " ".join(caught.value.messages)
    refresh(first, second)
    assert first.status == second.status == S.DRAFT
    submit(first, second)
    refresh(first, second)
    assert first.status == second.status == S.SUBMITTED


def test_submitting_nothing_or_without_a_supervisor_is_refused():
    enrollment = hours_enrollment(supervisor=None)
    entry = log(enrollment)
    with pytest.raises(ValidationError, match="Choose at least one"):
        services.hours_entries_submit(entry_ids=[], learner=enrollment.learner)
    with pytest.raises(ValidationError, match="don't have a supervisor"):
        submit(entry)
    refresh(entry)
    assert entry.status == S.DRAFT


# --- Who may do what -----------------------------------------------------------------------


def test_another_learner_cannot_submit_withdraw_edit_or_delete_my_entries(enrollment):
    entry = log(enrollment)
    other = hours_enrollment(enrollment.program).learner
    with pytest.raises(ValidationError, match="aren't in your log"):
        services.hours_entries_submit(entry_ids=[entry.pk], learner=other)
    with pytest.raises(ValidationError):
        services.hours_entry_delete(entry=entry, learner=other)
    submit(entry)
    with pytest.raises(ValidationError, match="only change your own"):
        services.hours_entry_withdraw(entry=entry, learner=other)
    refresh(entry)
    assert entry.status == S.SUBMITTED


def test_a_supervisor_cannot_approve_someone_elses_mentee(enrollment):
    entry = log(enrollment)
    submit(entry)
    other_supervisor = SupervisorFactory()
    with pytest.raises(ValidationError) as caught:
        services.hours_entries_approve(entry_ids=[entry.pk], supervisor=other_supervisor)
    assert "don't supervise" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        services.hours_entries_return(
            entry_ids=[entry.pk], supervisor=other_supervisor, comment="No."
        )
    refresh(entry)
    assert entry.status == S.SUBMITTED and entry.reviewed_by is None


def test_nobody_approves_their_own_hours():
    supervisor = SupervisorFactory()
    enrollment = hours_enrollment(supervisor=SupervisorFactory(), learner=supervisor)
    entry = log(enrollment)
    submit(entry)
    # Even if a record wrongly names them as their own supervisor.
    type(enrollment).objects.filter(pk=enrollment.pk).update(supervisor=supervisor)
    with pytest.raises(ValidationError, match="can't review your own hours"):
        services.hours_entries_approve(entry_ids=[entry.pk], supervisor=supervisor)
    refresh(entry)
    assert entry.status == S.SUBMITTED


def test_a_coordinator_or_a_learner_cannot_approve(enrollment):
    entry = log(enrollment)
    submit(entry)
    for person in (CoordinatorFactory(), LearnerFactory(), enrollment.learner):
        with pytest.raises(ValidationError, match="Only supervisors review"):
            services.hours_entries_approve(entry_ids=[entry.pk], supervisor=person)
    refresh(entry)
    assert entry.status == S.SUBMITTED


def test_approving_an_already_approved_entry_is_refused_and_says_by_whom(enrollment):
    entry = log(enrollment)
    submit(entry)
    services.hours_entries_approve(entry_ids=[entry.pk], supervisor=enrollment.supervisor)
    refresh(entry)
    reviewed_at = entry.reviewed_at
    with pytest.raises(ValidationError) as caught:
        services.hours_entries_approve(entry_ids=[entry.pk], supervisor=enrollment.supervisor)
    assert f"already approved by {enrollment.supervisor}" in caught.value.messages[0]
    refresh(entry)
    assert entry.reviewed_at == reviewed_at
    assert entry.events.filter(action=A.APPROVED).count() == 1


def test_drafts_and_returned_entries_are_not_reviewable(enrollment):
    draft = log(enrollment)
    with pytest.raises(ValidationError, match="isn't waiting for review"):
        services.hours_entries_approve(entry_ids=[draft.pk], supervisor=enrollment.supervisor)
    refresh(draft)
    assert draft.status == S.DRAFT


def test_returning_needs_a_comment(enrollment):
    entry = log(enrollment)
    submit(entry)
    with pytest.raises(ValidationError, match="Write a comment"):
        services.hours_entries_return(
            entry_ids=[entry.pk], supervisor=enrollment.supervisor, comment="   "
        )
    with pytest.raises(ValidationError, match="under 1,000 characters"):
        services.hours_entries_return(
            entry_ids=[entry.pk], supervisor=enrollment.supervisor, comment="x" * 1001
        )
    refresh(entry)
    assert entry.status == S.SUBMITTED


def test_approving_many_is_all_or_nothing_and_emails_each_learner_once(
    enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    second = hours_enrollment(enrollment.program, supervisor=enrollment.supervisor)
    mine = [log(enrollment), log(enrollment, days_ago=2)]
    theirs = log(second)
    submit(*mine)
    submit(theirs)
    outsider = hours_enrollment(enrollment.program)
    foreign = log(outsider)
    submit(foreign)
    with pytest.raises(ValidationError):
        services.hours_entries_approve(
            entry_ids=[e.pk for e in [*mine, theirs, foreign]], supervisor=enrollment.supervisor
        )
    assert HoursEntry.objects.filter(status=S.APPROVED).count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.hours_entries_approve(
            entry_ids=[e.pk for e in [*mine, theirs]], supervisor=enrollment.supervisor
        )
    assert HoursEntry.objects.filter(status=S.APPROVED).count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [enrollment.learner.email, second.learner.email]
    )
    mine_mail = next(m for m in mailoutbox if m.to == [enrollment.learner.email])
    assert "2 practice hours entries approved" in mine_mail.subject
    # Emails never carry the notes.
    assert "reflective listening" not in mine_mail.body


# --- Reopening --------------------------------------------------------------------------------


def test_a_coordinator_reopens_an_approved_entry_and_its_approved_values_are_kept(
    enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    entry = log(enrollment, hours="3")
    submit(entry)
    services.hours_entries_approve(entry_ids=[entry.pk], supervisor=enrollment.supervisor)
    coordinator = CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.hours_entry_reopen(
            entry=entry, coordinator=coordinator, reason="The date was a week off."
        )
    refresh(entry)
    assert entry.status == S.RETURNED and entry.review_comment == "The date was a week off."
    reopened = entry.events.get(action=A.REOPENED)
    assert reopened.actor == coordinator and reopened.comment == "The date was a week off."
    assert reopened.snapshot["status"] == S.APPROVED and reopened.snapshot["hours"] == "3"
    assert mailoutbox[-1].to == [enrollment.learner.email]
    assert "reopened" in mailoutbox[-1].subject


def test_only_a_coordinator_reopens_only_approved_entries_and_with_a_reason(enrollment):
    entry = log(enrollment)
    submit(entry)
    coordinator = CoordinatorFactory()
    with pytest.raises(ValidationError, match="Only approved entries"):
        services.hours_entry_reopen(entry=entry, coordinator=coordinator, reason="Why not.")
    services.hours_entries_approve(entry_ids=[entry.pk], supervisor=enrollment.supervisor)
    with pytest.raises(ValidationError, match="reason"):
        services.hours_entry_reopen(entry=entry, coordinator=coordinator, reason=" ")
    for person in (enrollment.supervisor, enrollment.learner):
        with pytest.raises(ValidationError, match="Only a coordinator"):
            services.hours_entry_reopen(entry=entry, coordinator=person, reason="Please.")
    refresh(entry)
    assert entry.status == S.APPROVED


# --- A change of supervisor -----------------------------------------------------------------


def test_entries_awaiting_review_move_to_the_new_supervisor(enrollment):
    from practice.selectors import review_queue

    entry = log(enrollment)
    submit(entry)
    old = enrollment.supervisor
    new = SupervisorFactory()
    assert list(review_queue(old)) == [entry]
    program_services.enrollment_change_supervisor(
        enrollment=enrollment, supervisor=new, changed_by=CoordinatorFactory()
    )
    assert list(review_queue(old)) == []
    assert list(review_queue(new)) == [entry]
    with pytest.raises(ValidationError, match="don't supervise"):
        services.hours_entries_approve(entry_ids=[entry.pk], supervisor=old)
    services.hours_entries_approve(entry_ids=[entry.pk], supervisor=new)
    refresh(entry)
    assert entry.status == S.APPROVED and entry.reviewed_by == new


# --- The daily digest -------------------------------------------------------------------------


def test_a_supervisor_gets_one_digest_a_day_and_only_when_entries_wait(
    enrollment, mailoutbox, django_capture_on_commit_callbacks
):
    idle_supervisor = hours_enrollment(enrollment.program).supervisor
    entries = [log(enrollment), log(enrollment, days_ago=2)]
    submit(*entries)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_supervisor_digests", stdout=open("/dev/null", "w"))
    assert [m.to for m in mailoutbox] == [[enrollment.supervisor.email]]
    assert "2 hours entries waiting for your review" in mailoutbox[0].subject
    assert "/admin/practice/review/" in mailoutbox[0].body
    assert not any(idle_supervisor.email in m.to for m in mailoutbox)

    # Again the same day: nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.supervisor_digests_send() == 0
    assert len(mailoutbox) == 1
    digest = SupervisorDigest.objects.get()
    assert digest.entry_count == 2 and digest.sent_on == timezone.localdate()

    # The next day, still waiting: one more.
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.supervisor_digests_send(
            today=timezone.localdate() + datetime.timedelta(days=1)
        )
    assert sent == 1 and len(mailoutbox) == 2


def test_no_digest_when_nothing_waits(enrollment, mailoutbox, django_capture_on_commit_callbacks):
    entry = log(enrollment)
    submit(entry)
    services.hours_entries_approve(entry_ids=[entry.pk], supervisor=enrollment.supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.supervisor_digests_send() == 0
    assert mailoutbox == []

"""Faults: a database error in the middle of a multi-step change leaves no partial
state, and the same change works normally afterwards.

The error is a real one from the database, not a mock of our code: Django's
database instrumentation (`connection.execute_wrapper`) lets the change's first
writes run and swaps the chosen write for a statement the database rejects, so
the driver raises a genuine `DatabaseError` part-way through (on PostgreSQL the
transaction is then aborted, as it is after any real failure). Each change is
failed at every one of its writes in turn, so the first, the middle and the last
write are all covered, whatever their number.

"No partial state" is checked on every row of our apps (and the task queue,
the admin log, allauth's addresses and authenticators): all exactly as before,
no email or task queued. Tasks use the database backend here, as in
production, so a queued email or render would show up as a row.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from wagtail.models import ModelLogEntry

from assessments.models import Attempt
from assessments.services import attempt_start, attempt_submit
from certificates.models import Certificate, CertificationReturn
from certificates.services import (
    certificate_issue,
    certificate_render,
    certificate_revoke,
    certificates_render_pending,
    certification_return,
)
from dashboard.models import AccountClosure
from dashboard.services import account_close_request, account_erase
from practice import services
from practice.models import HoursEntry, HoursEntryEvent
from programs import services as program_services
from programs.models import Enrollment, Invitation, JoinRequest
from tests.assessments.factories import enroll_in, make_quiz, right_answers
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import Scenario
from tests.practice.factories import HoursEntryFactory, hours_enrollment, hours_program
from tests.programs.factories import InvitationFactory, JoinRequestFactory
from tests.training.factories import (
    CoordinatorFactory,
    LearnerFactory,
    SupervisorFactory,
    UserFactory,
)
from training import roles

pytestmark = pytest.mark.django_db

SEND_EMAIL = "training.tasks.send_email"
RENDER_CERTIFICATE = "certificates.tasks.render_certificate"
# Rejected by SQLite ("no such table") and PostgreSQL ("relation does not exist").
REJECTED_STATEMENT = "INSERT INTO peerpath_fault_injected_no_such_table (id) VALUES (1)"
WRITES = ("INSERT", "UPDATE", "DELETE")


class FailWrite:
    """An `execute_wrapper` that counts the writes (INSERT, UPDATE, DELETE) and,
    if `fail_at` is set, sends the database a statement it rejects in place of
    that write (counting from 0). The writes before it really run."""

    def __init__(self, fail_at: int | None = None):
        self.fail_at = fail_at
        self.writes: list[str] = []
        self.failed = False

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith(WRITES):
            index = len(self.writes)
            self.writes.append(sql)
            if index == self.fail_at:
                self.failed = True
                assert not many, "fault injection expects single statements"
                return execute(REJECTED_STATEMENT, None, False, context)
        return execute(sql, params, many, context)


class DryRun(Exception):
    pass


def writes_of(run: Callable[[], object]) -> list[str]:
    """The writes a change makes, found by running it once and rolling it back."""
    counter = FailWrite()
    with pytest.raises(DryRun):
        with transaction.atomic(), connection.execute_wrapper(counter):
            run()
            raise DryRun
    return counter.writes


def database_state() -> dict[str, list[dict]]:
    """Every row of our apps, the task queue, the admin log and allauth's
    addresses and authenticators (many-to-many tables included)."""
    models = [
        model
        for label in (
            "training",
            "programs",
            "practice",
            "courses",
            "assessments",
            "certificates",
            "dashboard",
        )
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ] + [DBTaskResult, ModelLogEntry, EmailAddress, Authenticator]
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values()) for model in models
    }


def queued_tasks() -> Counter:
    """Our tasks waiting in the queue (Wagtail queues reference-index updates
    of its own when some records are saved; those are not counted)."""
    paths = DBTaskResult.objects.exclude(task_path__startswith="wagtail.")
    return Counter(paths.values_list("task_path", flat=True))


def emailed() -> list[str]:
    return sorted(
        address
        for kwargs in DBTaskResult.objects.filter(task_path=SEND_EMAIL).values_list(
            "args_kwargs", flat=True
        )
        for address in kwargs["kwargs"]["to"]
    )


@dataclass
class Change:
    """A multi-step change as a view or command makes it, and what it leaves
    behind once it has happened."""

    run: Callable[[], object]
    check_done: Callable[[], None]
    emails_to: list[str] = field(default_factory=list)
    tasks: dict[str, int] = field(default_factory=dict)


# --- The changes ----------------------------------------------------------------------------


def issuing_a_certificate() -> Change:
    scenario = Scenario().make_eligible()
    coordinator = CoordinatorFactory()

    def run():
        return certificate_issue(
            enrollment_id=scenario.enrollment.pk,
            issued_by=coordinator,
            name_as_printed="Riley Morgan",
        )

    def check_done():
        [certificate] = Certificate.objects.filter(enrollment=scenario.enrollment)
        assert certificate.snapshot["name"] == "Riley Morgan"
        assert certificate.issued_by == coordinator and not certificate.is_revoked

    return Change(
        run,
        check_done,
        emails_to=[scenario.learner.email],
        tasks={SEND_EMAIL: 1, RENDER_CERTIFICATE: 1},
    )


def submitting_a_quiz_attempt() -> Change:
    quiz = make_quiz()
    learner = enroll_in(quiz.get_parent().specific).learner
    attempt = attempt_start(learner=learner, quiz=quiz)
    attempt_id, answers = attempt.pk, right_answers(attempt)

    def run():
        return attempt_submit(attempt_id=attempt_id, learner=learner, responses=answers)

    def check_done():
        graded = Attempt.objects.get(pk=attempt_id)
        assert graded.status == Attempt.Status.GRADED
        assert graded.passed is True and graded.score == Decimal("100")
        assert graded.responses == answers

    return Change(run, check_done)


def _submitted_entries(enrollment, count, first_day=1):
    return [
        HoursEntryFactory(
            enrollment=enrollment,
            date=timezone.localdate() - datetime.timedelta(days=first_day + n),
            status=HoursEntry.Status.SUBMITTED,
        )
        for n in range(count)
    ]


def approving_hours() -> Change:
    """Three entries of two mentees of one supervisor: six writes, two emails."""
    program = hours_program()
    supervisor = SupervisorFactory()
    first = hours_enrollment(program, supervisor=supervisor)
    second = hours_enrollment(program, supervisor=supervisor)
    entries = _submitted_entries(first, 2) + _submitted_entries(second, 1)
    ids = [entry.pk for entry in entries]

    def run():
        return services.hours_entries_approve(entry_ids=ids, supervisor=supervisor)

    def check_done():
        assert set(HoursEntry.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
            HoursEntry.Status.APPROVED
        }
        events = HoursEntryEvent.objects.filter(entry__in=ids)
        assert sorted(events.values_list("entry_id", "action")) == [
            (pk, HoursEntryEvent.Action.APPROVED) for pk in sorted(ids)
        ]

    return Change(
        run,
        check_done,
        emails_to=sorted([first.learner.email, second.learner.email]),
        tasks={SEND_EMAIL: 2},
    )


def returning_hours() -> Change:
    enrollment = hours_enrollment()
    entries = _submitted_entries(enrollment, 2)
    ids = [entry.pk for entry in entries]

    def run():
        return services.hours_entries_return(
            entry_ids=ids, supervisor=enrollment.supervisor, comment="Say which skill you used."
        )

    def check_done():
        returned = HoursEntry.objects.filter(pk__in=ids)
        assert {(e.status, e.review_comment) for e in returned} == {
            (HoursEntry.Status.RETURNED, "Say which skill you used.")
        }
        assert HoursEntryEvent.objects.filter(entry__in=ids).count() == 2

    return Change(run, check_done, emails_to=[enrollment.learner.email], tasks={SEND_EMAIL: 1})


def submitting_hours() -> Change:
    enrollment = hours_enrollment()
    entries = [
        HoursEntryFactory(
            enrollment=enrollment, date=timezone.localdate() - datetime.timedelta(days=n)
        )
        for n in (1, 2, 3)
    ]
    ids = [entry.pk for entry in entries]

    def run():
        return services.hours_entries_submit(entry_ids=ids, learner=enrollment.learner)

    def check_done():
        assert set(HoursEntry.objects.filter(pk__in=ids).values_list("status", flat=True)) == {
            HoursEntry.Status.SUBMITTED
        }
        assert HoursEntryEvent.objects.filter(entry__in=ids).count() == 3

    return Change(run, check_done)


def reopening_approved_hours() -> Change:
    enrollment = hours_enrollment()
    entry = HoursEntryFactory(enrollment=enrollment, status=HoursEntry.Status.APPROVED)
    coordinator = CoordinatorFactory()

    def run():
        return services.hours_entry_reopen(
            entry=entry, coordinator=coordinator, reason="The date was a week off."
        )

    def check_done():
        entry.refresh_from_db()
        assert entry.status == HoursEntry.Status.RETURNED
        assert entry.events.get().action == HoursEntryEvent.Action.REOPENED

    return Change(run, check_done, emails_to=[enrollment.learner.email], tasks={SEND_EMAIL: 1})


def revoking_a_certificate() -> Change:
    certificate = CertificateFactory()
    coordinator = CoordinatorFactory()

    def run():
        return certificate_revoke(
            certificate_id=certificate.pk, revoked_by=coordinator, reason="Issued in error."
        )

    def check_done():
        certificate.refresh_from_db()
        assert certificate.is_revoked and certificate.revoked_by == coordinator

    return Change(
        run,
        check_done,
        emails_to=[certificate.enrollment.learner.email],
        # The copy marked REVOKED is rendered by the worker.
        tasks={SEND_EMAIL: 1, RENDER_CERTIFICATE: 1},
    )


def returning_a_certification() -> Change:
    enrollment = hours_enrollment()
    coordinator = CoordinatorFactory()

    def run():
        return certification_return(
            enrollment_id=enrollment.pk, returned_by=coordinator, reason="Sign the code again."
        )

    def check_done():
        [returned] = CertificationReturn.objects.filter(enrollment=enrollment)
        assert returned.reason == "Sign the code again."

    return Change(run, check_done, emails_to=[enrollment.learner.email], tasks={SEND_EMAIL: 1})


def approving_a_join_request() -> Change:
    join_request = JoinRequestFactory()
    coordinator = CoordinatorFactory()
    supervisor = SupervisorFactory()

    def run():
        return program_services.join_request_approve(
            join_request=join_request, decided_by=coordinator, supervisor=supervisor
        )

    def check_done():
        join_request.refresh_from_db()
        assert join_request.status == JoinRequest.Status.APPROVED
        enrollment = Enrollment.objects.get(
            learner=join_request.person, program=join_request.program
        )
        assert enrollment.supervisor_assignments.get().supervisor == supervisor

    return Change(run, check_done, emails_to=[join_request.person.email], tasks={SEND_EMAIL: 1})


def accepting_an_invitation() -> Change:
    supervisor = SupervisorFactory()
    invitation = InvitationFactory(supervisor=supervisor)
    # Someone with no role yet, so accepting also adds the Learner role.
    person = UserFactory(email=invitation.email)

    def run():
        return program_services.invitation_accept(invitation=invitation, user=person)

    def check_done():
        invitation.refresh_from_db()
        assert invitation.accepted_by == person
        enrollment = Enrollment.objects.get(learner=person, program=invitation.program)
        assert enrollment.supervisor == supervisor
        assert person.groups.filter(name=roles.LEARNER).exists()

    return Change(run, check_done)


def closing_an_account() -> Change:
    person = LearnerFactory()

    def run():
        return account_close_request(user=person)

    def check_done():
        person.refresh_from_db()
        assert not person.is_active
        assert AccountClosure.objects.get(user=person).user_email == person.email

    return Change(run, check_done)


def erasing_a_closed_account() -> Change:
    """Many writes over many tables: reflections, notes in entries and their
    history, join requests, accommodations, invitations, addresses, the user."""
    enrollment = hours_enrollment()
    person = enrollment.learner
    entry = HoursEntryFactory(enrollment=enrollment)
    services.hours_entries_submit(entry_ids=[entry.pk], learner=person)
    JoinRequestFactory(person=person)
    Invitation.objects.create(
        email=person.email,
        program=enrollment.program,
        token="erase-me-token",
        invited_by=CoordinatorFactory(),
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    closure = account_close_request(user=person)
    coordinator = CoordinatorFactory()

    def run():
        return account_erase(closure_id=closure.pk, confirmed_by=coordinator)

    def check_done():
        person.refresh_from_db()
        assert person.email == f"erased-{person.pk}@invalid" and person.first_name == ""
        assert not EmailAddress.objects.filter(user=person).exists()
        assert HoursEntry.objects.get(pk=entry.pk).notes == ""
        assert AccountClosure.objects.get(pk=closure.pk).confirmed_by == coordinator

    return Change(run, check_done)


def starting_a_quiz_attempt() -> Change:
    """A learner whose earlier timed attempt ran out: starting again grades the
    expired attempt (as timed out) and opens a new one; two writes that belong together."""
    quiz = make_quiz(time_limit_minutes=20)
    learner = enroll_in(quiz.get_parent().specific).learner
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    expired = attempt_start(learner=learner, quiz=quiz, now=an_hour_ago)

    def run():
        return attempt_start(learner=learner, quiz=quiz)

    def check_done():
        expired.refresh_from_db()
        assert expired.status == Attempt.Status.GRADED and expired.closed_by_deadline
        [new] = Attempt.objects.filter(learner=learner, status=Attempt.Status.IN_PROGRESS)
        assert new.number == 2 and new.deadline > timezone.now()

    return Change(run, check_done)


def withdrawing_an_enrollment() -> Change:
    enrollment = hours_enrollment()
    coordinator = CoordinatorFactory()

    def run():
        return program_services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=coordinator)

    def check_done():
        enrollment.refresh_from_db()
        assert enrollment.status == Enrollment.Status.WITHDRAWN and enrollment.ended_at
        assert not enrollment.supervisor_assignments.filter(ended_at__isnull=True).exists()
        assert ModelLogEntry.objects.filter(action=program_services.LOG_WITHDRAW).count() == 1

    return Change(run, check_done)


def changing_a_supervisor() -> Change:
    """Close the current assignment, open one for the new supervisor, point the
    enrollment at them, log it."""
    enrollment = hours_enrollment()
    first = enrollment.supervisor
    second = SupervisorFactory()
    coordinator = CoordinatorFactory()

    def run():
        return program_services.enrollment_change_supervisor(
            enrollment=enrollment, supervisor=second, changed_by=coordinator
        )

    def check_done():
        enrollment.refresh_from_db()
        assert enrollment.supervisor == second
        history = enrollment.supervisor_assignments.order_by("started_at", "pk")
        assert [(a.supervisor, a.ended_at is None) for a in history] == [
            (first, False),
            (second, True),
        ]

    return Change(run, check_done)


def inviting_a_learner() -> Change:
    enrollment = hours_enrollment()
    coordinator = CoordinatorFactory()

    def run():
        return program_services.invitation_create(
            email="new.learner@example.org",
            program=enrollment.program,
            cohort=enrollment.cohort,
            supervisor=enrollment.supervisor,
            invited_by=coordinator,
        )

    def check_done():
        [invitation] = Invitation.objects.filter(email="new.learner@example.org")
        assert invitation.program == enrollment.program and invitation.accepted_at is None
        assert ModelLogEntry.objects.filter(action=program_services.LOG_INVITE).count() == 1

    return Change(run, check_done, emails_to=["new.learner@example.org"], tasks={SEND_EMAIL: 1})


def asking_to_join_a_program() -> Change:
    program = hours_program(accepts_join_requests=True)
    person = LearnerFactory()

    def run():
        return program_services.join_request_create(
            person=person, program=program, message="I'd like to help people in my town."
        )

    def check_done():
        [join_request] = JoinRequest.objects.filter(person=person, program=program)
        assert join_request.status == JoinRequest.Status.PENDING
        assert ModelLogEntry.objects.filter(action=program_services.LOG_JOIN_REQUEST).count() == 1

    return Change(run, check_done)


CHANGES = {
    "issue certificate": issuing_a_certificate,
    "submit quiz attempt": submitting_a_quiz_attempt,
    "approve hours": approving_hours,
    "return hours": returning_hours,
    "submit hours": submitting_hours,
    "reopen approved hours": reopening_approved_hours,
    "revoke certificate": revoking_a_certificate,
    "return certification": returning_a_certification,
    "approve join request": approving_a_join_request,
    "accept invitation": accepting_an_invitation,
    "close account": closing_an_account,
    "erase closed account": erasing_a_closed_account,
    "start quiz attempt": starting_a_quiz_attempt,
    "withdraw enrollment": withdrawing_an_enrollment,
    "change supervisor": changing_a_supervisor,
    "invite learner": inviting_a_learner,
    "ask to join program": asking_to_join_a_program,
}


@pytest.mark.parametrize("make_change", CHANGES.values(), ids=CHANGES.keys())
def test_a_database_error_at_any_write_leaves_no_partial_state_and_a_retry_works_once(
    site, database_tasks, make_change, mailoutbox, django_capture_on_commit_callbacks
):
    change = make_change()
    tasks_before = queued_tasks()
    writes = writes_of(change.run)
    assert writes, "the change should write something"

    before = database_state()
    for position in range(len(writes)):
        fault = FailWrite(fail_at=position)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            with pytest.raises(DatabaseError), connection.execute_wrapper(fault):
                change.run()
        where = f"write {position + 1} of {len(writes)}: {writes[position][:80]}"
        assert fault.failed, where
        # A change made of writes outside one transaction leaves the test's own
        # transaction marked broken (and on PostgreSQL aborted) instead.
        assert not connection.needs_rollback, f"not one transaction: failed at {where}"
        assert callbacks == [], f"something was queued after a failure at {where}"
        assert database_state() == before, f"partial state after a failure at {where}"
        assert mailoutbox == []

    # Without the fault the same change goes through, once.
    with django_capture_on_commit_callbacks(execute=True):
        change.run()
    change.check_done()
    assert queued_tasks() - tasks_before == Counter(change.tasks)
    assert emailed() == sorted(change.emails_to)


# --- Bulk invitations: each address is its own change --------------------------------------
# invitation_bulk_create commits each invitation on its own (an email that went
# out stays valid), so a fault part-way leaves the addresses before it invited,
# each one whole, and none after it; sending the same list again invites the rest
# and refuses the ones already invited: every address ends up invited once.

BULK = ["first.person@example.org", "second.person@example.org", "third.person@example.org"]


def test_a_fault_in_bulk_invitations_keeps_each_one_whole_and_sending_again_completes_them(
    site, database_tasks, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment = hours_enrollment()
    coordinator = CoordinatorFactory()

    def run():
        return program_services.invitation_bulk_create(
            text="\n".join(BULK),
            program=enrollment.program,
            cohort=enrollment.cohort,
            invited_by=coordinator,
        )

    def invited():
        return list(Invitation.objects.order_by("pk").values_list("email", flat=True))

    def logged():
        return ModelLogEntry.objects.filter(action=program_services.LOG_INVITE).count()

    writes = writes_of(run)
    per_invitation, rest = divmod(len(writes), len(BULK))
    assert per_invitation >= 2 and rest == 0, writes  # the invitation and its log entry
    before = database_state()
    assert invited() == []

    for position in range(len(writes)):
        where = f"write {position + 1} of {len(writes)}: {writes[position][:80]}"
        done = BULK[: position // per_invitation]
        with transaction.atomic():
            fault = FailWrite(fail_at=position)
            with django_capture_on_commit_callbacks(execute=True):
                with pytest.raises(DatabaseError), connection.execute_wrapper(fault):
                    run()
            assert fault.failed and not connection.needs_rollback, where
            # The addresses before the fault are invited, each with its log
            # entry and its email; the one that failed left nothing.
            assert invited() == done, where
            assert logged() == len(done), where
            assert emailed() == sorted(done), where

            with django_capture_on_commit_callbacks(execute=True):
                result = run()
            assert [email for email, _ in result.refused] == done, where
            assert sorted(invited()) == sorted(BULK), where
            assert emailed() == sorted(BULK), where
            transaction.set_rollback(True)
        assert database_state() == before, where

    with django_capture_on_commit_callbacks(execute=True):
        result = run()
    assert result.refused == [] and invited() == BULK and emailed() == sorted(BULK)
    assert mailoutbox == []  # queued as tasks, not sent in the request


# --- A worker that dies part-way ---------------------------------------------------------------
# tests/training/test_tasks_requeue.py proves it for an email task row made by hand;
# here the tasks come from a real issue, and the worker dies either before it
# rendered the PDF or after it stored the PDF but before it recorded the result.


def run_worker():
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("died", ["before rendering", "after storing the PDF"])
def test_a_render_left_running_by_a_dead_worker_is_requeued_and_completes_once(
    site, database_tasks, keep_signal_handlers, mailoutbox, died
):
    scenario = Scenario().make_eligible()
    certificate = certificate_issue(
        enrollment_id=scenario.enrollment.pk,
        issued_by=CoordinatorFactory(),
        name_as_printed="Riley Morgan",
    )
    render = DBTaskResult.objects.get(task_path=RENDER_CERTIFICATE)
    assert render.args_kwargs["kwargs"] == {"certificate_id": certificate.pk}

    # A worker claims the render and dies (an hour ago), with or without the PDF stored.
    render.claim("worker-that-died")
    DBTaskResult.objects.filter(pk=render.pk).update(
        started_at=timezone.now() - datetime.timedelta(hours=1)
    )
    if died == "after storing the PDF":
        certificate_render(certificate_id=certificate.pk)
    stored = Certificate.objects.get(pk=certificate.pk)
    assert bool(stored.pdf) == (died == "after storing the PDF")

    run_worker()  # sends the email; nobody picks up a RUNNING task
    render.refresh_from_db()
    assert render.status == TaskResultStatus.RUNNING
    assert [message.to for message in mailoutbox] == [[scenario.learner.email]]

    call_command("requeue_stuck_tasks", stdout=StringIO())
    run_worker()
    run_worker()  # a second pass finds nothing left to do

    render.refresh_from_db()
    rendered = Certificate.objects.get(pk=certificate.pk)
    assert render.status == TaskResultStatus.SUCCESSFUL
    assert render.worker_ids[0] == "worker-that-died" and len(render.worker_ids) == 2
    assert rendered.pdf and render.return_value == rendered.pdf_sha256
    if died == "after storing the PDF":
        # The evidence file stored first is kept, not rendered again.
        assert (rendered.pdf.name, rendered.pdf_sha256, rendered.pdf_rendered_at) == (
            stored.pdf.name,
            stored.pdf_sha256,
            stored.pdf_rendered_at,
        )
    assert DBTaskResult.objects.filter(task_path=RENDER_CERTIFICATE).count() == 1
    assert len(mailoutbox) == 1  # the issue email went once
    assert certificates_render_pending() == 0

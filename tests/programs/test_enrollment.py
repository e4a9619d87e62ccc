"""Enrollment services and selectors: enroll, bulk add, supervisor changes, withdrawal."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from programs import selectors, services
from programs.models import Enrollment, SupervisorAssignment
from tests.programs.factories import CohortFactory, EnrollmentFactory, ProgramFactory
from tests.training.factories import (
    CoordinatorFactory,
    LearnerFactory,
    SupervisorFactory,
    TrainerFactory,
    UserFactory,
)
from training import roles

pytestmark = pytest.mark.django_db


def test_enroll_a_learner_with_cohort_and_supervisor(
    django_capture_on_commit_callbacks, mailoutbox
):
    cohort = CohortFactory()
    learner, supervisor, coordinator = LearnerFactory(), SupervisorFactory(), CoordinatorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        enrollment = services.enrollment_create(
            learner=learner,
            program=cohort.program,
            cohort=cohort,
            supervisor=supervisor,
            enrolled_by=coordinator,
        )
    assert enrollment.status == Enrollment.Status.ACTIVE
    assert enrollment.enrolled_by == coordinator
    assignment = SupervisorAssignment.objects.get(enrollment=enrollment)
    assert (assignment.supervisor, assignment.assigned_by, assignment.ended_at) == (
        supervisor,
        coordinator,
        None,
    )
    assert selectors.current_supervisor(enrollment) == supervisor
    assert [m.to for m in mailoutbox] == [[learner.email]]
    assert cohort.program.title in mailoutbox[0].subject
    assert "/dashboard/" in mailoutbox[0].body
    assert mailoutbox[0].alternatives[0][1] == "text/html"
    assert ModelLogEntry.objects.for_instance(enrollment).get().action == services.LOG_ENROLL


def test_enrolling_someone_twice_is_refused_and_changes_nothing(
    django_capture_on_commit_callbacks, mailoutbox
):
    enrollment = EnrollmentFactory()
    other_cohort = CohortFactory(program=enrollment.program)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError) as error:
            services.enrollment_create(
                learner=enrollment.learner, program=enrollment.program, cohort=other_cohort
            )
    assert "already enrolled" in error.value.messages[0]
    assert Enrollment.objects.filter(learner=enrollment.learner).count() == 1
    enrollment.refresh_from_db()
    assert enrollment.cohort != other_cohort
    assert mailoutbox == []


def test_enrolling_again_after_withdrawal_reactivates_the_same_record():
    enrollment = EnrollmentFactory()
    old_supervisor = enrollment.supervisor
    services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=None)
    new_supervisor = SupervisorFactory()
    again = services.enrollment_create(
        learner=enrollment.learner, program=enrollment.program, supervisor=new_supervisor
    )
    assert again.pk == enrollment.pk
    assert again.status == Enrollment.Status.ACTIVE
    assert again.ended_at is None
    history = list(selectors.supervisor_history(again))
    assert [a.supervisor for a in history] == [old_supervisor, new_supervisor]
    assert history[0].ended_at is not None and history[1].ended_at is None


def test_a_cohort_of_another_program_is_refused():
    cohort = CohortFactory()
    other_program = ProgramFactory()
    with pytest.raises(ValidationError, match="belongs to another program"):
        services.enrollment_create(learner=LearnerFactory(), program=other_program, cohort=cohort)
    assert not Enrollment.objects.exists()


@pytest.mark.parametrize("make_supervisor", [LearnerFactory, TrainerFactory])
def test_a_supervisor_must_hold_the_supervisor_role(make_supervisor):
    with pytest.raises(ValidationError, match="Supervisor role"):
        services.enrollment_create(
            learner=LearnerFactory(), program=ProgramFactory(), supervisor=make_supervisor()
        )
    assert not Enrollment.objects.exists()


def test_nobody_supervises_their_own_enrollment():
    person = SupervisorFactory()
    with pytest.raises(ValidationError, match="their own"):
        services.enrollment_create(learner=person, program=ProgramFactory(), supervisor=person)
    assert not Enrollment.objects.exists()


def test_enrolling_a_person_gives_them_the_learner_role():
    person = UserFactory()
    services.enrollment_create(learner=person, program=ProgramFactory())
    assert roles.user_has_role(person, roles.LEARNER)


# --- Bulk add ------------------------------------------------------------------------


def test_parse_email_list_accepts_lines_commas_and_names():
    valid, invalid = services.parse_email_list(
        "a@example.org\nB@Example.org, c@example.org; Dee Smith <d@example.org>\n"
        "not-an-email\n\n  a@EXAMPLE.org  e@example.org f@example.org\n"
    )
    assert valid == [
        "a@example.org",
        "B@Example.org",
        "c@example.org",
        "d@example.org",
        "e@example.org",
        "f@example.org",
    ]
    assert invalid == ["not-an-email"]


def test_bulk_add_reports_enrolled_already_enrolled_and_no_account(
    django_capture_on_commit_callbacks, mailoutbox
):
    cohort = CohortFactory()
    program = cohort.program
    new_one, new_two = LearnerFactory(), UserFactory(email="Mixed.Case@Example.org")
    existing = EnrollmentFactory(cohort=cohort)
    coordinator = CoordinatorFactory()
    text = (
        f"{new_one.email}\n{existing.learner.email.upper()}, mixed.case@example.org\n"
        "nobody@example.org\nhello there"
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.enrollment_bulk_create_from_emails(
            text=text, program=program, cohort=cohort, enrolled_by=coordinator
        )
    assert [e.learner for e in result.enrolled] == [new_one, new_two]
    assert [e.pk for e in result.already_enrolled] == [existing.pk]
    assert result.no_account == ["nobody@example.org"]
    assert result.invalid == ["hello there"]
    assert Enrollment.objects.filter(program=program).count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted([new_one.email, new_two.email])


def test_bulk_add_with_nothing_pasted_is_refused():
    with pytest.raises(ValidationError, match="at least one"):
        services.enrollment_bulk_create_from_emails(text=" \n ,", program=ProgramFactory())


def test_bulk_add_with_a_wrong_cohort_changes_nothing():
    learner = LearnerFactory()
    with pytest.raises(ValidationError):
        services.enrollment_bulk_create_from_emails(
            text=learner.email, program=ProgramFactory(), cohort=CohortFactory()
        )
    assert not Enrollment.objects.exists()


# --- Supervisor changes --------------------------------------------------------------


def test_changing_supervisor_closes_the_old_assignment_and_keeps_history():
    enrollment = EnrollmentFactory()
    first = enrollment.supervisor
    second = SupervisorFactory()
    coordinator = CoordinatorFactory()
    services.enrollment_change_supervisor(
        enrollment=enrollment, supervisor=second, changed_by=coordinator
    )
    enrollment.refresh_from_db()
    assert enrollment.supervisor == second
    old, new = selectors.supervisor_history(enrollment)
    assert (old.supervisor, new.supervisor) == (first, second)
    assert old.ended_at == new.started_at
    assert new.ended_at is None and new.assigned_by == coordinator
    assert list(selectors.mentees_of(second)) == [enrollment]
    assert list(selectors.mentees_of(first)) == []
    entry = ModelLogEntry.objects.for_instance(enrollment).get(
        action=services.LOG_SUPERVISOR_CHANGE
    )
    assert entry.user_id == coordinator.pk


def test_removing_the_supervisor_ends_the_assignment():
    enrollment = EnrollmentFactory()
    services.enrollment_change_supervisor(enrollment=enrollment, supervisor=None, changed_by=None)
    enrollment.refresh_from_db()
    assert enrollment.supervisor is None
    assert selectors.current_supervisor(enrollment) is None
    assert SupervisorAssignment.objects.get(enrollment=enrollment).ended_at is not None


def test_choosing_the_same_supervisor_changes_nothing():
    enrollment = EnrollmentFactory()
    with pytest.raises(ValidationError, match="already supervises"):
        services.enrollment_change_supervisor(
            enrollment=enrollment, supervisor=enrollment.supervisor, changed_by=None
        )
    assert SupervisorAssignment.objects.filter(enrollment=enrollment).count() == 1


def test_a_withdrawn_enrollment_gets_no_new_supervisor():
    enrollment = EnrollmentFactory()
    services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=None)
    with pytest.raises(ValidationError, match="Only an active enrollment"):
        services.enrollment_change_supervisor(
            enrollment=enrollment, supervisor=SupervisorFactory(), changed_by=None
        )
    enrollment.refresh_from_db()
    assert SupervisorAssignment.objects.filter(enrollment=enrollment).count() == 1


# --- Withdrawal ------------------------------------------------------------------------


def test_withdrawing_ends_the_enrollment_and_the_supervision():
    enrollment = EnrollmentFactory()
    coordinator = CoordinatorFactory()
    services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=coordinator)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.WITHDRAWN
    assert enrollment.ended_at is not None
    assert SupervisorAssignment.objects.get(enrollment=enrollment).ended_at == enrollment.ended_at
    assert list(selectors.active_enrollments_for(enrollment.learner)) == []
    entry = ModelLogEntry.objects.for_instance(enrollment).get(action=services.LOG_WITHDRAW)
    assert entry.user_id == coordinator.pk


def test_withdrawing_twice_is_refused():
    enrollment = EnrollmentFactory()
    services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=None)
    ended_at = Enrollment.objects.get(pk=enrollment.pk).ended_at
    with pytest.raises(ValidationError, match="already withdrawn"):
        services.enrollment_withdraw(enrollment=enrollment, withdrawn_by=None)
    assert Enrollment.objects.get(pk=enrollment.pk).ended_at == ended_at


# --- Selectors -------------------------------------------------------------------------


def test_active_enrollments_for_lists_only_the_persons_active_ones(django_assert_num_queries):
    mine = EnrollmentFactory()
    withdrawn = EnrollmentFactory(learner=mine.learner)
    services.enrollment_withdraw(enrollment=withdrawn, withdrawn_by=None)
    EnrollmentFactory()  # someone else's
    with django_assert_num_queries(1):
        found = [
            (e.program.title, e.supervisor.email)
            for e in selectors.active_enrollments_for(mine.learner)
        ]
    assert found == [(mine.program.title, mine.supervisor.email)]


def test_programs_accepting_requests_and_join_states(django_assert_num_queries):
    open_one = ProgramFactory(accepts_join_requests=True, title="B open")
    enrolled_in = ProgramFactory(accepts_join_requests=True, title="A open")
    ProgramFactory(accepts_join_requests=False)
    learner = LearnerFactory()
    EnrollmentFactory(learner=learner, cohort=CohortFactory(program=enrolled_in))
    programs = list(selectors.programs_accepting_requests())
    assert programs == [enrolled_in, open_one]
    with django_assert_num_queries(2):
        states = selectors.program_join_states(person=learner, programs=programs)
    assert states == {enrolled_in.pk: "enrolled"}


def test_supervisors_lists_only_people_with_the_role():
    supervisor = SupervisorFactory()
    LearnerFactory()
    CoordinatorFactory()
    assert list(selectors.supervisors()) == [supervisor]

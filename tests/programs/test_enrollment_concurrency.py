"""Two people acting at the same moment: the database settles it, and the loser
gets the same clear message as someone who came second."""

from django.core.exceptions import ValidationError

from programs import services
from programs.models import Enrollment, JoinRequest, SupervisorAssignment
from tests.concurrency import postgresql_races, race
from tests.programs.factories import (
    EnrollmentFactory,
    InvitationFactory,
    JoinRequestFactory,
    ProgramFactory,
)
from tests.training.factories import LearnerFactory, SupervisorFactory, UserFactory

pytestmark = postgresql_races


def only_validation_errors(errors, expected: int, text: str):
    assert len(errors) == expected, errors
    for error in errors:
        assert isinstance(error, ValidationError), error
        assert text in " ".join(error.messages)


def test_enrolling_the_same_person_twice_at_once_makes_one_enrollment():
    learner, program = LearnerFactory(), ProgramFactory()
    _, errors = race([lambda: services.enrollment_create(learner=learner, program=program)] * 3)
    only_validation_errors(errors, 2, "already enrolled")
    assert Enrollment.objects.filter(learner=learner, program=program).count() == 1


def test_an_invitation_accepted_twice_at_once_is_used_once():
    person = UserFactory()
    invitation = InvitationFactory(email=person.email)
    _, errors = race([lambda: services.invitation_accept(invitation=invitation, user=person)] * 3)
    only_validation_errors(errors, 2, "already")
    assert Enrollment.objects.filter(learner=person).count() == 1


def test_two_requests_to_join_at_once_leave_one_pending():
    person = LearnerFactory()
    program = ProgramFactory(accepts_join_requests=True)
    _, errors = race([lambda: services.join_request_create(person=person, program=program)] * 3)
    only_validation_errors(errors, 2, "already asked")
    assert JoinRequest.objects.filter(person=person).count() == 1


def test_approve_and_decline_at_once_give_one_decision():
    join_request = JoinRequestFactory()
    coordinator = UserFactory()
    _, errors = race(
        [
            lambda: services.join_request_approve(
                join_request=join_request, decided_by=coordinator
            ),
            lambda: services.join_request_decline(
                join_request=join_request, decided_by=coordinator
            ),
        ]
    )
    only_validation_errors(errors, 1, "already")
    join_request.refresh_from_db()
    enrolled = Enrollment.objects.filter(learner=join_request.person).exists()
    assert enrolled == (join_request.status == JoinRequest.Status.APPROVED)


def test_two_supervisor_changes_at_once_leave_one_current_assignment():
    enrollment = EnrollmentFactory()
    first, second = SupervisorFactory(), SupervisorFactory()
    race(
        [
            lambda s=s: services.enrollment_change_supervisor(
                enrollment=enrollment, supervisor=s, changed_by=None
            )
            for s in (first, second)
        ]
    )
    current = SupervisorAssignment.objects.filter(enrollment=enrollment, ended_at__isnull=True)
    assert current.count() == 1
    enrollment.refresh_from_db()
    assert enrollment.supervisor == current.get().supervisor

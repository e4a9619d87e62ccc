"""Factories of programs, cohorts, enrollments, invitations and join requests."""

import datetime
import secrets

import factory
from django.utils import timezone

from programs.models import (
    Cohort,
    Domain,
    Enrollment,
    Invitation,
    JoinRequest,
    Program,
    SupervisorAssignment,
)
from tests.training.factories import CoordinatorFactory, LearnerFactory, SupervisorFactory


def domain(slug: str) -> Domain:
    """One of the four domains the migrations create (advocacy, mentoring-education,
    recovery-wellness-support, ethical-responsibility)."""
    return Domain.objects.get(slug=slug)


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    name = factory.Sequence(lambda n: f"Extra domain {n}")
    slug = factory.Sequence(lambda n: f"extra-domain-{n}")
    sort_order = 10


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    title = factory.Sequence(lambda n: f"Test program {n}")
    slug = factory.Sequence(lambda n: f"test-program-{n}")
    credential_title = "Certified Peer Recovery Mentor"
    description = "A small program for tests."


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class EnrollmentFactory(factory.django.DjangoModelFactory):
    """An active enrollment of a learner in a cohort's program, with a supervisor
    (pass supervisor=None for none)."""

    class Meta:
        model = Enrollment
        skip_postgeneration_save = True

    learner = factory.SubFactory(LearnerFactory)
    cohort = factory.SubFactory(CohortFactory)
    program = factory.SelfAttribute("cohort.program")
    supervisor = factory.SubFactory(SupervisorFactory)

    @factory.post_generation
    def supervisor_history(enrollment, create, extracted, **kwargs):
        if create and enrollment.supervisor_id:
            SupervisorAssignment.objects.create(
                enrollment=enrollment, supervisor=enrollment.supervisor
            )


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending learner invitation to a program, open for 14 days."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Invitation.Role.LEARNER
    program = factory.SubFactory(ProgramFactory)
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    invited_by = factory.SubFactory(CoordinatorFactory)
    expires_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=14))


class JoinRequestFactory(factory.django.DjangoModelFactory):
    """A pending request to join a program that accepts requests."""

    class Meta:
        model = JoinRequest

    person = factory.SubFactory(LearnerFactory)
    program = factory.SubFactory(ProgramFactory, accepts_join_requests=True)
    message = "I'd like to support people in my community."

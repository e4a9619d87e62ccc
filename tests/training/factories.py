import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from training import roles
from training.models import User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    """A person who can sign in: verified email, known password, optional role."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        if create:
            user.save()

    role = factory.PostGeneration(lambda user, create, extracted, **kw: add_role(user, extracted))


def add_role(user, role_name: str | None) -> None:
    if role_name:
        user.groups.add(Group.objects.get(name=role_name))


def with_role(default: str):
    """A `role` post-generation hook that falls back to `default`."""
    return factory.PostGeneration(
        lambda user, create, extracted, **kw: add_role(user, extracted or default)
    )


class LearnerFactory(UserFactory):
    role = with_role(roles.LEARNER)


class TrainerFactory(UserFactory):
    role = with_role(roles.TRAINER)


class LeadTrainerFactory(UserFactory):
    role = with_role(roles.LEAD_TRAINER)


class SupervisorFactory(UserFactory):
    role = with_role(roles.SUPERVISOR)


class CoordinatorFactory(UserFactory):
    role = with_role(roles.COORDINATOR)


def sign_in(client, user, password: str = PASSWORD) -> None:
    """Sign in through allauth, as a person does (records the authentication
    time that allauth's reauthentication checks look at)."""
    from django.contrib.auth import SESSION_KEY
    from django.urls import reverse

    client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert client.session.get(SESSION_KEY) == str(user.pk), "sign-in failed"


# --- Programs and enrollment ---------------------------------------------------
import datetime  # noqa: E402

from django.utils import timezone  # noqa: E402

from training.models import (  # noqa: E402
    Cohort,
    Domain,
    Enrollment,
    Program,
    SupervisorAssignment,
)


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

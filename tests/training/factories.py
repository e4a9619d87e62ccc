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


# --- Invitations and join requests ---------------------------------------------------
import secrets  # noqa: E402

from training.models import Invitation, JoinRequest  # noqa: E402


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


# --- Supervised practice hours --------------------------------------------------------
from decimal import Decimal  # noqa: E402

from training.models import (  # noqa: E402
    ActivityType,
    HoursEntry,
    ProgramDomainRequirement,
)


def hours_program(**kwargs) -> Program:
    """A program with small numbers: 10 practice hours in all (4 in Advocacy, 3 in
    Mentoring and Education), 2 hours of supervision, at most 4 hours an entry and
    6 a day, no weekly limit; activity types "Peer support" and "Group
    facilitation" (practice) and "Supervision" (supervision received)."""
    defaults = {
        "practice_hours_required": Decimal("10"),
        "supervision_hours_required": Decimal("2"),
        "max_hours_per_entry": Decimal("4"),
        "max_hours_per_day": Decimal("6"),
        "max_hours_per_week": None,
    }
    program = ProgramFactory(**{**defaults, **kwargs})
    ProgramDomainRequirement.objects.create(
        program=program,
        domain=domain("advocacy"),
        training_hours_min=Decimal("2"),
        practice_hours_min=Decimal("4"),
    )
    ProgramDomainRequirement.objects.create(
        program=program,
        domain=domain("mentoring-education"),
        training_hours_min=Decimal("2"),
        practice_hours_min=Decimal("3"),
    )
    for order, (name, counts_as) in enumerate(
        [
            ("Peer support", ActivityType.CountsAs.PRACTICE),
            ("Group facilitation", ActivityType.CountsAs.PRACTICE),
            ("Supervision", ActivityType.CountsAs.SUPERVISION),
        ]
    ):
        ActivityType.objects.create(
            program=program, name=name, counts_as=counts_as, sort_order=order
        )
    return program


def activity(program: Program, name: str = "Peer support") -> ActivityType:
    return ActivityType.objects.get(program=program, name=name)


def hours_enrollment(program: Program | None = None, **kwargs) -> Enrollment:
    """An active enrollment in an hours program that started 60 days ago, with a
    supervisor (pass supervisor=None for none)."""
    program = program or hours_program()
    kwargs.setdefault("enrolled_at", timezone.now() - datetime.timedelta(days=60))
    return EnrollmentFactory(cohort=CohortFactory(program=program), **kwargs)


class HoursEntryFactory(factory.django.DjangoModelFactory):
    """An entry of yesterday: 1 hour of peer support in Advocacy, as a draft.
    Made directly (no service, no history): for setting up a state quickly."""

    class Meta:
        model = HoursEntry

    enrollment = factory.LazyFunction(hours_enrollment)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    hours = Decimal("1")
    domain = factory.LazyFunction(lambda: domain("advocacy"))
    activity_type = factory.LazyAttribute(lambda entry: activity(entry.enrollment.program))
    setting = "Recovery community centre"
    notes = "Listened and helped a peer plan the week."
    status = HoursEntry.Status.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda entry: timezone.now() if entry.status != HoursEntry.Status.DRAFT else None
    )
    reviewed_by = factory.LazyAttribute(
        lambda entry: (
            entry.enrollment.supervisor
            if entry.status in (HoursEntry.Status.APPROVED, HoursEntry.Status.RETURNED)
            else None
        )
    )
    reviewed_at = factory.LazyAttribute(lambda entry: timezone.now() if entry.reviewed_by else None)

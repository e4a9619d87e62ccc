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

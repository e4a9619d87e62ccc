"""Changing the addresses of an account asks for the password (or, with
two-step sign-in, an authenticator code) again when the sign-in is older than
allauth's reauthentication timeout."""

import pytest
from allauth.account import app_settings as account_settings
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.urls import reverse

from tests.training.factories import PASSWORD, LearnerFactory, SupervisorFactory, sign_in

from .test_mfa_and_admin import current_code, with_totp

pytestmark = pytest.mark.django_db

SECOND = "second.address@example.org"


def let_the_sign_in_age(client) -> None:
    """Time travel: move the recorded sign-in (and any re-authentication) back
    past allauth's timeout."""
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] -= account_settings.REAUTHENTICATION_TIMEOUT + 1
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()


def addresses(person) -> dict[str, bool]:
    """Each address of the person and whether it is the primary one."""
    return dict(EmailAddress.objects.filter(user=person).values_list("email", "primary"))


ACTIONS = {
    "add": ({"action_add": "", "email": "third.address@example.org"}, "third.address@example.org"),
    "primary": ({"action_primary": "", "email": SECOND}, SECOND),
    "remove": ({"action_remove": "", "email": SECOND}, SECOND),
}


def changed(action: str, person) -> bool:
    now = addresses(person)
    email = ACTIONS[action][1]
    if action == "add":
        return email in now
    if action == "primary":
        return now.get(email) is True
    return email not in now


@pytest.mark.parametrize("action", ACTIONS)
def test_an_email_change_long_after_signing_in_asks_for_the_password_first(client, site, action):
    person = LearnerFactory()
    EmailAddress.objects.create(user=person, email=SECOND, verified=True)
    sign_in(client, person)
    let_the_sign_in_age(client)
    before = addresses(person)

    response = client.post(reverse("account_email"), ACTIONS[action][0])
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert addresses(person) == before

    # The page asking for it looks like the other account pages.
    page = client.get(response.url)
    assert page.status_code == 200
    assert 'class="card' in page.content.decode()

    # Confirming leads back to the email page, and the change then goes through.
    response = client.post(response.url, {"password": PASSWORD})
    assert response.url == reverse("account_email")
    client.post(reverse("account_email"), ACTIONS[action][0])
    assert changed(action, person)


def test_staff_with_two_step_sign_in_confirm_with_an_authenticator_code(client, site):
    # (allauth refuses to add an unverified address to an account with
    # two-step sign-in at all, so staff change which address is primary.)
    supervisor = with_totp(SupervisorFactory())
    EmailAddress.objects.create(user=supervisor, email=SECOND, verified=True)
    client.post(reverse("account_login"), {"login": supervisor.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": current_code()})
    let_the_sign_in_age(client)
    primary = ACTIONS["primary"][0]

    response = client.post(reverse("account_email"), primary)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not changed("primary", supervisor)
    # The page offers the authenticator as another way to confirm.
    page = client.get(response.url).content.decode()
    assert reverse("mfa_reauthenticate") in page

    # The sign-in used this 30-second window's code, and a code is accepted
    # once: forget that it was used rather than wait for the next window.
    cache.clear()
    response = client.post(reverse("mfa_reauthenticate"), {"code": current_code()})
    assert response.status_code == 302
    client.post(reverse("account_email"), primary)
    assert changed("primary", supervisor)

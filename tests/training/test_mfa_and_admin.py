import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.training.factories import (
    PASSWORD,
    CoordinatorFactory,
    LearnerFactory,
    SupervisorFactory,
    TrainerFactory,
    UserFactory,
    sign_in,
)

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code(secret=SECRET) -> str:
    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def with_totp(user):
    TOTP.activate(user, SECRET)
    return user


@pytest.mark.parametrize("factory", [TrainerFactory, SupervisorFactory, CoordinatorFactory])
def test_staff_without_mfa_are_sent_to_set_it_up(client, site, factory):
    sign_in(client, factory())
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")
    # Setting it up asks for the password again, then shows the QR code.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_superuser_without_mfa_is_sent_to_set_it_up(client, site):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_with_totp_reach_the_admin(client, site):
    client.force_login(with_totp(CoordinatorFactory()))
    assert client.get("/admin/").status_code == 200


def test_mfa_login_asks_for_the_totp_code(client, site):
    trainer = with_totp(TrainerFactory())
    response = client.post(reverse("account_login"), {"login": trainer.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert SESSION_KEY not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert SESSION_KEY not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert response.status_code == 302
    assert int(client.session[SESSION_KEY]) == trainer.pk
    assert client.get("/admin/").status_code == 200


def test_a_totp_code_cannot_be_used_twice(client, site):
    trainer = with_totp(TrainerFactory())
    code = current_code()
    client.post(reverse("account_login"), {"login": trainer.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert SESSION_KEY in client.session
    client.logout()
    client.post(reverse("account_login"), {"login": trainer.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert SESSION_KEY not in client.session


def test_the_admin_login_url_cannot_skip_totp(client, site):
    trainer = with_totp(TrainerFactory())
    response = client.post("/admin/login/", {"username": trainer.email, "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    # The admin itself sends anonymous visitors to allauth's login.
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_wagtail_password_reset_and_change_are_switched_off(client, site):
    assert client.get("/admin/password_reset/").status_code == 404
    client.force_login(with_totp(TrainerFactory()))
    response = client.get("/admin/account/")
    assert response.status_code == 200
    assert b'name="password-old_password"' not in response.content


def test_a_learner_opening_the_admin_is_refused_kindly(client, site):
    client.force_login(LearnerFactory())
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "The admin is for staff" in response.content.decode()
    assert client.get("/admin/pages/").status_code == 403


def test_a_learner_may_opt_in_to_totp(client, site):
    learner = LearnerFactory()
    sign_in(client, learner)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=learner, type=Authenticator.Type.TOTP).exists()

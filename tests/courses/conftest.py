import pytest
from django.test import RequestFactory

from .factories import catalogue as make_catalogue


@pytest.fixture
def catalogue(site):
    """The course catalogue page, as `manage.py setup_site` makes it.

    The root `site` fixture runs only training's setup; courses adds its own."""
    return make_catalogue()


@pytest.fixture
def rf_request():
    """A GET request for rendering blocks outside a page."""

    def build(user=None, path="/"):
        from django.contrib.auth.models import AnonymousUser

        request = RequestFactory().get(path)
        request.user = user or AnonymousUser()
        return request

    return build


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def with_totp(user):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def staff_client(site):
    """A client of its own, signed in as an administrator with two-step sign-in on."""
    from django.test import Client

    from tests.training.factories import UserFactory

    client = Client()
    client.force_login(with_totp(UserFactory(is_superuser=True, is_staff=True)))
    return client

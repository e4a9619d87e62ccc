"""Emails speak the recipient's language, not the language of whatever
request or task sends them (issue 21): a person with an account gets their
profile's language (an invitation, to someone with no account yet, keeps the
language of the page that sent it, as it always did). Signing up keeps the
page's language in the new profile, so later emails and certificates follow
it."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from certificates.services import certificates_send_expiry_reminders
from programs import services as programs
from tests.certificates.factories import CertificateFactory
from tests.certificates.scenario import coordinator_client
from tests.programs.factories import ProgramFactory
from tests.training.factories import CoordinatorFactory, LearnerFactory
from training.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_an_email_from_an_english_request_to_a_spanish_profile_is_spanish(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = CertificateFactory(enrollment__learner=LearnerFactory(language="es"))
    coordinator_client(client, CoordinatorFactory(language="en"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates_admin_revoke", args=[certificate.pk]),
            {"reason": "Recorded in error"},
        )
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.subject == f"[Peerpath] Tu certificado {certificate.code} se revocó"
    # The page that sent it stayed English.
    page = client.get(reverse("certificates_admin_revoke", args=[certificate.pk]))
    assert page["Content-Language"] == "en"


def test_an_email_from_a_task_is_in_the_recipients_language(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    """The daily reminders run in a worker, with no request: English is all
    that is active there."""
    today = timezone.localdate()
    spanish = CertificateFactory(
        enrollment__learner=LearnerFactory(language="es"),
        expires_on=today + datetime.timedelta(days=20),
    )
    english = CertificateFactory(
        enrollment__learner=LearnerFactory(language=""),
        expires_on=today + datetime.timedelta(days=20),
    )
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders(today=today) == 2
    by_person = {mail.to[0]: mail for mail in mailoutbox}
    to_spanish = by_person[spanish.enrollment.learner.email]
    assert "Tu certificado vence en 20 días" in to_spanish.subject
    assert '<html lang="es">' in to_spanish.alternatives[0][0]
    to_english = by_person[english.enrollment.learner.email]
    assert "Your certificate expires in 20 days" in to_english.subject


def test_another_apps_email_follows_the_recipient_too(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    program = ProgramFactory()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        programs.enrollment_create(
            learner=LearnerFactory(language="es"),
            program=program,
            enrolled_by=CoordinatorFactory(language="en"),
        )
    (mail,) = mailoutbox
    assert mail.subject == f"[Peerpath] Tu inscripción en {program.title} está lista"


def test_allauths_emails_follow_the_accounts_language(client, site, mailoutbox):
    person = LearnerFactory(language="es")
    response = client.post(
        reverse("account_reset_password"),
        {"email": person.email},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 302
    (mail,) = mailoutbox
    assert mail.subject == "[Peerpath] Restablece tu contraseña"


def sign_up(client, email: str, language: str):
    return client.post(
        reverse("account_signup"),
        {
            "first_name": "Rosa",
            "last_name": "Gómez",
            "email": email,
            "password1": "river-lantern-spring-47",
            "password2": "river-lantern-spring-47",
        },
        headers={"accept-language": language},
    )


def test_signing_up_on_a_spanish_page_keeps_spanish_in_the_profile(client, site, mailoutbox):
    response = sign_up(client, "rosa@example.org", "es-US,es;q=0.9")
    assert response.status_code == 302
    assert User.objects.get(email="rosa@example.org").language == "es"
    # The confirmation email is Spanish, and so is every later one.
    (mail,) = mailoutbox
    assert "Confirma tu dirección de correo electrónico" in mail.subject


def test_signing_up_on_an_english_page_keeps_english(client, site):
    sign_up(client, "riley@example.org", "en")
    assert User.objects.get(email="riley@example.org").language == "en"


def test_signing_up_keeps_only_a_language_the_site_offers(client, site, settings):
    settings.LANGUAGES = [("en", "English")]
    sign_up(client, "riley@example.org", "es")
    assert User.objects.get(email="riley@example.org").language == "en"

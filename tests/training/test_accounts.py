import re
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import PASSWORD, LearnerFactory
from training import roles
from training.models import User

pytestmark = pytest.mark.django_db

STRONG = "river-lantern-spring-47"


def sign_up(client, email="riley@example.org", password=STRONG, confirm=None, **extra):
    data = {
        "first_name": "Riley",
        "last_name": "Morgan",
        "email": email,
        "password1": password,
        "password2": confirm if confirm is not None else password,
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_sign_up_verify_email_then_log_in(client, site, mailoutbox):
    response = sign_up(client)
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="riley@example.org")
    assert user.first_name == "Riley"
    assert user.groups.filter(name=roles.LEARNER).exists()

    # Not verified yet: signing in is refused and another mail is sent.
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "riley@example.org", "password": STRONG}
    )
    assert SESSION_KEY not in client.session
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")

    link = confirmation_link(mailoutbox[-1])
    response = client.post(link)
    assert response.status_code == 302
    assert user.emailaddress_set.get().verified

    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "riley@example.org", "password": STRONG}
    )
    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert int(client.session[SESSION_KEY]) == user.pk
    assert client.get(reverse("dashboard")).status_code == 200


def test_sign_up_with_an_email_in_use_looks_the_same_and_tells_the_owner(client, site, mailoutbox):
    owner = LearnerFactory(email="taken@example.org")
    response = sign_up(client, email="taken@example.org")
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert User.objects.filter(email__iexact="taken@example.org").count() == 1
    assert [m.to for m in mailoutbox] == [[owner.email]]
    assert SESSION_KEY not in client.session


def test_password_reset_for_unknown_email_shows_the_neutral_page(client, site, mailoutbox):
    known = LearnerFactory()
    unknown_response = client.post(
        reverse("account_reset_password"), {"email": "nobody@example.org"}
    )
    known_response = client.post(reverse("account_reset_password"), {"email": known.email})
    assert unknown_response.status_code == known_response.status_code == 302
    assert unknown_response.url == known_response.url == reverse("account_reset_password_done")
    # The unknown address gets a note that no account exists (allauth's default);
    # the known address gets the reset link.
    to_known = [m for m in mailoutbox if m.to == [known.email]]
    assert len(to_known) == 1 and "/accounts/password/reset/key/" in to_known[0].body


def test_password_reset_by_link_sets_a_new_password(client, site, mailoutbox):
    person = LearnerFactory()
    client.post(reverse("account_reset_password"), {"email": person.email})
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mailoutbox[0].body)
    response = client.get(link.group(1), follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link.group(1)
    response = client.post(form_url, {"password1": STRONG, "password2": STRONG})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(STRONG)


@pytest.mark.parametrize(
    "password, confirm, field",
    [
        ("short1", "short1", "password1"),
        ("1234567890123", "1234567890123", "password1"),
        ("password123", "password123", "password1"),
        (STRONG, STRONG + "x", "password2"),
    ],
)
def test_weak_or_mismatched_password_is_refused_at_the_field(
    client, site, mailoutbox, password, confirm, field
):
    response = sign_up(client, password=password, confirm=confirm)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors.get(field), form.errors
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not User.objects.filter(email="riley@example.org").exists()
    assert mailoutbox == []


def test_password_change_needs_the_current_password(client, site):
    person = LearnerFactory()
    client.force_login(person)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong", "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": STRONG, "password2": STRONG},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(STRONG)


def test_repeated_failed_logins_are_throttled(client, site):
    person = LearnerFactory()
    url = reverse("account_login")
    for _ in range(6):
        response = client.post(url, {"login": person.email, "password": "not-it"})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    # Even the right password is refused while the lock lasts.
    response = client.post(url, {"login": person.email, "password": PASSWORD})
    assert SESSION_KEY not in client.session
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()


def test_a_locked_out_unknown_email_is_answered_like_a_known_one(client, site):
    url = reverse("account_login")
    answers = []
    for email in (LearnerFactory().email, "nobody@example.org"):
        for _ in range(6):
            response = client.post(url, {"login": email, "password": "not-it"})
        answers.append(
            (response.status_code, "Too many sign-in attempts" in response.content.decode())
        )
    assert answers == [(429, True), (429, True)]


def test_logging_in_rotates_the_session(client, site):
    person = LearnerFactory()
    session = client.session
    session["marker"] = "x"
    session.save()
    before = session.session_key
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert SESSION_KEY in client.session
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_sessions_end_after_the_idle_timeout_and_activity_extends_them(client, site, settings):
    settings.SESSION_TOUCH_INTERVAL = 0
    person = LearnerFactory()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    key = client.session.session_key
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_TIMEOUT

    # Nearly idle for the whole period: one request slides the expiry forward.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(reverse("dashboard")).status_code == 200
    expires = Session.objects.get(pk=key).expire_date
    assert expires > timezone.now() + timedelta(seconds=settings.SESSION_IDLE_TIMEOUT - 60)

    # Idle past the period: the session no longer signs anyone in.
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def let_time_pass(client, seconds: int) -> None:
    """Time travel for a session: move its stored timestamps (the expiry and
    the middleware's last touch) back as if `seconds` had passed."""
    key = client.session.session_key
    stored = Session.objects.get(pk=key)
    data = stored.get_decoded()
    if "_last_touch" in data:
        data["_last_touch"] -= seconds
    Session.objects.filter(pk=key).update(
        session_data=SessionStore().encode(data),
        expire_date=stored.expire_date - timedelta(seconds=seconds),
    )


def test_a_short_idle_timeout_keeps_an_active_person_signed_in(client, site, settings):
    settings.SESSION_IDLE_TIMEOUT = settings.SESSION_COOKIE_AGE = 10
    person = LearnerFactory()
    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})

    # A request every 4 seconds for 20 seconds: each one slides the expiry.
    for _ in range(5):
        let_time_pass(client, 4)
        assert client.get(reverse("dashboard")).status_code == 200

    # 11 seconds without a request: signed out.
    let_time_pass(client, 11)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_log_out(client, site):
    person = LearnerFactory()
    client.force_login(person)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert SESSION_KEY not in client.session


def test_dashboard_needs_sign_in(client, site):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

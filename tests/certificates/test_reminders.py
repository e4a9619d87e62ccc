import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificate_suspend,
    certificates_send_expiry_reminders,
)
from tests.renewals.factories import holder_certificate
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def expiring_in(days):
    today = timezone.localdate()
    return CertificateFactory(
        issued_on=today - datetime.timedelta(days=700),
        expires_on=today + datetime.timedelta(days=days),
    )


def test_reminders_go_at_60_and_30_days_each_once(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = expiring_in(59)
    far = expiring_in(200)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders(today=today) == 1
        assert certificates_send_expiry_reminders(today=today) == 0
    assert len(mailoutbox) == 1 and "59 days" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders(today=today + datetime.timedelta(days=30)) == 1
        assert certificates_send_expiry_reminders(today=today + datetime.timedelta(days=31)) == 0
    assert len(mailoutbox) == 2
    certificate.refresh_from_db()
    far.refresh_from_db()
    assert certificate.reminder_60_sent_at and certificate.reminder_30_sent_at
    assert far.reminder_60_sent_at is None


def test_a_late_first_run_sends_only_the_30_day_reminder(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    expiring_in(20)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_expiry_reminders", stdout=__import__("io").StringIO())
        assert certificates_send_expiry_reminders() == 0
    assert len(mailoutbox) == 1


def test_revoked_and_expired_certificates_get_no_reminder(site, mailoutbox):
    revoked = expiring_in(10)
    certificate_revoke(certificate_id=revoked.pk, revoked_by=CoordinatorFactory(), reason="x")
    expiring_in(-5)
    assert certificates_send_expiry_reminders() == 0


def test_expired_status_on_the_verification_page(client, site):
    expired = expiring_in(-1)
    response = client.get(f"/verify/{expired.code}/")
    assert "Expired" in response.content.decode()


# --- 90, 60 and 30 days, nearest first, each once (issue #17) ------------------


def reminders_to(mailoutbox, certificate) -> list[str]:
    """The expiry reminders its holder received, as their subjects, in order."""
    email = certificate.enrollment.learner.email
    return [
        message.subject
        for message in mailoutbox
        if message.to == [email] and "expires in" in message.subject
    ]


def run_daily(days, django_capture_on_commit_callbacks, start=None):
    """The daily job on each of `days` consecutive days from `start` (today)."""
    start = start or timezone.localdate()
    sent = 0
    for offset in range(days):
        with django_capture_on_commit_callbacks(execute=True):
            sent += certificates_send_expiry_reminders(
                today=start + datetime.timedelta(days=offset)
            )
    return sent


def test_every_day_for_100_days_sends_the_90_60_and_30_day_reminders_once_each(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = expiring_in(100)
    later = expiring_in(75)  # first seen inside the 90-day window
    assert run_daily(101, django_capture_on_commit_callbacks) == 6
    assert [s.split("] ")[-1] for s in reminders_to(mailoutbox, certificate)] == [
        "Your certificate expires in 90 days",
        "Your certificate expires in 60 days",
        "Your certificate expires in 30 days",
    ]
    assert [s.split("] ")[-1] for s in reminders_to(mailoutbox, later)] == [
        "Your certificate expires in 75 days",
        "Your certificate expires in 60 days",
        "Your certificate expires in 30 days",
    ]
    certificate.refresh_from_db()
    assert certificate.reminder_90_sent_at < certificate.reminder_60_sent_at
    assert certificate.reminder_60_sent_at < certificate.reminder_30_sent_at


def test_a_first_run_45_days_before_expiry_sends_the_60_day_reminder_and_never_the_90(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = expiring_in(45)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders() == 1
    certificate.refresh_from_db()
    assert certificate.reminder_60_sent_at and certificate.reminder_90_sent_at
    assert certificate.reminder_30_sent_at is None
    assert run_daily(46, django_capture_on_commit_callbacks) == 1  # the 30-day one
    assert [s.split("] ")[-1] for s in reminders_to(mailoutbox, certificate)] == [
        "Your certificate expires in 45 days",
        "Your certificate expires in 30 days",
    ]


def test_a_certificate_reminded_at_60_days_before_90_day_reminders_existed_gets_no_90(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    # Sent by the 60-and-30 job: reminder_90_sent_at was never set.
    certificate = expiring_in(50)
    Certificate.objects.filter(pk=certificate.pk).update(reminder_60_sent_at=timezone.now())
    assert run_daily(21, django_capture_on_commit_callbacks) == 1
    assert [s.split("] ")[-1] for s in reminders_to(mailoutbox, certificate)] == [
        "Your certificate expires in 30 days",
    ]


def test_the_reminder_links_to_the_holders_renewal_checklist(
    client, site, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = holder_certificate(days_ago=730 - 90)
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders() == 1
    (message,) = mailoutbox
    body = message.body
    assert "90 days from today" in body and "There is still time to renew it" in body
    anchor = f"#renewal-{certificate.code}"
    (link,) = re.findall(r"https?://\S+" + re.escape(anchor), body)
    assert link in message.alternatives[0][0]  # the button in the HTML part too
    path = urlsplit(link).path
    assert path == reverse("dashboard")
    client.force_login(certificate.enrollment.learner)
    page = client.get(path).content.decode()
    assert f'id="renewal-{certificate.code}"' in page
    assert "Your renewal" in page


def test_a_suspended_holder_is_reminded_without_being_urged_to_renew(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    certificate = holder_certificate(days_ago=730 - 30)
    certificate_suspend(certificate_id=certificate.pk, by=CoordinatorFactory(), reason="Review")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert certificates_send_expiry_reminders() == 1
    (message,) = mailoutbox
    assert "It is suspended at the moment" in message.body
    assert "talk with your program coordinator" in message.body
    assert "There is still time to renew it" not in message.body
    assert f"#renewal-{certificate.code}" in message.body


def test_revoked_superseded_and_expired_certificates_get_no_reminder(
    site, mailoutbox, django_capture_on_commit_callbacks
):
    coordinator = CoordinatorFactory()
    revoked = expiring_in(80)
    certificate_revoke(certificate_id=revoked.pk, revoked_by=coordinator, reason="x")
    replaced = expiring_in(80)
    today = timezone.localdate()
    certificate_supersede(
        certificate_id=replaced.pk,
        by=coordinator,
        kind=Certificate.Supersession.RENEWAL,
        snapshot=replaced.snapshot,
        issued_on=today,
        expires_on=today + datetime.timedelta(days=730),
    )
    expired = expiring_in(-1)
    assert run_daily(100, django_capture_on_commit_callbacks) == 0
    for certificate in (revoked, replaced, expired):
        assert reminders_to(mailoutbox, certificate) == []

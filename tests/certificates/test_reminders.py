import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from certificates.services import certificate_revoke, certificates_send_expiry_reminders
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

"""The holder's dashboard shows their renewal checklist, always, with the window date."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from renewals.models import CECategory
from renewals.services import ce_entry_record
from tests.renewals.factories import holder_certificate

pytestmark = pytest.mark.django_db


def dashboard_text(client) -> str:
    response = client.get(reverse("dashboard"))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_a_holder_sees_what_their_renewal_still_needs_and_when_the_window_opens(client, site):
    certificate = holder_certificate(days_ago=100)
    holder = certificate.enrollment.learner
    client.force_login(holder)
    page = dashboard_text(client)
    assert "Your renewal" in page
    assert "you need 20 hours of continuing education, including 6 in Ethics" in page
    assert "Still needed: 6 more CE hours in Ethics; 20 more CE hours in total." in page
    opens = certificate.expires_on - datetime.timedelta(days=90)
    assert f"Your renewal window opens on {opens:%-d %B %Y}." in page

    ce_entry_record(
        holder=holder,
        certificate=certificate,
        activity="Ethics",
        provider="Board",
        date=timezone.localdate(),
        hours="6",
        category=CECategory.objects.get(name="Ethics"),
    )
    page = dashboard_text(client)
    assert "Ethics: 6 of 6 hours" in page
    assert "Still needed: 14 more CE hours in total." in page


def test_someone_without_a_certificate_sees_no_renewal_checklist(client, site):
    certificate = holder_certificate()
    learner = certificate.enrollment.learner
    certificate.revoked_at = certificate.issued_at
    certificate.save()
    client.force_login(learner)
    assert "Your renewal" not in dashboard_text(client)

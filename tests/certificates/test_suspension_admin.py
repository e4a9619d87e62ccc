"""The coordinator's Suspend and Reinstate screens (issue #17): two steps,
a clear message for bad input with nothing changed, the history on the
evidence page, and the links where Revoke is."""

import pytest
from django.urls import reverse

from certificates.models import CertificateSuspension
from certificates.services import certificate_revoke, certificate_suspend
from tests.training.factories import LearnerFactory

from .factories import CertificateFactory
from .scenario import coordinator_client
from .test_verify_claims import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(site):
    return CertificateFactory()


def suspend_url(certificate):
    return reverse("certificates_admin_suspend", args=[certificate.pk])


def reinstate_url(certificate):
    return reverse("certificates_admin_reinstate", args=[certificate.pk])


def test_suspending_takes_a_reason_then_a_confirmation(client, certificate):
    coordinator = coordinator_client(client)
    first = client.post(suspend_url(certificate), {"reason": "Complaint under review."})
    assert first.status_code == 200
    assert "Yes, suspend the certificate" in first.content.decode()
    assert not CertificateSuspension.objects.exists()

    done = client.post(
        suspend_url(certificate), {"reason": "Complaint under review.", "confirm": "yes"}
    )
    assert done.status_code == 302
    suspension = CertificateSuspension.objects.get()
    assert suspension.suspended_by == coordinator
    assert suspension.reason == "Complaint under review."
    page = page_text(client.get(suspend_url(certificate)))
    assert "suspended" in page and "Suspended since" in page


def test_no_reason_is_a_clear_message_and_nothing_changes(client, certificate):
    coordinator_client(client)
    for data in ({"reason": ""}, {"reason": "   ", "confirm": "yes"}):
        response = client.post(suspend_url(certificate), data)
        assert response.status_code == 400
        assert "This field is required" in response.content.decode()
    too_long = client.post(suspend_url(certificate), {"reason": "x" * 2001, "confirm": "yes"})
    assert too_long.status_code == 400
    assert "at most 2000 characters" in too_long.content.decode()
    assert not CertificateSuspension.objects.exists()


def test_suspending_a_revoked_certificate_is_refused_with_the_reason(client, certificate):
    coordinator = coordinator_client(client)
    certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="Error")
    response = client.post(suspend_url(certificate), {"reason": "Review", "confirm": "yes"})
    assert response.status_code == 409
    assert "cannot be suspended" in page_text(response)
    assert not CertificateSuspension.objects.exists()


def test_reinstating_takes_a_confirmation_and_keeps_the_note(client, certificate):
    coordinator = coordinator_client(client)
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="Review")
    first = client.post(reinstate_url(certificate), {"note": "No case to answer."})
    assert "Yes, reinstate the certificate" in first.content.decode()
    assert CertificateSuspension.objects.get().ended_at is None

    done = client.post(reinstate_url(certificate), {"note": "No case to answer.", "confirm": "yes"})
    assert done.status_code == 302
    suspension = CertificateSuspension.objects.get()
    assert suspension.reinstated_by == coordinator
    assert suspension.reinstatement_note == "No case to answer."


def test_reinstating_one_not_suspended_says_so(client, certificate):
    coordinator_client(client)
    assert "is not suspended" in page_text(client.get(reinstate_url(certificate)))
    response = client.post(reinstate_url(certificate), {"confirm": "yes"})
    assert response.status_code == 409
    assert "nothing to reinstate" in page_text(response)


def test_the_evidence_page_shows_the_history(client, certificate):
    coordinator = coordinator_client(client)
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="First review")
    client.post(reinstate_url(certificate), {"note": "Cleared", "confirm": "yes"})
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="Second review")
    page = page_text(
        client.get(reverse("certificates_admin_review", args=[certificate.enrollment_id]))
    )
    assert "Suspensions and reinstatements" in page
    assert "First review" in page and "Cleared" in page and "Second review" in page
    assert "Still suspended" in page


def test_the_certificate_pages_link_suspend_and_reinstate(client, certificate):
    coordinator = coordinator_client(client)
    inspect = reverse("issued_certificates:inspect", args=[certificate.pk])
    assert suspend_url(certificate) in client.get(inspect).content.decode()
    listing = client.get(reverse("issued_certificates:index")).content.decode()
    assert suspend_url(certificate) in listing
    revoke = reverse("certificates_admin_revoke", args=[certificate.pk])
    assert suspend_url(certificate) in client.get(revoke).content.decode()
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="Review")
    assert reinstate_url(certificate) in client.get(inspect).content.decode()
    assert reinstate_url(certificate) in client.get(revoke).content.decode()


def test_a_learner_cannot_suspend(client, certificate):
    client.force_login(certificate.enrollment.learner)
    response = client.post(suspend_url(certificate), {"reason": "x", "confirm": "yes"})
    assert response.status_code in (302, 403)
    client.force_login(LearnerFactory())
    client.post(suspend_url(certificate), {"reason": "x", "confirm": "yes"})
    assert not CertificateSuspension.objects.exists()

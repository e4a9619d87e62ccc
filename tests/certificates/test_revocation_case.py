"""Revocation closes the case (issue #16, finding 2): a revoked holder is not
back in the queue, their dashboard says what happened and who to ask, and a
coordinator re-opens the case with a reason before a new certificate."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from certificates.admin_views import eligible_enrollments
from certificates.models import CaseReopening, Certificate
from certificates.services import (
    certificate_issue,
    certificate_revoke,
    certification_reopen,
)
from tests.training.factories import CoordinatorFactory, LearnerFactory

from .scenario import Scenario, coordinator_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def revoked(site):
    scenario = Scenario().make_eligible()
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    scenario.enrollment.cohort.coordinators.add(coordinator)
    certificate = certificate_issue(
        enrollment_id=scenario.enrollment.pk, issued_by=coordinator, name_as_printed="Riley Morgan"
    )
    certificate_revoke(
        certificate_id=certificate.pk, revoked_by=coordinator, reason="Issued in error (internal)."
    )
    certificate.refresh_from_db()
    scenario.certificate, scenario.coordinator = certificate, coordinator
    return scenario


def queued(scenario) -> bool:
    return scenario.enrollment.pk in {r.enrollment.pk for r in eligible_enrollments()}


def test_a_revoked_holder_is_not_back_in_the_queue(client, revoked):
    assert not queued(revoked)
    coordinator_client(client)
    html = client.get(reverse("certificates_admin_queue")).content.decode()
    assert str(revoked.learner) not in html


def test_no_new_certificate_before_the_case_is_reopened(revoked):
    with pytest.raises(ValidationError, match="Re-open the case"):
        certificate_issue(
            enrollment_id=revoked.enrollment.pk,
            issued_by=revoked.coordinator,
            name_as_printed="Riley Morgan",
        )
    assert Certificate.objects.filter(enrollment=revoked.enrollment).count() == 1


def test_reopening_needs_a_reason_and_happens_once(revoked):
    with pytest.raises(ValidationError, match="why"):
        certification_reopen(
            certificate_id=revoked.certificate.pk, reopened_by=revoked.coordinator, reason="  "
        )
    assert not CaseReopening.objects.exists()
    certification_reopen(
        certificate_id=revoked.certificate.pk,
        reopened_by=revoked.coordinator,
        reason="The record was corrected.",
    )
    with pytest.raises(ValidationError, match="already re-opened"):
        certification_reopen(
            certificate_id=revoked.certificate.pk, reopened_by=revoked.coordinator, reason="Again"
        )
    assert CaseReopening.objects.count() == 1


def test_a_live_certificate_cannot_be_reopened(site):
    scenario = Scenario().make_eligible()
    coordinator = CoordinatorFactory()
    certificate = certificate_issue(
        enrollment_id=scenario.enrollment.pk, issued_by=coordinator, name_as_printed="Riley Morgan"
    )
    with pytest.raises(ValidationError, match="not revoked"):
        certification_reopen(
            certificate_id=certificate.pk, reopened_by=coordinator, reason="Just because."
        )


def test_after_reopening_the_learner_is_queued_and_can_be_issued_again(revoked):
    certification_reopen(
        certificate_id=revoked.certificate.pk,
        reopened_by=revoked.coordinator,
        reason="The record was corrected.",
    )
    assert queued(revoked)
    again = certificate_issue(
        enrollment_id=revoked.enrollment.pk,
        issued_by=revoked.coordinator,
        name_as_printed="Riley Morgan",
    )
    assert again.code != revoked.certificate.code
    assert list(Certificate.objects.live().filter(enrollment=revoked.enrollment)) == [again]
    assert not queued(revoked)


def test_a_revoked_holders_dashboard_says_so_and_who_to_contact(client, revoked):
    revoked.certification.contact = "certificates@example.org or 555-0100"
    revoked.certification.save()
    client.force_login(revoked.learner)
    html = re.sub(r"<[^>]+>", "", client.get(reverse("dashboard")).content.decode())
    assert "You have met every requirement" not in html
    assert f"Your certificate {revoked.certificate.code} was revoked on" in html
    assert f"{revoked.certificate.revoked_at:%-d %B %Y}" in html
    assert "Casey Brennan" in html and revoked.coordinator.email in html
    assert "certificates@example.org or 555-0100" in html
    # The internal reason stays internal.
    assert "Issued in error" not in html


def test_the_dashboard_after_reopening_shows_the_checklist_again(client, revoked):
    certification_reopen(
        certificate_id=revoked.certificate.pk,
        reopened_by=revoked.coordinator,
        reason="The record was corrected.",
    )
    client.force_login(revoked.learner)
    html = client.get(reverse("dashboard")).content.decode()
    assert "re-opened" in html
    assert "You have met every requirement" in html
    assert "The record was corrected" not in html


def test_reissue_after_reopen_through_the_admin(client, revoked):
    """Evidence page → re-open form with a reason → evidence shows who, when and
    why → issue (with its confirmation) → a new live certificate."""
    coordinator = coordinator_client(client, CoordinatorFactory(first_name="Sam", last_name="Lee"))
    review_url = reverse("certificates_admin_review", args=[revoked.enrollment.pk])
    evidence = client.get(review_url).content.decode()
    reopen_url = reverse("certificates_admin_reopen", args=[revoked.certificate.pk])
    assert "was revoked on" in evidence and reopen_url in evidence
    assert 'value="issue"' not in evidence
    refused = client.post(
        review_url, {"action": "issue", "name_as_printed": "Riley Morgan", "confirm": "yes"}
    )
    assert refused.status_code == 409
    assert "Re-open the case" in refused.content.decode()

    form = client.get(reopen_url)
    assert form.status_code == 200 and "Reason for re-opening" in form.content.decode()
    assert client.post(reopen_url, {"reason": ""}).status_code == 200
    assert not CaseReopening.objects.exists()
    response = client.post(reopen_url, {"reason": "Name corrected with the learner."})
    assert response.status_code == 302 and response.url == review_url
    reopening = CaseReopening.objects.get()
    assert reopening.reopened_by == coordinator

    evidence = client.get(review_url).content.decode()
    assert "Name corrected with the learner." in evidence
    assert "Sam Lee" in evidence
    assert 'value="issue"' in evidence
    client.post(
        review_url, {"action": "issue", "name_as_printed": "Riley Morgan", "confirm": "yes"}
    )
    assert Certificate.objects.live().filter(enrollment=revoked.enrollment).count() == 1


def test_only_coordinators_reopen(client, revoked):
    url = reverse("certificates_admin_reopen", args=[revoked.certificate.pk])
    client.force_login(LearnerFactory())
    assert client.post(url, {"reason": "x"}).status_code == 403
    assert not CaseReopening.objects.exists()

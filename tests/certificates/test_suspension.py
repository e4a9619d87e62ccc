"""Suspension and reinstatement (issue #17): the rules of the services, what
/verify/ and its JSON say, what the holder is told and sees, and the stamped
download."""

import datetime
import json
import zipfile
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.admin_views import eligible_enrollments
from certificates.models import Certificate, CertificateSuspension, ProgramCertification
from certificates.selectors import public_record
from certificates.services import (
    certificate_issue,
    certificate_reinstate,
    certificate_revoke,
    certificate_suspend,
    certificates_render_pending,
)
from dashboard.data import export_for
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .scenario import Scenario
from .test_verify_claims import page_text

pytestmark = pytest.mark.django_db

REASON = "Ethics review of a complaint (internal note 7731)."


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(first_name="Casey", last_name="Brennan")


@pytest.fixture
def certificate(site, coordinator):
    return CertificateFactory(issued_on=timezone.localdate() - datetime.timedelta(days=100))


def suspend(certificate, by, **kwargs):
    return certificate_suspend(certificate_id=certificate.pk, by=by, reason=REASON, **kwargs)


def json_of(client, certificate):
    return client.get(reverse("certificates:verify_json", args=[certificate.code])).json()


def page_of(client, certificate):
    return page_text(client.get(reverse("certificates:verify", args=[certificate.code])))


# --- The services' rules ---------------------------------------------------------


def test_suspending_records_who_when_and_why(certificate, coordinator):
    suspension = suspend(certificate, coordinator)
    assert suspension.suspended_by == coordinator and suspension.reason == REASON
    assert suspension.ended_at is None
    assert Certificate.objects.get(pk=certificate.pk).is_suspended


def test_a_suspension_needs_a_reason_and_nothing_changes_without_one(certificate, coordinator):
    with pytest.raises(ValidationError) as refused:
        certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="   ")
    assert "Record why the certificate is suspended" in str(refused.value)
    with pytest.raises(ValidationError, match="under 2,000"):
        certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="x" * 2001)
    assert not CertificateSuspension.objects.exists()
    assert mail.outbox == []


def test_suspending_twice_is_refused(certificate, coordinator):
    suspend(certificate, coordinator)
    with pytest.raises(ValidationError, match="already suspended, since"):
        suspend(certificate, coordinator)
    assert CertificateSuspension.objects.count() == 1


def test_a_revoked_superseded_or_expired_certificate_is_not_suspended(site, coordinator):
    revoked = CertificateFactory()
    certificate_revoke(certificate_id=revoked.pk, revoked_by=coordinator, reason="Error")
    newer = CertificateFactory()
    superseded = CertificateFactory(
        superseded_by=newer, superseded_at=timezone.now(), supersession="name_change"
    )
    expired = CertificateFactory(
        issued_on=timezone.localdate() - datetime.timedelta(days=800),
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    for certificate, words in [
        (revoked, "revoked certificate cannot be suspended"),
        (superseded, "replaced by a newer certificate"),
        (expired, "expired certificate cannot be suspended"),
    ]:
        with pytest.raises(ValidationError, match=words):
            suspend(certificate, coordinator)
    assert not CertificateSuspension.objects.exists()


def test_reinstating_ends_the_suspension_with_who_and_a_note(certificate, coordinator):
    suspend(certificate, coordinator)
    other = CoordinatorFactory()
    ended = certificate_reinstate(certificate_id=certificate.pk, by=other, note="Review closed.")
    assert ended.reinstated_by == other and ended.ended_at is not None
    assert ended.reinstatement_note == "Review closed."
    assert not Certificate.objects.get(pk=certificate.pk).is_suspended


def test_reinstating_one_not_suspended_is_refused(certificate, coordinator):
    with pytest.raises(ValidationError, match="is not suspended"):
        certificate_reinstate(certificate_id=certificate.pk, by=coordinator)
    suspend(certificate, coordinator)
    certificate_reinstate(certificate_id=certificate.pk, by=coordinator)
    with pytest.raises(ValidationError, match="is not suspended"):
        certificate_reinstate(certificate_id=certificate.pk, by=coordinator)


def test_a_certificate_is_suspended_and_reinstated_more_than_once(certificate, coordinator):
    for _ in range(2):
        suspend(certificate, coordinator)
        certificate_reinstate(certificate_id=certificate.pk, by=coordinator)
    suspend(certificate, coordinator)
    assert certificate.suspensions.count() == 3
    assert certificate.suspensions.filter(ended_at__isnull=True).count() == 1


def test_revoking_a_suspended_certificate_ends_the_suspension(certificate, coordinator):
    suspend(certificate, coordinator)
    certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="Outcome")
    suspension = certificate.suspensions.get()
    assert suspension.ended_at is not None and suspension.reinstated_by is None
    assert public_record(certificate.code).status == "revoked"
    with pytest.raises(ValidationError, match="cannot be reinstated"):
        certificate_reinstate(certificate_id=certificate.pk, by=coordinator)


def test_a_suspended_certificate_stays_the_holders_and_is_not_queued_again(site, coordinator):
    scenario = Scenario().make_eligible()
    issued = certificate_issue(
        enrollment_id=scenario.enrollment.pk, issued_by=coordinator, name_as_printed="Riley Morgan"
    )
    suspend(issued, coordinator)
    assert scenario.enrollment.pk not in {r.enrollment.pk for r in eligible_enrollments()}
    with pytest.raises(ValidationError, match="already issued"):
        certificate_issue(
            enrollment_id=scenario.enrollment.pk,
            issued_by=coordinator,
            name_as_printed="Riley Morgan",
        )


# --- What the holder is told ------------------------------------------------------


def test_the_holder_is_emailed_on_suspend_and_reinstate_without_the_reason(
    certificate, coordinator, django_capture_on_commit_callbacks
):
    ProgramCertification.objects.create(
        program=certificate.enrollment.program,
        code_of_ethics="Be kind.",
        contact="certification@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        suspend(certificate, coordinator)
        certificate_reinstate(
            certificate_id=certificate.pk, by=coordinator, note="Closed: no case."
        )
    suspended, reinstated = mail.outbox
    learner = certificate.enrollment.learner
    assert suspended.to == [learner.email] and reinstated.to == [learner.email]
    assert "paused during a review" in suspended.subject
    assert "certification@example.org" in suspended.body
    assert "reinstated" in reinstated.subject
    for message in (suspended, reinstated):
        html = message.alternatives[0][0]
        assert "7731" not in message.body and "7731" not in html
        assert "Closed: no case" not in message.body and "Closed: no case" not in html


def test_the_holders_pages_say_suspended_since(client, certificate, coordinator):
    when = timezone.now() - datetime.timedelta(days=3)
    suspend(certificate, coordinator, now=when)
    client.force_login(certificate.enrollment.learner)
    mine = page_text(client.get(reverse("certificates:mine")))
    assert f"Suspended since {timezone.localdate(when):%-d %B %Y}" in mine
    assert "7731" not in mine
    dashboard = page_text(client.get(reverse("dashboard")))
    assert f"Suspended since {timezone.localdate(when):%-d %B %Y}" in dashboard
    assert "7731" not in dashboard


# --- Public status ----------------------------------------------------------------


def test_a_valid_certificate_states_its_status_and_certified_since(client, certificate):
    data = json_of(client, certificate)
    assert data["status"] == "valid" and data["superseded_by"] is None
    assert data["certified_since"] == certificate.issued_on.isoformat()
    assert data["suspended_on"] is None
    # Earlier keys still answer.
    assert data["name"] == "Riley Morgan" and data["revoked_on"] is None
    assert "Valid" in page_of(client, certificate)


def test_a_suspended_certificate_shows_public_dates_only(client, certificate, coordinator):
    when = timezone.now() - datetime.timedelta(days=2)
    suspend(certificate, coordinator, now=when)
    data = json_of(client, certificate)
    assert data["status"] == "suspended"
    assert data["suspended_on"] == timezone.localdate(when).isoformat()
    page = page_of(client, certificate)
    assert f"Suspended since {timezone.localdate(when):%-d %B %Y}" in page
    assert "7731" not in page and "7731" not in str(data)

    certificate_reinstate(certificate_id=certificate.pk, by=coordinator)
    assert json_of(client, certificate)["status"] == "valid"
    assert "Suspended" not in page_of(client, certificate)


def test_an_expired_certificate_says_expired_on(client, site):
    expired = CertificateFactory(
        issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2022, 1, 1)
    )
    assert json_of(client, expired)["status"] == "expired"
    assert "Expired on 1 January 2022" in page_of(client, expired)


def test_a_revoked_certificate_says_revoked(client, certificate, coordinator):
    certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="x")
    assert json_of(client, certificate)["status"] == "revoked"
    assert "Revoked" in page_of(client, certificate)


def test_a_superseded_certificate_shows_no_name_and_no_successor(client, site):
    newer = CertificateFactory()
    old = CertificateFactory(
        superseded_by=newer, superseded_at=timezone.now(), supersession="name_change"
    )
    data = json_of(client, old)
    assert data["status"] == "superseded"
    assert data["superseded_by"] is None and data["name"] is None
    page = page_of(client, old)
    assert "Replaced by a newer certificate — ask the holder for it" in page
    assert "Riley Morgan" not in page and newer.code not in page


def test_the_status_tokens_are_the_fixed_five(client, site, coordinator):
    seen = set()
    valid = CertificateFactory()
    seen.add(json_of(client, valid)["status"])
    suspended = CertificateFactory()
    suspend(suspended, coordinator)
    seen.add(json_of(client, suspended)["status"])
    revoked = CertificateFactory()
    certificate_revoke(certificate_id=revoked.pk, revoked_by=coordinator, reason="x")
    seen.add(json_of(client, revoked)["status"])
    seen.add(
        json_of(
            client,
            CertificateFactory(
                superseded_by=valid, superseded_at=timezone.now(), supersession="name_change"
            ),
        )["status"]
    )
    expired = CertificateFactory(
        issued_on=datetime.date(2020, 1, 1), expires_on=datetime.date(2022, 1, 1)
    )
    seen.add(json_of(client, expired)["status"])
    assert seen == set(Certificate.STATUSES)


def test_public_record_is_one_query(certificate, coordinator, django_assert_num_queries):
    suspend(certificate, coordinator)
    with django_assert_num_queries(1):
        record = public_record(certificate.code)
    assert record.status == "suspended"


# --- The stamped download ---------------------------------------------------------


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def test_a_suspended_download_is_stamped_and_reinstating_serves_the_evidence(
    client, site, coordinator, django_capture_on_commit_callbacks
):
    scenario = Scenario().make_eligible()
    with django_capture_on_commit_callbacks(execute=True):
        issued = certificate_issue(
            enrollment_id=scenario.enrollment.pk,
            issued_by=coordinator,
            name_as_printed="Riley Morgan",
        )
    issued.refresh_from_db()
    assert issued.pdf  # the immediate task backend rendered it
    client.force_login(scenario.enrollment.learner)
    url = reverse("certificates:download", args=[issued.code])

    with django_capture_on_commit_callbacks(execute=True):
        suspend(issued, coordinator)
    stamped = Certificate.objects.get(pk=issued.pk)
    assert stamped.suspended_pdf and stamped.pdf_sha256 == issued.pdf_sha256
    response = client.get(url)
    assert response.status_code == 200
    assert f'{issued.code}-SUSPENDED.pdf"' in response["Content-Disposition"]
    with stamped.suspended_pdf.open("rb") as handle:
        assert response.content == handle.read()
    assert "SUSPENDED" in text_of(response.content)

    certificate_reinstate(certificate_id=issued.pk, by=coordinator)
    response = client.get(url)
    assert f'{issued.code}.pdf"' in response["Content-Disposition"]
    with stamped.pdf.open("rb") as handle:
        assert response.content == handle.read()
    assert "SUSPENDED" not in text_of(response.content)


def test_until_the_worker_made_the_stamped_copy_the_download_is_being_prepared(
    client, certificate, coordinator, settings
):
    certificate.pdf.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    suspend(certificate, coordinator)
    client.force_login(certificate.enrollment.learner)
    response = client.get(reverse("certificates:download", args=[certificate.code]))
    assert response.status_code == 202
    mine = page_text(client.get(reverse("certificates:mine")))
    assert "Your PDF, marked SUSPENDED, is being prepared" in mine


def test_the_daily_job_renders_a_missing_suspended_copy(site, coordinator, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    certificate = CertificateFactory()
    suspend(certificate, coordinator)
    assert certificates_render_pending() == 1
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.suspended_pdf


def test_the_holders_data_export_has_the_suspension_dates_not_the_reason(certificate, coordinator):
    suspend(certificate, coordinator)
    with zipfile.ZipFile(BytesIO(export_for(certificate.enrollment.learner))) as archive:
        names = [n for n in archive.namelist() if n.endswith("certificates.json")]
        exported = archive.read(names[0]).decode()
    (row,) = json.loads(exported)
    assert row["status"] == "suspended" and row["suspended_since"]
    assert "7731" not in exported

"""Downloads serve stored files only: a PDF not stored yet is made by the task
worker, and downloads are rate limited per person and per client address."""

from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.services import certificate_render, certificate_revoke
from tests.training.factories import CoordinatorFactory, LearnerFactory
from tests.training.test_tasks_requeue import database_tasks, keep_signal_handlers, run_worker

from .factories import CertificateFactory

RENDER_TASK = "certificates.tasks.render_certificate"
__all__ = ["database_tasks", "keep_signal_handlers"]  # fixtures used below


def download(client, certificate, **extra):
    return client.get(reverse("certificates:download", args=[certificate.code]), **extra)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def stored_bytes(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def assert_being_prepared(response):
    assert response.status_code == 202
    assert response["Retry-After"] == "60"
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "Your certificate is being prepared" in page
    assert "Please try again in a minute" in page


@pytest.mark.django_db
def test_a_missing_pdf_is_asked_of_the_worker_once_and_never_rendered_in_the_request(
    client, site, database_tasks
):
    certificate = CertificateFactory()
    client.force_login(certificate.enrollment.learner)

    assert_being_prepared(download(client, certificate))
    assert_being_prepared(download(client, certificate))

    # One task is queued however often the page is reloaded; no file yet.
    assert DBTaskResult.objects.filter(task_path=RENDER_TASK).count() == 1
    certificate.refresh_from_db()
    assert not certificate.pdf and certificate.render_failures == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_revoked_certificates_marked_copy_is_made_once_by_the_worker_and_stored(
    client, site, database_tasks, keep_signal_handlers
):
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    evidence = stored_bytes(certificate.pdf)
    certificate_revoke(certificate_id=certificate.pk, revoked_by=CoordinatorFactory(), reason="x")
    client.force_login(certificate.enrollment.learner)

    assert_being_prepared(download(client, certificate))
    # Revoking queued the render; the download did not queue another.
    assert DBTaskResult.objects.filter(task_path=RENDER_TASK).count() == 1

    run_worker()
    certificate.refresh_from_db()
    assert certificate.revoked_pdf
    response = download(client, certificate)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('-REVOKED.pdf"')
    assert response.content == stored_bytes(certificate.revoked_pdf)
    assert "REVOKED" in text_of(response.content)
    # The evidence file stays as it was, and the copy is not rendered again.
    assert stored_bytes(certificate.pdf) == evidence
    assert download(client, certificate).content == response.content
    assert DBTaskResult.objects.filter(task_path=RENDER_TASK).count() == 1


@pytest.mark.django_db
def test_with_the_immediate_backend_a_missing_pdf_is_made_at_once(client, site):
    certificate = CertificateFactory()
    client.force_login(certificate.enrollment.learner)
    response = download(client, certificate)
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert response.content == stored_bytes(certificate.pdf)


@pytest.mark.django_db
def test_the_daily_job_also_makes_missing_revoked_copies(site, database_tasks):
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at)
    call_command("render_pending_certificates", stdout=StringIO())
    certificate.refresh_from_db()
    assert "REVOKED" in text_of(stored_bytes(certificate.revoked_pdf))


# --- Rate limits -------------------------------------------------------------------------


@pytest.mark.django_db
def test_downloads_are_rate_limited_per_person_with_a_kind_message(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {"download_certificate": "2/m/user"}
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    client.force_login(certificate.enrollment.learner)
    statuses = [download(client, certificate).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = download(client, certificate)
    assert "Please wait a minute and try again." in limited.content.decode()
    # Someone else, from the same address, is not held back (and not shown it).
    client.force_login(LearnerFactory())
    assert download(client, certificate).status_code == 404


@pytest.mark.django_db
def test_downloads_are_rate_limited_per_client_address(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {"download_certificate": "2/m/ip"}
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    client.force_login(certificate.enrollment.learner)
    assert download(client, certificate).status_code == 200
    client.force_login(LearnerFactory())
    assert download(client, certificate).status_code == 404  # not theirs; still counted
    client.force_login(certificate.enrollment.learner)
    assert download(client, certificate).status_code == 429
    assert download(client, certificate, REMOTE_ADDR="10.9.8.7").status_code == 200

import pytest
from django.core.management import call_command

from certificates.models import Certificate
from certificates.services import certificate_download_file, certificate_issue
from certificates.signing import forget_signer
from tests.training.factories import CoordinatorFactory

from .scenario import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def broken_signing(settings, tmp_path):
    settings.CERTIFICATE_SIGNING_AUTO_GENERATE = False
    settings.CERTIFICATE_SIGNING_KEY = str(tmp_path / "missing-key.pem")
    settings.CERTIFICATE_SIGNING_CERT = str(tmp_path / "missing-cert.pem")
    forget_signer()
    yield settings
    forget_signer()


def test_a_failing_render_leaves_the_certificate_issued(
    site, broken_signing, django_capture_on_commit_callbacks
):
    scenario = Scenario().make_eligible()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = certificate_issue(
            enrollment_id=scenario.enrollment.pk,
            issued_by=CoordinatorFactory(),
            name_as_printed="Riley Morgan",
        )
    certificate.refresh_from_db()
    assert Certificate.objects.filter(pk=certificate.pk, revoked_at__isnull=True).exists()
    assert not certificate.pdf and certificate.render_failures == 1

    # Signing works again: a download asks for it (the immediate backend renders
    # it then), and keeps that file.
    broken_signing.CERTIFICATE_SIGNING_AUTO_GENERATE = True
    broken_signing.CERTIFICATE_SIGNING_KEY = None
    broken_signing.CERTIFICATE_SIGNING_CERT = None
    forget_signer()
    with certificate_download_file(certificate=certificate).open("rb") as handle:
        pdf = handle.read()
    certificate.refresh_from_db()
    assert pdf.startswith(b"%PDF") and certificate.pdf and certificate.pdf_sha256


def test_the_daily_job_renders_what_is_missing(site, broken_signing):
    scenario = Scenario().make_eligible()
    certificate = certificate_issue(
        enrollment_id=scenario.enrollment.pk,
        issued_by=CoordinatorFactory(),
        name_as_printed="Riley Morgan",
    )
    broken_signing.CERTIFICATE_SIGNING_AUTO_GENERATE = True
    broken_signing.CERTIFICATE_SIGNING_KEY = None
    broken_signing.CERTIFICATE_SIGNING_CERT = None
    forget_signer()
    call_command("render_pending_certificates", stdout=__import__("io").StringIO())
    certificate.refresh_from_db()
    assert certificate.pdf_sha256

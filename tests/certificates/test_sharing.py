"""The holder shares a certificate (issue #18): "Add to LinkedIn" filled in
from the certificate, and the signed Open Badges files for a wallet; only
while the certificate says "valid"."""

import html
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.services import certificate_suspend
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def linkedin_link(page: str) -> dict:
    start = page.index("https://www.linkedin.com/profile/add?")
    url = html.unescape(page[start : page.index('"', start)])
    parsed = urlparse(url)
    assert (parsed.scheme, parsed.netloc, parsed.path) == (
        "https",
        "www.linkedin.com",
        "/profile/add",
    )
    return {key: values[0] for key, values in parse_qs(parsed.query).items()}


def test_add_to_linkedin_is_filled_in_from_the_certificate(client, site):
    certificate = CertificateFactory()
    client.force_login(certificate.enrollment.learner)
    page = client.get(reverse("certificates:mine")).content.decode()
    fields = linkedin_link(page)
    assert fields == {
        "startTask": "CERTIFICATION_NAME",
        "name": certificate.snapshot["credential"],
        "organizationName": "Peerpath Training Collective",
        "issueYear": str(certificate.issued_on.year),
        "issueMonth": str(certificate.issued_on.month),
        "expirationYear": str(certificate.expires_on.year),
        "expirationMonth": str(certificate.expires_on.month),
        "certUrl": f"http://testserver/verify/{certificate.code}/",
        "certId": certificate.code,
    }
    assert reverse("certificates:credential", args=[certificate.code]) in page
    assert reverse("certificates:credential_jwt", args=[certificate.code]) in page


def test_nothing_is_offered_for_sharing_unless_it_is_valid(client, site):
    suspended = CertificateFactory()
    certificate_suspend(certificate_id=suspended.pk, by=CoordinatorFactory(), reason="A review.")
    expired_on = timezone.localdate() - timezone.timedelta(days=1)
    expired = CertificateFactory(
        enrollment=suspended.enrollment.__class__.objects.create(
            learner=suspended.enrollment.learner,
            program=CertificateFactory().enrollment.program,
        ),
        issued_on=expired_on - timezone.timedelta(days=730),
        expires_on=expired_on,
    )
    client.force_login(suspended.enrollment.learner)
    page = client.get(reverse("certificates:mine")).content.decode()
    assert expired.code in page and suspended.code in page
    assert "linkedin.com" not in page and "credential.json" not in page

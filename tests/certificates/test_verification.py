import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates.services import certificate_revoke
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db


def page(client, code):
    return client.get(reverse("certificates:verify", kwargs={"code": code}))


def test_a_valid_certificate_shows_every_claim_and_nothing_more(client, site):
    certificate = CertificateFactory(pdf_sha256="ab" * 32)
    response = page(client, certificate.code)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Valid" in html
    for claim in [
        "Riley Morgan",
        "Certified Peer Recovery Mentor",
        certificate.enrollment.program.title,
        "Peerpath Training Collective",
        "Advocacy",
        "125",
        "ab" * 32,
    ]:
        assert claim in html
    learner = certificate.enrollment.learner
    assert learner.email not in html
    assert certificate.enrollment.supervisor.email not in html


def test_lookups_ignore_case_dashes_and_confusables(client, site):
    certificate = CertificateFactory()
    messy = certificate.code.lower().replace("-", "").replace("1", "l").replace("0", "o")
    response = page(client, messy)
    assert response.status_code == 302
    assert response.url == reverse("certificates:verify", kwargs={"code": certificate.code})
    form = client.get(reverse("certificates:verify_form"), {"code": messy})
    assert form.url == reverse("certificates:verify", kwargs={"code": certificate.code})


def test_expired_and_revoked(client, site):
    old = CertificateFactory(
        issued_on=timezone.localdate() - datetime.timedelta(days=800),
        expires_on=timezone.localdate() - datetime.timedelta(days=70),
    )
    assert "Expired" in page(client, old.code).content.decode()
    revoked = CertificateFactory()
    certificate_revoke(
        certificate_id=revoked.pk,
        revoked_by=CoordinatorFactory(),
        reason="Issued in error (internal note).",
    )
    html = page(client, revoked.code).content.decode()
    assert "Revoked" in html and "revoked on" in html
    assert "internal note" not in html


def test_unknown_and_malformed_codes(client, site):
    response = page(client, "PRM-0000-0000-0000")
    assert response.status_code == 404
    assert "No certificate with this code" in response.content.decode()
    assert page(client, "not-a-code").status_code == 404
    assert client.get("/verify/" + "X" * 300 + "/").status_code == 404
    form = client.get(reverse("certificates:verify_form"), {"code": "hello<script>"})
    assert form.status_code == 400
    assert "<script>" not in form.content.decode()
    assert "look like a certificate number" in form.content.decode()


def test_json_gives_the_same_facts(client, site):
    certificate = CertificateFactory(pdf_sha256="cd" * 32)
    data = client.get(reverse("certificates:verify_json", kwargs={"code": certificate.code})).json()
    assert data["status"] == "valid"
    assert data["name"] == "Riley Morgan"
    assert data["issued_on"] == certificate.issued_on.isoformat()
    assert data["hours"]["by_domain"][0] == {
        "domain": "Advocacy",
        "training": "10",
        "practice": "125",
    }
    assert data["pdf_sha256"] == "cd" * 32
    assert set(data) == {
        "code",
        "status",
        "revoked_on",
        "suspended_on",
        "superseded_by",
        "certified_since",
        "name",
        "credential",
        "program",
        "issuer",
        "issued_on",
        "expires_on",
        "hours",
        "courses",
        "signer",
        "continuing_education",
        "pdf_sha256",
    }
    assert data["continuing_education"] is None  # set on renewals only
    missing = client.get(reverse("certificates:verify_json", kwargs={"code": "PRM-0000-0000-0000"}))
    assert missing.status_code == 404


def test_verification_costs_at_most_two_queries(client, site):
    certificate = CertificateFactory()
    page(client, certificate.code)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert page(client, certificate.code).status_code == 200
    assert len(queries) <= 2
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("certificates:verify_json", kwargs={"code": certificate.code}))
    assert len(queries) <= 2


def test_lookups_are_rate_limited_per_client_address(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {"verify_certificate": "3/m/ip"}
    certificate = CertificateFactory()
    statuses = [page(client, certificate.code).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Another address is not held back by the first one's lookups.
    other = client.get(
        reverse("certificates:verify", kwargs={"code": certificate.code}), REMOTE_ADDR="10.9.8.7"
    )
    assert other.status_code == 200


def test_behind_a_proxy_the_real_client_address_counts(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {"verify_certificate": "2/m/ip"}
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    certificate = CertificateFactory()
    url = reverse("certificates:verify", kwargs={"code": certificate.code})
    for _ in range(2):
        assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 429
    # Same proxy address, different client: not limited.
    assert client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.77").status_code == 200


def test_revoking_twice_is_refused(site):
    certificate = CertificateFactory()
    coordinator = CoordinatorFactory()
    certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="Error.")
    with pytest.raises(Exception, match="already revoked"):
        certificate_revoke(certificate_id=certificate.pk, revoked_by=coordinator, reason="Again.")

"""Signatures that outlive their key (issue #18): with a timestamp authority
configured, PDFs are signed PAdES B-LT (an RFC 3161 timestamp and the
validation data in the document), the signature still validates once the
signing certificate has expired, and if the authority does not answer no
PDF is stored (never an untimestamped signature instead)."""

import asyncio
import datetime
from io import BytesIO

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation.ades import simulate_future_ades_lta_validation
from pyhanko.sign.validation.policy_decl import (
    PdfSignatureValidationSpec,
    SignatureValidationSpec,
)
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.policy_decl import NO_REVOCATION, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from certificates.models import Certificate
from certificates.rendering import certificate_render
from certificates.signing import forget_signer

from .factories import CertificateFactory
from .timestamp_authority import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorities(tmp_path, settings):
    made, server = start(tmp_path)
    settings.CERTIFICATE_SIGNING_KEY = str(made.key_path)
    settings.CERTIFICATE_SIGNING_CERT = str(made.cert_path)
    settings.CERTIFICATE_SIGNING_CHAIN = str(made.chain_path)
    settings.CERTIFICATE_TIMESTAMP_URL = made.url
    settings.CERTIFICATE_TIMESTAMP_ROOTS = str(made.tsa_roots_path)
    forget_signer()
    yield made
    server.shutdown()
    forget_signer()


def signed_pdf(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def spec(authorities) -> PdfSignatureValidationSpec:
    policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=[authorities.root]),
        revinfo_policy=CertRevTrustPolicy(NO_REVOCATION),
    )
    ts_policy = CertValidationPolicySpec(
        trust_manager=SimpleTrustManager.build(trust_roots=[authorities.tsa_root]),
        revinfo_policy=CertRevTrustPolicy(NO_REVOCATION),
    )
    return PdfSignatureValidationSpec(
        SignatureValidationSpec(cert_validation_policy=policy, ts_cert_validation_policy=ts_policy)
    )


def test_the_pdf_carries_a_timestamp_and_its_validation_data(site, authorities):
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    reader = PdfFileReader(BytesIO(signed_pdf(certificate)))
    signature = reader.embedded_signatures[0]
    unsigned = signature.signer_info["unsigned_attrs"]
    assert [a["type"].native for a in unsigned] == ["signature_time_stamp_token"]
    assert authorities.requests and set(authorities.requests) == {"application/timestamp-query"}
    dss = reader.root["/DSS"]
    assert len(dss["/Certs"]) >= 2  # the signing certificate and its root


def validated_later(certificate, authorities):
    """pyHanko's validation of the signature as it would run 30 days after the
    signing certificate expired."""
    signature = PdfFileReader(BytesIO(signed_pdf(certificate))).embedded_signatures[0]
    later = authorities.signing_expires + datetime.timedelta(days=30)
    result = asyncio.run(
        simulate_future_ades_lta_validation(
            signature, spec(authorities), future_validation_time=later
        )
    )
    return result.api_status


def test_the_signature_validates_after_the_signing_certificate_expired(site, authorities):
    status = validated_later(
        certificate_render(certificate_id=CertificateFactory().pk), authorities
    )
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line, status.pretty_print_details()
    assert status.timestamp_validity is not None and status.timestamp_validity.trusted


def test_without_a_timestamp_the_same_signature_fails_once_expired(site, authorities, settings):
    """The control: what the timestamp buys."""
    settings.CERTIFICATE_TIMESTAMP_URL = ""
    status = validated_later(
        certificate_render(certificate_id=CertificateFactory().pk), authorities
    )
    assert status.intact and status.valid
    assert not status.bottom_line


def test_without_an_answer_from_the_authority_no_pdf_is_stored(site, authorities, settings):
    settings.CERTIFICATE_TIMESTAMP_URL = "http://127.0.0.1:9/"  # nothing listens there
    certificate = CertificateFactory()
    with pytest.raises(Exception):  # noqa: B017 - whatever the client raises, it must not pass
        certificate_render(certificate_id=certificate.pk)
    stored = Certificate.objects.get(pk=certificate.pk)
    assert not stored.pdf and stored.render_failures == 1

"""Each certificate as an Open Badges 3.0 credential (issue #18): served at
/verify/<code>/credential.json with a Data Integrity proof and as a VC-JWT,
valid against the OB 3.0 schema, checked by other people's code (JavaScript
for the proof, PyJWT for the JWT), its holder a salted hash of their email;
revoking flips exactly its bit in the signed status list."""

import hashlib
import json
from pathlib import Path

import jsonschema
import jwt
import pytest
from django.urls import reverse

from certificates import status_lists
from certificates.credential_keys import published_keys, signing_key
from certificates.data_integrity import ProofError, verify
from certificates.models import Certificate
from certificates.rendering import certificate_render
from certificates.services import certificate_revoke, certificate_suspend
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .test_data_integrity import verified_by_javascript

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[1] / "interop" / "ob_v3p0_credential.schema.json").read_text()
)


def keys() -> dict:
    return {key.verification_method: key.public_key for key in published_keys()}


def check_schema(document: dict) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(document)


@pytest.fixture
def rendered(site):
    certificate = CertificateFactory()
    return certificate_render(certificate_id=certificate.pk)


def fetch(client, certificate, name="certificates:credential"):
    return client.get(reverse(name, args=[certificate.code]))


def body(response) -> dict:
    return json.loads(response.content)


def test_the_credential_is_an_open_badge_valid_against_the_schema(client, rendered):
    response = fetch(client, rendered)
    assert response.status_code == 200 and response["Content-Type"] == "application/vc"
    credential = body(response)
    check_schema(credential)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == "did:web:testserver"
    assert credential["validUntil"].startswith(rendered.expires_on.isoformat())
    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["name"] == rendered.snapshot["credential"]
    assert [a["targetName"] for a in achievement["alignment"]] == [
        "Advocacy",
        "Ethical Responsibility",
    ]
    assert rendered.pdf_sha256 and rendered.pdf_sha256 in credential["evidence"][0]["description"]


def test_the_holder_is_a_salted_hash_of_their_email_never_their_name(client, rendered):
    credential = body(fetch(client, rendered))
    email = rendered.enrollment.learner.email
    text = json.dumps(credential)
    assert email not in text and rendered.snapshot["name"] not in text
    (identity,) = credential["credentialSubject"]["identifier"]
    expected = hashlib.sha256((email.lower() + identity["salt"]).encode()).hexdigest()
    assert identity["identityHash"] == "sha256$" + expected and identity["hashed"] is True


def test_the_proof_verifies_here_and_with_javascript(client, rendered):
    credential = body(fetch(client, rendered))
    verify(credential, keys())
    assert verified_by_javascript(credential) == {"verified": True, "errors": []}
    credential["validUntil"] = "2099-12-31T23:59:59Z"
    with pytest.raises(ProofError):
        verify(credential, keys())
    assert verified_by_javascript(credential)["verified"] is False


def test_the_jwt_is_checked_by_another_jose_library(client, rendered):
    response = fetch(client, rendered, "certificates:credential_jwt")
    assert response["Content-Type"] == "application/vc+jwt"
    token = response.content.decode()
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
    assert header["kid"] == signing_key().verification_method
    claims = jwt.decode(
        token, key=signing_key().public_key, algorithms=["EdDSA"], options={"verify_aud": False}
    )
    credential = body(fetch(client, rendered))
    assert claims == {k: v for k, v in credential.items() if k != "proof"}
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload[:-4]}AAAA.{signature}"
    with pytest.raises(jwt.InvalidTokenError):
        jwt.decode(forged, key=signing_key().public_key, algorithms=["EdDSA"])


def status_bit(client, entry) -> bool:
    listed = client.get(entry["statusListCredential"].removeprefix("http://testserver"))
    assert listed.status_code == 200 and "public" in listed["Cache-Control"]
    document = body(listed)
    verify(document, keys())
    subject = document["credentialSubject"]
    assert subject["statusPurpose"] == entry["statusPurpose"]
    bits = status_lists.decode(subject["encodedList"])
    assert len(bits) * 8 >= 131_072
    return status_lists.bit_is_set(bits, int(entry["statusListIndex"]))


def test_revoking_and_suspending_flip_the_credentials_own_bits(client, rendered):
    entries = {e["statusPurpose"]: e for e in body(fetch(client, rendered))["credentialStatus"]}
    others = [certificate_render(certificate_id=CertificateFactory().pk) for _ in range(2)]
    coordinator = CoordinatorFactory()
    assert not status_bit(client, entries["revocation"])
    assert not status_bit(client, entries["suspension"])
    certificate_suspend(certificate_id=rendered.pk, by=coordinator, reason="A review.")
    assert status_bit(client, entries["suspension"])
    certificate_revoke(certificate_id=rendered.pk, revoked_by=coordinator, reason="Fraud.")
    assert status_bit(client, entries["revocation"])
    for other in others:
        other_entries = body(fetch(client, other))["credentialStatus"]
        assert not any(status_bit(client, entry) for entry in other_entries)


def test_the_status_list_is_checked_by_javascript_too(client, rendered):
    listed = body(client.get(reverse("certificates:status_list", args=["revocation"])))
    assert verified_by_javascript(listed) == {"verified": True, "errors": []}


def test_before_the_worker_made_it_the_answer_is_202(client, site):
    certificate = CertificateFactory()
    response = fetch(client, certificate)
    # The immediate task backend of the tests runs the render at once.
    assert response.status_code in (200, 202)
    if response.status_code == 202:
        assert response["Retry-After"]
    missing = client.get(reverse("certificates:credential", args=["PRM-0000-0000-0000"]))
    assert missing.status_code == 404
    bad = client.get(reverse("certificates:status_list", args=["nonsense"]))
    assert bad.status_code == 404


def test_a_demo_certificate_verifies_as_open_badges(client, demo_seeded):
    certificate = Certificate.objects.live().order_by("pk").first()
    certificate = certificate_render(certificate_id=certificate.pk)
    credential = body(fetch(client, certificate))
    check_schema(credential)
    verify(credential, keys())
    assert verified_by_javascript(credential)["verified"] is True

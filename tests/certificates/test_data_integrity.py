"""Data Integrity proofs with eddsa-rdfc-2022 (issue #18): a signed document
verifies, any change to a claim or to the proof breaks it, and signing reads
contexts only from the shipped copies."""

import copy
import json
import os
import subprocess
from pathlib import Path

import pytest

from certificates.credential_keys import (
    base58btc,
    base58btc_decode,
    did_document,
    published_keys,
    signing_key,
)
from certificates.data_integrity import ProofError, canonical, sign, verify
from certificates.jsonld import (
    CONTEXT_FILES,
    CONTEXTS_DIR,
    CREDENTIALS_V2,
    OPEN_BADGES_V3,
    UnknownContextError,
)

CREATED = "2026-12-07T10:00:00Z"


def credential() -> dict:
    return {
        "@context": [CREDENTIALS_V2, OPEN_BADGES_V3],
        "id": "urn:uuid:6e1f7b2a-0000-4000-8000-000000000001",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": "did:web:peerpath.example", "type": ["Profile"], "name": "Peerpath"},
        "validFrom": "2026-12-07T00:00:00Z",
        "name": "Certified Peer Recovery Mentor",
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://peerpath.example/programs/mentor/",
                "type": ["Achievement"],
                "name": "Certified Peer Recovery Mentor",
                "description": "Completed the program.",
                "criteria": {"narrative": "Every required course and 500 practice hours."},
            },
        },
    }


def keys() -> dict:
    return {key.verification_method: key.public_key for key in published_keys()}


def test_base58btc_round_trips_with_leading_zeros():
    for data in (b"", b"\0\0\x01", bytes(range(64))):
        assert base58btc_decode(base58btc(data)) == data
    with pytest.raises(ValueError):
        base58btc_decode("0OIl")


def test_a_signed_credential_verifies(settings):
    signed = sign(credential(), signing_key(), created=CREATED)
    proof = signed["proof"]
    assert proof["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof["verificationMethod"] == signing_key().verification_method
    assert (
        proof["proofValue"].startswith("z") and len(base58btc_decode(proof["proofValue"][1:])) == 64
    )
    verify(signed, keys())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["credentialSubject"]["achievement"].update(name="Another credential"),
        lambda d: d.update(validFrom="2020-01-01T00:00:00Z"),
        lambda d: d["proof"].update(created="2026-12-08T10:00:00Z"),
        lambda d: d["proof"].update(proofValue="z" + base58btc(bytes(64))),
    ],
)
def test_any_change_breaks_the_proof(change):
    signed = sign(credential(), signing_key(), created=CREATED)
    changed = copy.deepcopy(signed)
    change(changed)
    with pytest.raises(ProofError):
        verify(changed, keys())


def test_an_unpublished_key_and_a_missing_proof_are_refused():
    signed = sign(credential(), signing_key(), created=CREATED)
    with pytest.raises(ProofError, match="not published"):
        verify(signed, {})
    with pytest.raises(ProofError, match="no proof"):
        verify(credential(), keys())


def test_canonicalisation_never_fetches_an_unknown_context():
    document = dict(credential(), **{"@context": [CREDENTIALS_V2, "https://example.org/ctx"]})
    with pytest.raises(Exception) as refused:
        canonical(document)
    # pyld wraps the loader's refusal: it is somewhere in the chain of causes.
    error, chain = refused.value, []
    while error is not None and len(chain) < 10:
        chain.append(error)
        error = getattr(error, "cause", None) or error.__cause__ or error.__context__
    assert any(isinstance(e, UnknownContextError) for e in chain), chain


# --- Checked by someone else's code -------------------------------------------------

INTEROP = Path(__file__).resolve().parents[1] / "interop"


def verified_by_javascript(document: dict) -> dict:
    """Digital Bazaar's eddsa-rdfc-2022 implementation (npm, run by Node.js)
    on `document`, offline: the shipped contexts and our DID document only."""
    if not (INTEROP / "node_modules").is_dir():
        if os.environ.get("REQUIRE_INTEROP"):
            pytest.fail("tests/interop/node_modules is missing: `make test` installs it first")
        pytest.skip("run `make interop-deps` (npm ci in tests/interop) to check with JavaScript")
    payload = {
        "document": document,
        "didDocument": did_document(),
        "contexts": {url: str(CONTEXTS_DIR / name) for url, name in CONTEXT_FILES.items()},
    }
    finished = subprocess.run(
        ["node", str(INTEROP / "verify_data_integrity.mjs")],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.stdout, finished.stderr
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_javascript_verifies_our_proof_and_catches_a_change():
    signed = sign(credential(), signing_key(), created=CREATED)
    assert verified_by_javascript(signed) == {"verified": True, "errors": []}
    changed = copy.deepcopy(signed)
    changed["credentialSubject"]["achievement"]["name"] = "Another credential"
    result = verified_by_javascript(changed)
    assert result["verified"] is False and result["errors"]

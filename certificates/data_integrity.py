"""Data Integrity proofs with the `eddsa-rdfc-2022` cryptosuite (W3C Data
Integrity EdDSA Cryptosuites v1.0), for the Open Badges credentials and their
status lists.

Signing: the document without its proof and the proof's options (with the
document's @context) are each canonicalised with RDFC-1.0 (pyld's URDNA2015,
the same algorithm), hashed with SHA-256, and the proof options' hash followed
by the document's hash is signed with the issuer's Ed25519 key; `proofValue` is
the signature in base58btc with the multibase prefix "z". Canonicalisation
reads contexts only through certificates.jsonld.document_loader: nothing is
fetched from the network."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pyld import jsonld

from .credential_keys import IssuerKey, base58btc, base58btc_decode
from .jsonld import document_loader

CRYPTOSUITE = "eddsa-rdfc-2022"


class ProofError(ValueError):
    """A proof that is missing, malformed, or does not verify."""


def canonical(document: dict) -> str:
    return jsonld.normalize(
        document,
        {
            "algorithm": "URDNA2015",
            "format": "application/n-quads",
            "documentLoader": document_loader,
            "safe": True,
        },
    )


def _hash_data(document: dict, proof_options: dict) -> bytes:
    unsigned = {key: value for key, value in document.items() if key != "proof"}
    options = dict(proof_options, **{"@context": document["@context"]})
    options.pop("proofValue", None)
    return (
        hashlib.sha256(canonical(options).encode()).digest()
        + hashlib.sha256(canonical(unsigned).encode()).digest()
    )


def sign(document: dict, key: IssuerKey, *, created: str) -> dict:
    """`document` with a DataIntegrityProof by `key` (created: an XML Schema
    dateTime, e.g. "2026-12-07T10:00:00Z")."""
    if key.private_key is None:
        raise ProofError("A retired key can't sign.")
    options = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created,
        "verificationMethod": key.verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = key.private_key.sign(_hash_data(document, options))
    return dict(document, proof=dict(options, proofValue="z" + base58btc(signature)))


def verify(document: dict, public_keys: dict[str, Ed25519PublicKey]) -> None:
    """Raise ProofError unless `document`'s proof verifies with the key its
    verificationMethod names in `public_keys` (verification method → key)."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise ProofError("The document has no proof.")
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise ProofError("The proof is not a DataIntegrityProof with eddsa-rdfc-2022.")
    key = public_keys.get(proof.get("verificationMethod"))
    if key is None:
        raise ProofError("The proof names a verification method that is not published.")
    value = proof.get("proofValue", "")
    if not isinstance(value, str) or not value.startswith("z"):
        raise ProofError("The proofValue is not base58btc multibase.")
    try:
        key.verify(base58btc_decode(value[1:]), _hash_data(document, proof))
    except (InvalidSignature, ValueError) as error:
        raise ProofError("The proof does not verify: the document or the proof changed.") from error

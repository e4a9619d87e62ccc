"""A Verifiable Credential secured as a JWT (W3C VC-JOSE-COSE, media type
application/vc+jwt): the credential without its embedded proof is the JWT's
claims set, signed with the same Ed25519 key as the Data Integrity proof
(`alg: EdDSA`, `kid` naming the verification method in the issuer's DID
document). A compact JWS is three base64url parts; nothing more is needed
than the key, so no JOSE library is involved in signing (the tests check it
with one)."""

from __future__ import annotations

import base64
import json

from .credential_keys import IssuerKey

MEDIA_TYPE = "application/vc+jwt"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _json(value: dict) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def sign_jwt(credential: dict, key: IssuerKey) -> str:
    claims = {name: value for name, value in credential.items() if name != "proof"}
    header = {"alg": "EdDSA", "kid": key.verification_method, "typ": "vc+jwt", "cty": "vc"}
    signing_input = f"{_b64url(_json(header))}.{_b64url(_json(claims))}"
    signature = key.private_key.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{_b64url(signature)}"

"""The issuer's keys for Open Badges 3.0 credentials, and its did:web document.

Credentials are signed with one Ed25519 key, CREDENTIAL_SIGNING_KEY (a PEM
private key; development and tests generate one, production refuses to start
without it). Keys rotated out are listed in CREDENTIAL_RETIRED_KEYS (PEM public
or private keys): they sign nothing, but stay published in the DID document so
that the credentials they signed still verify.

The issuer is `did:web:<host of SITE_URL>`; its document, at
/.well-known/did.json, lists every key as a Multikey verification method
(https://www.w3.org/TR/controller-document/#multikey).
"""

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .jsonld import DID_V1, MULTIKEY_V1

DEVELOPMENT_KEY_FILENAME = "credential-key.pem"
# The multicodec prefix of an Ed25519 public key (0xed, as an unsigned varint).
ED25519_PUBLIC_KEY_PREFIX = b"\xed\x01"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58btc(data: bytes) -> str:
    """Bitcoin's base58 (the multibase `z` encoding, without the `z`)."""
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(BASE58_ALPHABET[remainder])
    # Each leading zero byte is written as a leading "1".
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + "".join(reversed(digits))


def base58btc_decode(text: str) -> bytes:
    """The bytes `base58btc` wrote; ValueError for a character outside the alphabet."""
    number = 0
    for character in text:
        digit = BASE58_ALPHABET.find(character)
        if digit < 0:
            raise ValueError(f"{character!r} is not a base58btc digit")
        number = number * 58 + digit
    leading_ones = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading_ones + body


@dataclass(frozen=True)
class IssuerKey:
    public_key: Ed25519PublicKey
    # None for a retired key published from its public half only.
    private_key: Ed25519PrivateKey | None = None

    @property
    def public_bytes(self) -> bytes:
        return self.public_key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )

    @property
    def key_id(self) -> str:
        """Stable for the key whichever file holds it: from the public key alone."""
        return hashlib.sha256(self.public_bytes).hexdigest()[:16]

    @property
    def public_key_multibase(self) -> str:
        return "z" + base58btc(ED25519_PUBLIC_KEY_PREFIX + self.public_bytes)

    @property
    def verification_method(self) -> str:
        return f"{issuer_did()}#key-{self.key_id}"


def generate_development_key(directory: Path) -> Path:
    """An Ed25519 key for development and tests, written once per directory."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / DEVELOPMENT_KEY_FILENAME
    if path.exists():
        return path
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    # Written aside and linked into place: two processes starting together
    # (test workers, the web server and its task worker) end up with the same
    # key, and neither ever reads half a file.
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".credential-key-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(pem)
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
    return path


def signing_key_path() -> Path:
    configured = getattr(settings, "CREDENTIAL_SIGNING_KEY", None)
    if configured:
        return Path(configured)
    if getattr(settings, "CERTIFICATE_SIGNING_AUTO_GENERATE", False):
        return generate_development_key(Path(settings.CERTIFICATE_SIGNING_DIR))
    raise ImproperlyConfigured("CREDENTIAL_SIGNING_KEY must name a PEM file (an Ed25519 key)")


def _read_pem(path: Path, setting: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImproperlyConfigured(
            f"{setting} names {path}, which could not be read ({error.strerror})"
        ) from None


def _load_private(path: Path) -> IssuerKey:
    try:
        key = serialization.load_pem_private_key(
            _read_pem(path, "CREDENTIAL_SIGNING_KEY"), password=None
        )
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            f"CREDENTIAL_SIGNING_KEY names {path}, which is not an unencrypted PEM private key "
            f"({error})"
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(
            f"CREDENTIAL_SIGNING_KEY names {path}, which is not an Ed25519 key"
        )
    return IssuerKey(public_key=key.public_key(), private_key=key)


def _load_retired(path: Path) -> IssuerKey:
    pem = _read_pem(path, "CREDENTIAL_RETIRED_KEYS")
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        try:
            key = serialization.load_pem_private_key(pem, password=None).public_key()
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"CREDENTIAL_RETIRED_KEYS names {path}, which is neither a PEM public key "
                "nor an unencrypted PEM private key"
            ) from None
    if not isinstance(key, Ed25519PublicKey):
        raise ImproperlyConfigured(
            f"CREDENTIAL_RETIRED_KEYS names {path}, which is not an Ed25519 key"
        )
    # Only its public half is kept: a retired key signs nothing.
    return IssuerKey(public_key=key)


# Keyed by the paths, so changed settings (in tests) load the new files; a key
# replaced inside the same file is read after a restart, as a rotation needs.
@lru_cache(maxsize=8)
def _load(current: Path, retired: tuple[Path, ...]) -> tuple[IssuerKey, tuple[IssuerKey, ...]]:
    signing = _load_private(current)
    published = {signing.key_id}
    kept = []
    for path in retired:
        key = _load_retired(path)
        # The same key listed twice, or still current, is published once.
        if key.key_id not in published:
            published.add(key.key_id)
            kept.append(key)
    return signing, tuple(kept)


def _keys() -> tuple[IssuerKey, tuple[IssuerKey, ...]]:
    retired = tuple(Path(path) for path in getattr(settings, "CREDENTIAL_RETIRED_KEYS", []))
    return _load(signing_key_path(), retired)


def signing_key() -> IssuerKey:
    """The key new credentials are signed with."""
    return _keys()[0]


def published_keys() -> list[IssuerKey]:
    """Every key a credential of ours may carry a proof from: the current one first."""
    current, retired = _keys()
    return [current, *retired]


def forget_keys() -> None:
    """Drop the loaded keys, so the next use reads the files again."""
    _load.cache_clear()


def did_web(site_url: str) -> str:
    """did:web for the site's host; a port is written %3A-encoded, as the
    did:web method requires (https://w3c-ccg.github.io/did-method-web/)."""
    parts = urlsplit(site_url)
    if not parts.hostname:
        raise ImproperlyConfigured(f"SITE_URL must be the site's address, not {site_url!r}")
    host = parts.hostname.lower()
    if parts.port is not None:
        host = f"{host}%3A{parts.port}"
    return f"did:web:{host}"


def issuer_did() -> str:
    return did_web(settings.SITE_URL)


def did_document() -> dict:
    """The issuer's DID document, served at /.well-known/did.json."""
    did = issuer_did()
    keys = published_keys()
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": [
            {
                "id": key.verification_method,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": key.public_key_multibase,
            }
            for key in keys
        ],
        "assertionMethod": [key.verification_method for key in keys],
    }

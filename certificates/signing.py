"""PAdES signatures (pyHanko) on certificate PDFs.

The key and certificate come from settings (CERTIFICATE_SIGNING_KEY and
CERTIFICATE_SIGNING_CERT, PEM files; CERTIFICATE_SIGNING_KEY_PASSPHRASE if the
key is encrypted). Production refuses to start without them; development and
tests generate a self-signed pair once (CERTIFICATE_SIGNING_AUTO_GENERATE).
docs/deploy.md says how to use an organisation's certificate.
"""

import asyncio
import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys import load_certs_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext

_lock = threading.Lock()
_signer = None

SIGNATURE_FIELD = "PeerpathCertificateSignature"


def generate_self_signed(
    directory: Path, common_name: str = "Peerpath development signing"
) -> tuple[Path, Path]:
    """Write a self-signed ECDSA P-256 key and certificate (for development)."""
    directory.mkdir(parents=True, exist_ok=True)
    key_path, cert_path = directory / "signing-key.pem", directory / "signing-cert.pem"
    if key_path.exists() and cert_path.exists():
        return key_path, cert_path
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Peerpath (development)"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def signing_paths() -> tuple[Path, Path]:
    key = getattr(settings, "CERTIFICATE_SIGNING_KEY", None)
    cert = getattr(settings, "CERTIFICATE_SIGNING_CERT", None)
    if key and cert:
        return Path(key), Path(cert)
    if getattr(settings, "CERTIFICATE_SIGNING_AUTO_GENERATE", False):
        return generate_self_signed(Path(settings.CERTIFICATE_SIGNING_DIR))
    raise ImproperlyConfigured(
        "CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT must name PEM files"
    )


def get_signer() -> signers.SimpleSigner:
    global _signer
    with _lock:
        if _signer is None:
            key_path, cert_path = signing_paths()
            passphrase = getattr(settings, "CERTIFICATE_SIGNING_KEY_PASSPHRASE", None)
            chain = getattr(settings, "CERTIFICATE_SIGNING_CHAIN", "")
            signer = signers.SimpleSigner.load(
                str(key_path),
                str(cert_path),
                ca_chain_files=(chain,) if chain else None,
                key_passphrase=passphrase.encode() if passphrase else None,
            )
            if signer is None:
                raise ImproperlyConfigured(
                    f"Could not load the certificate signing key {key_path} "
                    f"and certificate {cert_path}"
                )
            _signer = signer
        return _signer


def forget_signer() -> None:
    """Drop the loaded key, so the next signature reads the settings again
    (after a key rotation, or in tests that change the settings)."""
    global _signer
    with _lock:
        _signer = None


def signing_certificate_pem() -> bytes:
    return Path(signing_paths()[1]).read_bytes()


def sign_pdf(pdf: bytes, *, reason: str = "Certificate issued by Peerpath") -> bytes:
    return outside_event_loop(_sign_pdf, pdf, reason)


def outside_event_loop(function, *args):
    """Return `function(*args)`. pyHanko's synchronous API (signing and
    validating) calls asyncio.run(), which refuses to start inside a running
    event loop (an async server's thread, or Playwright's in the browser
    tests): there, it runs in a short-lived thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def _timestamper() -> HTTPTimeStamper | None:
    """The RFC 3161 timestamp authority named by CERTIFICATE_TIMESTAMP_URL, if any."""
    url = getattr(settings, "CERTIFICATE_TIMESTAMP_URL", "")
    if not url:
        return None
    return HTTPTimeStamper(url, timeout=getattr(settings, "CERTIFICATE_TIMESTAMP_TIMEOUT", 10))


def _validation_context() -> ValidationContext:
    """What the signature's validation data (the DSS) is gathered from: the
    signing certificate's own chain, as configured; nothing fetched unless the
    chain names revocation servers (an organisation's CA does; the development
    certificate does not)."""
    signer = get_signer()
    roots = [signer.signing_cert, *signer.cert_registry]
    # The timestamp authority's root: its token is checked at signing time.
    tsa_roots = getattr(settings, "CERTIFICATE_TIMESTAMP_ROOTS", "")
    if tsa_roots:
        roots += list(load_certs_from_pemder([tsa_roots]))
    return ValidationContext(trust_roots=roots, allow_fetching=True, revocation_mode="soft-fail")


def _sign_pdf(pdf: bytes, reason: str) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    timestamper = _timestamper()
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        # With a timestamp authority: PAdES B-LT, the trusted time of signing and
        # the validation data in the document, so the signature can be shown
        # valid after the signing certificate expires or is replaced.
        embed_validation_info=timestamper is not None,
        # And a document timestamp over it all (B-LTA): proof that the
        # validation data existed while it was current.
        use_pades_lta=timestamper is not None,
        validation_context=_validation_context() if timestamper is not None else None,
    )
    output = signers.sign_pdf(
        writer,
        metadata,
        signer=get_signer(),
        # Never silently without a timestamp: if the authority does not answer,
        # this raises and the render fails (certificates.rendering counts it and
        # the worker tries again); no PDF is stored meanwhile.
        timestamper=timestamper,
        # A fixed reservation skips pyHanko's dummy signature pass (faster).
        bytes_reserved=16384 if timestamper is not None else 8192,
    )
    return output.getvalue()

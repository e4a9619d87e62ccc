"""A certificate authority and an RFC 3161 timestamp authority of our own,
for tests of long-term signatures: a signing certificate that expires soon,
issued by a test root, and a local HTTP timestamp server (pyHanko's
DummyTimeStamper answering real requests over HTTP)."""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _certificate(subject, key, issuer, issuer_key, *, days, ca=False, eku=None):
    now = datetime.datetime.now(datetime.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku]), critical=True)
    return builder.sign(issuer_key, hashes.SHA256())


def _pem(certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _asn1(certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


@dataclass
class Authorities:
    key_path: Path
    cert_path: Path
    chain_path: Path
    tsa_roots_path: Path
    root: asn1_x509.Certificate
    tsa_root: asn1_x509.Certificate
    signing_expires: datetime.datetime
    url: str
    requests: list


def start(directory: Path, *, signing_days: int = 2) -> tuple[Authorities, ThreadingHTTPServer]:
    """Write a signing key and a certificate valid `signing_days` (chained to
    a test root), and start a timestamp server on a free local port."""
    root_key, leaf_key = (
        ec.generate_private_key(ec.SECP256R1()),
        ec.generate_private_key(ec.SECP256R1()),
    )
    root = _certificate(
        "Peerpath test root", root_key, "Peerpath test root", root_key, days=3650, ca=True
    )
    leaf = _certificate(
        "Peerpath test signing", leaf_key, "Peerpath test root", root_key, days=signing_days
    )
    # RSA: pyHanko's DummyTimeStamper signs its tokens with PKCS#1 v1.5.
    tsa_root_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa_root = _certificate(
        "Test TSA root", tsa_root_key, "Test TSA root", tsa_root_key, days=3650, ca=True
    )
    tsa = _certificate(
        "Test TSA",
        tsa_key,
        "Test TSA root",
        tsa_root_key,
        days=3650,
        eku=ExtendedKeyUsageOID.TIME_STAMPING,
    )
    key_path, cert_path = directory / "key.pem", directory / "cert.pem"
    chain_path = directory / "chain.pem"
    tsa_roots_path = directory / "tsa-roots.pem"
    key_path.write_bytes(
        leaf_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(_pem(leaf))
    # The chain the signature carries: here only the root.
    chain_path.write_bytes(_pem(root))
    tsa_roots_path.write_bytes(_pem(tsa_root))
    stamper = DummyTimeStamper(
        tsa_cert=_asn1(tsa),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            tsa_key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        ),
    )
    requests: list = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            requests.append(self.headers.get("Content-Type"))
            response = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(response)))
            self.end_headers()
            self.wfile.write(response)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return (
        Authorities(
            key_path=key_path,
            cert_path=cert_path,
            chain_path=chain_path,
            tsa_roots_path=tsa_roots_path,
            root=_asn1(root),
            tsa_root=_asn1(tsa_root),
            signing_expires=leaf.not_valid_after_utc,
            url=f"http://127.0.0.1:{server.server_address[1]}/",
            requests=requests,
        ),
        server,
    )

import hashlib
from io import BytesIO

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from certificates.pdf import html_to_pdf
from certificates.services import (
    certificate_download_file,
    certificate_render,
    certificate_revoke,
)
from certificates.signing import signing_certificate_pem
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory, snapshot_for

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def signature_status(pdf: bytes):
    _, _, der = pem.unarmor(signing_certificate_pem())
    context = ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    signature = PdfFileReader(BytesIO(pdf)).embedded_signatures[0]
    return validate_pdf_signature(signature, context)


@pytest.fixture
def rendered(site):
    certificate = CertificateFactory()
    return certificate_render(certificate_id=certificate.pk)


def stored_bytes(certificate) -> bytes:
    return read(certificate.pdf)


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_the_pdf_carries_the_name_code_and_dates_on_one_landscape_page(rendered):
    pdf = stored_bytes(rendered)
    reader = PdfReader(BytesIO(pdf))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = text_of(pdf)
    assert "Riley Morgan" in text
    assert rendered.code in text
    assert f"{rendered.issued_on:%-d %B %Y}" in text
    assert f"{rendered.expires_on:%-d %B %Y}" in text


def test_the_pdf_is_tagged_for_accessibility(rendered):
    reader = PdfReader(BytesIO(stored_bytes(rendered)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root.get("/Lang") == "en"


def test_the_signature_is_intact_valid_and_trusted(rendered):
    status = signature_status(stored_bytes(rendered))
    assert status.intact and status.valid and status.trusted


def test_changing_a_byte_breaks_the_signature(rendered):
    pdf = bytearray(stored_bytes(rendered))
    pdf[len(pdf) // 3] ^= 0x01
    status = signature_status(bytes(pdf))
    assert not (status.intact and status.valid)


def test_the_stored_fingerprint_matches_the_stored_file(rendered):
    assert rendered.pdf_sha256 == hashlib.sha256(stored_bytes(rendered)).hexdigest()


def test_rendering_again_never_regenerates_the_evidence(rendered):
    before = (rendered.pdf.name, rendered.pdf_sha256)
    again = certificate_render(certificate_id=rendered.pk)
    assert (again.pdf.name, again.pdf_sha256) == before


def test_a_download_before_the_render_asks_for_it_and_the_immediate_backend_renders_it(site):
    certificate = CertificateFactory()
    assert not certificate.pdf
    pdf = read(certificate_download_file(certificate=certificate))
    certificate.refresh_from_db()
    assert certificate.pdf_sha256 == hashlib.sha256(pdf).hexdigest()


def test_a_revoked_certificate_downloads_as_a_marked_copy(rendered):
    evidence = stored_bytes(rendered)
    certificate_revoke(certificate_id=rendered.pk, revoked_by=CoordinatorFactory(), reason="Error")
    rendered.refresh_from_db()
    copy = read(certificate_download_file(certificate=rendered))
    assert "REVOKED" in text_of(copy)
    assert "REVOKED" not in text_of(evidence)
    rendered.refresh_from_db()
    assert stored_bytes(rendered) == evidence
    assert read(rendered.revoked_pdf) == copy


def test_names_cannot_make_the_renderer_read_server_files(site):
    certificate = CertificateFactory()
    certificate.snapshot = {
        **snapshot_for(certificate.enrollment),
        "name": '<link rel=attachment href="file:///etc/passwd">Riley',
        "program": "<img src='file:///etc/hostname'>",
    }
    certificate.save()
    pdf = stored_bytes(certificate_render(certificate_id=certificate.pk))
    reader = PdfReader(BytesIO(pdf))
    assert not reader.attachments
    assert b"root:x:0:0" not in pdf
    assert "<link rel=attachment" in text_of(pdf)  # shown as text, not obeyed


def test_the_fetcher_refuses_files_and_network_even_in_raw_html():
    html = (
        '<html><head><link rel="attachment" href="file:///etc/passwd">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>'
        '<body><p>Hello</p><img src="file:///etc/hostname"></body></html>'
    )
    pdf = html_to_pdf(html)
    reader = PdfReader(BytesIO(pdf))
    assert not reader.attachments
    assert b"root:x:0:0" not in pdf
    assert "Hello" in text_of(pdf)


def test_signing_works_inside_a_running_event_loop(site):
    """pyHanko's synchronous API starts its own event loop; inside a running
    one (an async server's thread) signing still works."""
    import asyncio

    from certificates.signing import sign_pdf

    unsigned = html_to_pdf("<p>Signed inside a loop</p>")

    async def sign_inside_a_loop():
        return sign_pdf(unsigned)

    signed = asyncio.run(sign_inside_a_loop())
    assert signed.startswith(unsigned) and len(signed) > len(unsigned)
    assert signature_status(signed).intact

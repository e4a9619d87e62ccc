"""Verify by upload: /verify/ takes a PDF someone was sent and says what it is."""

import datetime
import html
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.stamp import TextStamp, TextStampStyle
from pypdf import PdfWriter

from certificates.models import Certificate
from certificates.rendering import certificate_render
from certificates.services import (
    certificate_download_file,
    certificate_revoke,
    certificate_supersede,
    certificate_suspend,
)
from certificates.signing import generate_self_signed, sign_pdf
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory

pytestmark = pytest.mark.django_db

URL = "/verify/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issued(site):
    certificate = CertificateFactory()
    return certificate_render(certificate_id=certificate.pk)


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def upload(client, data: bytes, **extra):
    return client.post(
        URL, {"pdf": SimpleUploadedFile("certificate.pdf", data, "application/pdf")}, **extra
    )


def text(response) -> str:
    return html.unescape(" ".join(response.content.decode().split()))


def blank_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Subject": "Certificate PRM-7KQ4-M2XD-9HT3"})
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def stored_files() -> set[str]:
    found, folders = set(), [""]
    while folders:
        folder = folders.pop()
        subfolders, files = default_storage.listdir(folder)
        found |= {f"{folder}/{name}" for name in files}
        folders += [f"{folder}/{name}".lstrip("/") for name in subfolders]
    return found


def test_the_form_offers_an_upload(client, site):
    page = text(client.get(URL))
    assert "Or check a PDF you were sent" in page
    assert 'enctype="multipart/form-data"' in page


def test_the_issued_pdf_is_recognised_exactly_and_nothing_is_stored(client, issued):
    before = stored_files()
    response = upload(client, read(issued.pdf))
    assert response.status_code == 200
    page = text(response)
    assert f"This is exactly the PDF issued for certificate {issued.code}" in page
    assert "Its digital signature is intact and trusted." in page
    assert "This certificate was issued by" in page and "is valid until" in page
    assert reverse("certificates:verify", kwargs={"code": issued.code}) in page
    assert "Issued to Riley Morgan" in page
    assert stored_files() == before


def test_a_changed_byte_is_caught(client, issued):
    data = bytearray(read(issued.pdf))
    data[len(data) // 3] ^= 0x01
    response = upload(client, bytes(data))
    assert response.status_code == 200
    page = text(response)
    assert "This PDF is not the one we issued" in page
    assert "changed after it was signed" in page
    assert "exactly the PDF issued" not in page


def test_text_added_after_signing_is_caught(client, issued):
    writer = IncrementalPdfFileWriter(BytesIO(read(issued.pdf)))
    TextStamp(writer, style=TextStampStyle(stamp_text="Valid until 2099")).apply(0, 50, 50)
    out = BytesIO()
    writer.write(out)
    response = upload(client, out.getvalue())
    page = text(response)
    assert "This PDF is not the one we issued" in page
    assert f"for certificate {issued.code}" in page
    assert "changed after it was signed" in page


def revoke(certificate):
    certificate_revoke(
        certificate_id=certificate.pk, revoked_by=CoordinatorFactory(), reason="An error."
    )


def suspend(certificate):
    certificate_suspend(certificate_id=certificate.pk, by=CoordinatorFactory(), reason="A review.")


@pytest.mark.parametrize(
    "act, stamp, status",
    [
        (revoke, "REVOKED", "Revoked. This certificate was revoked on"),
        (suspend, "SUSPENDED", "Suspended since"),
    ],
)
def test_a_marked_copy_is_recognised_as_such(client, issued, act, stamp, status):
    act(issued)
    issued.refresh_from_db()
    marked = read(certificate_download_file(certificate=issued))
    page = text(upload(client, marked))
    assert f"This is a copy marked {stamp} of certificate {issued.code}" in page
    assert status in page
    # The reason stays internal.
    assert "An error" not in page and "A review" not in page


def test_an_unrelated_pdf_was_not_issued_by_peerpath(client, issued):
    # Even one that claims a certificate number in its metadata.
    response = upload(client, blank_pdf())
    assert response.status_code == 200
    page = text(response)
    assert "This PDF was not issued by Peerpath" in page
    assert "PRM-7KQ4-M2XD-9HT3" not in page


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf at all", b"%PDF-1.7\n1 0 obj <</Type /Catalog", b"%PDF-1.4\n" * 300]
)
def test_a_broken_file_gets_a_clear_error(client, site, data):
    response = upload(client, data)
    assert response.status_code == 400
    assert "We couldn't read this file as a PDF" in text(response)


def test_a_file_over_5_mb_is_refused_before_it_is_read(client, site, settings):
    big = b"%PDF-1.7\n" + b"0" * (5 * 1024 * 1024)
    response = upload(client, big)
    assert response.status_code == 413
    assert "larger than 5 MB" in text(response)


def test_a_file_just_over_the_limit_is_dropped_while_it_is_read(client, site, settings):
    # A body within the allowance for the other fields passes the first check;
    # the upload handler stops the file itself at the limit.
    settings.VERIFY_UPLOAD_MAX_BYTES = 1000
    response = upload(client, blank_pdf(pages=20))
    assert response.status_code == 413
    assert "larger than 5 MB" in text(response)


def test_a_file_that_takes_too_long_to_read_gets_a_clear_error(client, site, settings):
    settings.VERIFY_UPLOAD_SECONDS = 0.01
    response = upload(client, blank_pdf(pages=3000))
    assert response.status_code == 400
    assert "We couldn't read this file as a PDF" in text(response)


def test_no_file_asks_for_one(client, site):
    response = client.post(URL, {})
    assert response.status_code == 400
    assert "Choose a PDF file to check." in text(response)


def test_checks_are_rate_limited_per_client_address(client, site, settings):
    settings.ACCOUNT_RATE_LIMITS = {"verify_upload": "2/m/ip"}
    data = blank_pdf()
    statuses = [upload(client, data).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    assert upload(client, data, REMOTE_ADDR="10.9.8.7").status_code == 200


def test_the_upload_needs_the_form_token(site):
    response = Client(enforce_csrf_checks=True).post(
        URL, {"pdf": SimpleUploadedFile("c.pdf", blank_pdf(), "application/pdf")}
    )
    assert response.status_code == 403


def test_a_pdf_signed_by_someone_else_was_not_issued_by_peerpath(client, site, tmp_path):
    key, cert = generate_self_signed(tmp_path, common_name="Someone else")
    writer = IncrementalPdfFileWriter(BytesIO(blank_pdf()))
    signed = signers.sign_pdf(
        writer,
        signers.PdfSignatureMetadata(field_name="Signature"),
        signer=signers.SimpleSigner.load(str(key), str(cert)),
    ).getvalue()
    page = text(upload(client, signed))
    assert "This PDF was not issued by Peerpath" in page
    assert "it is signed, but not by us" in page


def test_the_reader_has_a_memory_bound(client, issued, settings):
    # Far too little room for pyHanko to read even our own PDF: the child
    # process fails, and the person gets the calm error.
    settings.VERIFY_UPLOAD_MEMORY_MB = 0
    response = upload(client, read(issued.pdf))
    assert response.status_code == 400
    assert "We couldn't read this file as a PDF" in text(response)


@given(tail=st.binary(max_size=2000), cut=st.integers(min_value=0, max_value=100_000))
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_damaged_pdfs_get_an_answer_or_the_calm_error_never_a_crash(client, site, tail, cut):
    # A real PDF of ours cut short and followed by junk, as a damaged download is.
    data = _signed_sample()[:cut] + tail
    cache.clear()
    response = upload(client, data)
    assert response.status_code in (200, 400)
    assert "exactly the PDF issued" not in text(response)


_sample = []


def _signed_sample() -> bytes:
    if not _sample:
        _sample.append(sign_pdf(blank_pdf()))
    return _sample[0]


def test_the_issued_pdf_of_a_replaced_certificate_shows_no_name(client, issued):
    today = timezone.localdate()
    certificate_supersede(
        certificate_id=issued.pk,
        by=CoordinatorFactory(),
        kind=Certificate.Supersession.NAME_CHANGE,
        snapshot={**issued.snapshot, "name": "Jordan Ortiz"},
        issued_on=today,
        expires_on=today + datetime.timedelta(days=730),
    )
    page = text(upload(client, read(issued.pdf)))
    assert f"This is exactly the PDF issued for certificate {issued.code}" in page
    assert "Replaced by a newer certificate — ask the holder for it." in page
    assert "Riley Morgan" not in page and "Jordan Ortiz" not in page

"""How the certificate looks: the frame centred on the page, the verification
URL kept whole, the credential and program each printed once, hours written
as the verify page writes them, and the organisation's logo and seal and the
coordinator's signature printed from private files (certificates.images)."""

import datetime
import hashlib
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw
from pypdf import PdfReader

from certificates.images import image_storage
from certificates.models import CoordinatorSignature, ProgramCertification
from certificates.pdf import render_pdf
from certificates.rendering import pdf_context, verification_url
from certificates.services import (
    certificate_images,
    coordinator_signature_set,
    name_change_approve,
    name_change_request,
)
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .scenario import coordinator_client

pytestmark = pytest.mark.django_db

FRAME_GREEN = (0x1D, 0x5F, 0x56)
MM_PER_INCH = 25.4


def picture(size=(600, 200), colour=(200, 30, 40, 255), kind="PNG") -> bytes:
    mode = "RGBA" if kind == "PNG" else "RGB"
    image = Image.new(mode, size, (255, 255, 255, 0) if mode == "RGBA" else (255, 255, 255))
    ImageDraw.Draw(image).ellipse(
        (4, 4, size[0] - 4, size[1] - 4), outline=colour[:3], width=max(2, size[1] // 20)
    )
    out = BytesIO()
    image.save(out, kind)
    return out.getvalue()


def upload(data: bytes, name="image.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def text_of(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def image_xobjects(pdf: bytes) -> list[bytes]:
    return [image.data for page in PdfReader(BytesIO(pdf)).pages for image in page.images]


def rasterise(pdf: bytes, tmp_path: Path, dpi: int) -> Image.Image:
    source = tmp_path / "certificate.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(source), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    return Image.open(tmp_path / "page.png").convert("RGB")


def certification_for(certificate) -> ProgramCertification:
    return ProgramCertification.objects.create(
        program=certificate.enrollment.program, code_of_ethics="Be kind."
    )


def test_the_frame_is_centred_on_the_page(site, tmp_path):
    dpi = 50
    page = rasterise(render_pdf(pdf_context(CertificateFactory())), tmp_path, dpi)
    width, height = page.size
    pixels = page.load()
    green = [
        (x, y)
        for y in range(height)
        for x in range(width)
        if sum(abs(a - b) for a, b in zip(pixels[x, y], FRAME_GREEN, strict=True)) < 60
    ]
    left, right = min(x for x, _ in green), max(x for x, _ in green)
    top, bottom = min(y for _, y in green), max(y for _, y in green)
    # The outermost green is the frame: a line down the whole left edge.
    column = {y for x, y in green if x == left}
    assert len(column) > 0.8 * (bottom - top)
    mm = MM_PER_INCH / dpi
    margins = {
        "left": left * mm,
        "right": (width - 1 - right) * mm,
        "top": top * mm,
        "bottom": (height - 1 - bottom) * mm,
    }
    assert abs(margins["left"] - margins["right"]) <= 2, margins
    assert abs(margins["top"] - margins["bottom"]) <= 2, margins
    assert abs(margins["left"] - margins["top"]) <= 2, margins


@pytest.mark.parametrize(
    "base", ["http://testserver", "https://certificates.peer-recovery-training.example.org"]
)
def test_the_verification_url_and_the_code_are_printed_whole(site, settings, tmp_path, base):
    settings.WAGTAILADMIN_BASE_URL = base
    certificate = CertificateFactory()
    pdf = render_pdf(pdf_context(certificate))
    lines = text_of(pdf).splitlines()
    assert verification_url(certificate.code) in lines
    assert certificate.code in lines
    # Even a long address stays inside the frame: nothing printed right of it.
    page = rasterise(pdf, tmp_path, 50)
    pixels = page.load()
    frame_right = max(x for x in range(page.width) if pixels[x, page.height // 2][1] < 120)
    footer = range(int(page.height * 0.8), int(page.height * 0.93))
    assert all(
        pixels[x, y] == (255, 255, 255)
        for y in footer
        for x in range(frame_right - 10, frame_right - 4)
    )


def test_the_credential_and_the_program_are_each_printed_once(site):
    certificate = CertificateFactory()
    certificate.snapshot.update(
        credential="Certified Peer Recovery Mentor", program="Peer Recovery Mentor"
    )
    text = " ".join(text_of(render_pdf(pdf_context(certificate))).split())
    assert text.count("Peer Recovery Mentor") == 1
    assert "every required course of the program" in text

    certificate.snapshot.update(program="Recovery Mentoring Foundations")
    text = " ".join(text_of(render_pdf(pdf_context(certificate))).split())
    assert text.count("Certified Peer Recovery Mentor") == 1
    assert text.count("the Recovery Mentoring Foundations program") == 1


@pytest.mark.parametrize(("hours", "written"), [("1", "1 hour"), ("25", "25 hours")])
def test_hours_are_written_as_the_verify_page_writes_them(site, client, hours, written):
    certificate = CertificateFactory()
    certificate.snapshot.update(supervision_hours=hours)
    certificate.save()
    verify = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert f"<dd>{written}</dd>" in verify
    text = " ".join(text_of(render_pdf(pdf_context(certificate))).split())
    assert f"Supervision received: {written} " in text

    certificate.snapshot.update(renewal={"ce_hours_total": hours, "ce_by_category": []})
    text = " ".join(text_of(render_pdf(pdf_context(certificate))).split())
    assert f"Continuing education this cycle {written} " in text


def test_no_images_means_no_image_in_the_pdf(site):
    assert image_xobjects(render_pdf(pdf_context(CertificateFactory()))) == []


def test_the_logo_seal_and_signature_are_embedded_and_stay_as_issued(site):
    certificate = CertificateFactory()
    certification = certification_for(certificate)
    logo, seal, signature = picture(), picture((300, 300)), picture((600, 150), kind="JPEG")
    certification.logo = upload(logo)
    certification.seal = upload(seal)
    certification.full_clean()
    certification.save()
    coordinator_signature_set(
        user=certificate.issued_by, image=upload(signature, "s.jpg", "image/jpeg")
    )
    certificate.snapshot["images"] = certificate_images(certification, certificate.issued_by)
    certificate.save()
    issued = render_pdf(pdf_context(certificate))
    assert len(image_xobjects(issued)) == 3
    for record in certificate.snapshot["images"].values():
        assert len(record["sha256"]) == 64

    # A new logo later: a copy rendered again (e.g. marked REVOKED) still
    # prints the logo the certificate was issued with.
    certification.logo = upload(picture(colour=(0, 0, 255, 255)))
    certification.save()
    old = certificate.snapshot["images"]["logo"]
    with image_storage().open(old["file"], "rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == old["sha256"]
    again = render_pdf(pdf_context(certificate, stamp="REVOKED"))
    assert sorted(image_xobjects(again)) == sorted(image_xobjects(issued))


def test_images_have_no_url_and_live_outside_media(site, client):
    certificate = CertificateFactory()
    certification = certification_for(certificate)
    certification.logo = upload(picture())
    certification.full_clean()
    certification.save()
    with pytest.raises(ValueError, match="no URL"):
        certification.logo.url  # noqa: B018
    path = Path(certification.logo.path).resolve()
    assert Path(settings.CERTIFICATE_IMAGE_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert client.get(settings.MEDIA_URL + certification.logo.name).status_code == 404


def edit_rules(client, certification, **files):
    data = {
        "program": certification.program_id,
        "issuer_name": certification.issuer_name,
        "validity_months": certification.validity_months,
        "code_of_ethics": certification.code_of_ethics,
        **files,
    }
    return client.post(reverse("certification_rules:edit", args=[certification.pk]), data)


def huge_png() -> bytes:
    # Small on disk, large in pixels: a single colour compresses to almost nothing.
    out = BytesIO()
    Image.new("L", (5000, 5000), 255).save(out, "PNG", optimize=True)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"%PDF-1.7 not a picture", "logo.png", "not a PNG or JPEG picture"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024 + 10), "big.png", "the limit is 1 MB"),
        (None, "huge.png", "more than a certificate needs"),
        (b"\x89PNG\r\n\x1a\n broken", "broken.png", "could not be read"),
    ],
)
def test_the_admin_refuses_what_is_not_a_sensible_picture(site, client, data, name, message):
    certificate = CertificateFactory()
    certification = certification_for(certificate)
    coordinator_client(client)
    response = edit_rules(client, certification, logo=upload(data or huge_png(), name))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    certification.refresh_from_db()
    assert not certification.logo

    response = edit_rules(client, certification, seal=upload(picture((300, 300))))
    assert response.status_code == 302
    certification.refresh_from_db()
    assert certification.seal


def test_a_coordinator_uploads_their_own_signature_and_a_non_image_is_refused(site, client):
    coordinator = coordinator_client(client)
    url = reverse("certificate_signature:edit")
    assert "No image on file yet" in client.get(url).content.decode()
    response = client.post(url, {"image": upload(b"GIF89a....", "s.gif", "image/gif")})
    assert "not a PNG or JPEG picture" in response.content.decode()
    assert not CoordinatorSignature.objects.filter(user=coordinator).exists()

    response = client.post(url, {"image": upload(picture((600, 150)))})
    assert response.status_code == 302
    assert CoordinatorSignature.objects.get(user=coordinator).image
    assert "An image is on file" in client.get(url).content.decode()


def test_a_successor_prints_the_signature_of_whoever_approved_it(site):
    issued_on = timezone.localdate() - datetime.timedelta(days=100)
    certificate = CertificateFactory(issued_on=issued_on)
    certification = certification_for(certificate)
    coordinator_signature_set(user=certificate.issued_by, image=upload(picture((600, 150))))
    certificate.snapshot["images"] = certificate_images(certification, certificate.issued_by)
    certificate.save()
    approver = CoordinatorFactory()
    coordinator_signature_set(user=approver, image=upload(picture((500, 150), (0, 0, 200, 255))))
    request = name_change_request(
        certificate_id=certificate.pk,
        holder=certificate.enrollment.learner,
        new_name="Jordan Ortiz",
        reason="Changed by deed poll.",
    )
    successor = name_change_approve(request_id=request.pk, by=approver)
    printed = successor.snapshot["images"]["signature"]["file"]
    assert printed == CoordinatorSignature.objects.get(user=approver).image.name
    assert printed != certificate.snapshot["images"]["signature"]["file"]

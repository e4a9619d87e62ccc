"""In a browser, at a desktop's and a phone's width: a coordinator uploads
their own signature image; the page then says one is on file and never shows
it at a web address."""

from io import BytesIO

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from PIL import Image, ImageDraw

from certificates.models import CoordinatorSignature
from tests.browser.helpers import SECRET
from tests.browser.test_accessibility import axe_problems
from tests.training.factories import CoordinatorFactory

from .test_case_browser import signed_in
from .test_suspension_browser import shots

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def signature_png(path) -> None:
    image = Image.new("RGBA", (600, 150), (255, 255, 255, 0))
    ImageDraw.Draw(image).line((20, 100, 200, 30, 380, 110, 580, 40), fill=(24, 40, 96), width=6)
    out = BytesIO()
    image.save(out, "PNG")
    path.write_bytes(out.getvalue())


def test_a_coordinator_uploads_their_signature_in_a_browser(live_server, browser, site, tmp_path):
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    TOTP.activate(coordinator, SECRET)
    staff = signed_in(browser, live_server.url, coordinator, totp=True)
    url = live_server.url + "/admin/certification/signature/"
    png = tmp_path / "signature.png"
    signature_png(png)

    staff.goto(url)
    staff.get_by_label("Your signature image").set_input_files(str(png))
    staff.get_by_role("button", name="Save the signature image").click()
    staff.get_by_text("Signature image saved").wait_for()
    assert CoordinatorSignature.objects.get(user=coordinator).image

    for text in shots(staff, url, "coordinator-signature", guide={"1280": "coordinator-signature"}):
        assert "An image is on file" in text
        assert "nobody can open it at a web address" in text
    assert "certificate-images" not in staff.content()
    assert axe_problems(staff, "signature image page") == []

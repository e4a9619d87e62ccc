"""In a browser at a desktop's and a phone's width (issue #18): a visitor to
/verify/ checks a PDF they were sent. The issued PDF is recognised exactly; a
copy edited after signing is caught."""

from io import BytesIO

import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.stamp import TextStamp, TextStampStyle

from certificates.rendering import certificate_render
from tests.browser.helpers import copy_to_guide
from tests.browser.test_accessibility import axe_problems
from tests.conftest import save_screenshot

from .factories import CertificateFactory
from .test_case_browser import WIDTHS, signed_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def edited(pdf: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    TextStamp(writer, style=TextStampStyle(stamp_text="Valid until 2099")).apply(0, 50, 50)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_visitor_checks_the_pdf_they_were_sent(live_server, browser, site, tmp_path):
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    with certificate.pdf.open("rb") as handle:
        issued = handle.read()
    files = {"issued": tmp_path / "certificate.pdf", "edited": tmp_path / "edited.pdf"}
    files["issued"].write_bytes(issued)
    files["edited"].write_bytes(edited(issued))
    page = signed_in(browser, live_server.url, None)
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/verify/")
        page.get_by_role("heading", name="Or check a PDF you were sent").wait_for()
        if width == "1280":
            save_screenshot(page, "i18-verify-upload-form-1280")
            assert axe_problems(page, "verify form with upload") == []

        page.get_by_label("Certificate PDF").set_input_files(files["issued"])
        page.get_by_role("button", name="Check the PDF").click()
        heading = f"This is exactly the PDF issued for certificate {certificate.code}"
        page.get_by_role("heading", name=heading).wait_for()
        png = save_screenshot(page, f"i18-verify-upload-issued-{width}")
        if width == "1280":
            copy_to_guide(png, "visitor-verify-upload")
            assert axe_problems(page, "PDF check: issued") == []
        else:
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        assert "is valid until" in page.inner_text("body")

        page.get_by_role("link", name="Check another certificate or PDF").click()
        page.get_by_label("Certificate PDF").set_input_files(files["edited"])
        page.get_by_role("button", name="Check the PDF").click()
        page.get_by_role("heading", name="This PDF is not the one we issued").wait_for()
        save_screenshot(page, f"i18-verify-upload-edited-{width}")
        text = page.inner_text("body")
        assert "changed after it was signed" in text and certificate.code in text
        if width == "1280":
            assert axe_problems(page, "PDF check: changed") == []

"""In a browser at a desktop's and a phone's width (issue #18): the holder's
certificates page offers "Add to LinkedIn" and the signed credential files,
and the JSON file downloads with its proof."""

import json

import pytest

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


def test_the_holder_finds_the_ways_to_share(live_server, browser, site):
    certificate = certificate_render(certificate_id=CertificateFactory().pk)
    page = signed_in(browser, live_server.url, certificate.enrollment.learner)
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/certificates/")
        page.get_by_role("link", name="Add to LinkedIn").wait_for()
        png = save_screenshot(page, f"i18-share-{width}")
        if width == "360":
            copy_to_guide(png, "learner-certificates-share")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= viewport["width"]
    assert axe_problems(page, "certificates page with sharing") == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Digital credential (JSON)").click()
    assert download.value.suggested_filename == f"{certificate.code}.credential.json"
    credential = json.loads(open(download.value.path()).read())
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["proof"]["cryptosuite"] == "eddsa-rdfc-2022"

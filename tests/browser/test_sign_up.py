import re

import pytest

from tests.conftest import save_screenshot
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_sign_up_on_a_phone_and_land_on_the_dashboard(live_server, phone_page, mailoutbox):
    setup_site(log=lambda *_: None)
    page = phone_page
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Create your account").click()

    page.get_by_label("First name").fill("Riley")
    page.get_by_label("Last name").fill("Morgan")
    page.get_by_label("Email").fill("riley@example.org")
    page.get_by_label("Password", exact=False).first.fill("river-lantern-spring-47")
    page.get_by_label("Password (again)").fill("river-lantern-spring-47")
    save_screenshot(page, "foundation-signup-phone")
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(re.compile(r"/accounts/confirm-email/$"))

    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body)
    page.goto(live_server.url + link.group(1))
    page.get_by_role("button", name="Confirm").click()

    page.wait_for_url(re.compile(r"/dashboard/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Riley"
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    path = save_screenshot(page, "foundation-dashboard-phone")
    assert path.stat().st_size > 0

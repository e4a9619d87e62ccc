"""The account pages in Peerpath's words, in a real browser at 1280 and 360 px:
sign in, sign up, and two-step sign-in (setting it up, and the code at sign-in),
each without a serious or critical axe violation and nothing wider than the screen."""

import os
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from tests.browser.helpers import SECRET, current_code, sign_in
from tests.browser.test_accessibility import axe_problems
from tests.conftest import DESKTOP, PHONE
from tests.training.factories import PASSWORD, CoordinatorFactory, LearnerFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = Path(os.environ.get("ACCOUNT_SHOTS", "/tmp/shots-voice"))


def look(page, name: str, heading: str) -> list[str]:
    """The page shows `heading`, fits the screen; saved as a PNG to look at."""
    page.wait_for_load_state("load")
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert re.fullmatch(r"[^·]+ · Peerpath", page.title()), page.title()
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    return axe_problems(page, f"{name} at {width} px")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "360"])
def test_account_pages_read_and_fit(live_server, browser, site, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    base = live_server.url
    problems = []

    page.goto(base + "/accounts/login/")
    problems += look(page, "sign-in", "Sign in")
    page.get_by_role("link", name="Sign up", exact=True).first.click()
    problems += look(page, "sign-up", "Sign up")

    # A learner opens two-step sign-in from their account settings.
    sign_in(page, base, LearnerFactory())
    page.goto(base + "/accounts/2fa/")
    problems += look(page, "two-step-sign-in", "Two-step sign-in")
    page.get_by_role("link", name="Set up an authenticator app").click()
    # Setting it up asks for the password again first.
    page.wait_for_url(re.compile(r"/accounts/reauthenticate/"))
    problems += look(page, "confirm-its-you", "Confirm it's you")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm", exact=True).click()
    problems += look(page, "two-step-set-up", "Set up two-step sign-in")
    # The setup key shows whole, wrapped if need be, to type into the app.
    key = page.locator(".setup-key")
    assert re.fullmatch(r"[A-Z2-7]{32}", key.inner_text().replace("\n", ""))
    assert key.evaluate("element => element.scrollWidth <= element.clientWidth")
    page.get_by_role("button", name="Sign out").first.click()
    context.close()

    # Staff sign in with a code from their authenticator app.
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(coordinator.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    problems += look(page, "two-step-code", "Two-step sign-in")
    page.get_by_label("Code").fill(current_code())
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(re.compile(r"/dashboard/$"))
    context.close()

    assert problems == []

"""The coordinator's cockpit on the admin home, in a real browser: signed in
with two-step sign-in, at 1280 and 360 px, scanned with axe."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from tests.browser.helpers import SECRET, copy_to_guide, sign_in
from tests.browser.test_accessibility import axe_problems
from tests.conftest import save_screenshot
from tests.dashboard.cockpit_scenario import CockpitScenario
from tests.training.factories import CoordinatorFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Tall enough for the whole home: the admin scrolls inside its own frame, so a
# full-page screenshot would keep only the first screen.
WIDTHS = {"1280": {"width": 1280, "height": 2600}, "360": {"width": 360, "height": 4600}}


def test_the_coordinator_home_at_both_widths(live_server, browser, site):
    scenario = CockpitScenario()
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    TOTP.activate(coordinator, SECRET)
    page = browser.new_context(viewport=WIDTHS["1280"]).new_page()
    sign_in(page, live_server.url, coordinator, totp=True)

    problems = []
    for width, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.goto(live_server.url + "/admin/")
        program = page.locator(f"#cockpit-{scenario.program.pk}-section")
        funnel = program.get_by_role("img", name="Peer Recovery Mentor: learners at each stage")
        assert funnel.is_visible()
        table = program.get_by_role("table", name="Learners who reached each stage")
        assert table.get_by_role("row", name="Certified").inner_text().split()[1] == "1"
        waiting = page.locator("#cockpit-waiting-section")
        assert "Ready for the verification queue" in waiting.inner_text()
        # Nothing pushes the page sideways; wide tables scroll in their own region.
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= viewport["width"], f"the home is {scroll} px wide at {width}"
        box = funnel.bounding_box()
        assert box["width"] <= viewport["width"]
        save_screenshot(page, f"coordinator-home-{width}")
        problems += axe_problems(page, f"coordinator home at {width}")
    assert problems == []

    # The guide shows the top of the home: what waits and the first program.
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.reload()
    copy_to_guide(save_screenshot(page, "coordinator-home-guide"), "coordinator-home")

    # The tables' scroll regions take the keyboard focus.
    page.get_by_role("region", name="Learners per cohort at each stage").first.focus()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"

"""Two coordinators edit the same program at once. The second to save, after the
first removed a required course, gets the form back with a clear message, and
nothing of theirs overwrites the other's change. In a real browser."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from courses.models import ProgramCourse
from tests.assessments.factories import make_course
from tests.browser.helpers import SECRET, copy_to_guide, sign_in
from tests.certificates.scenario import Scenario
from tests.conftest import save_screenshot
from tests.practice.factories import hours_program
from tests.training.factories import CoordinatorFactory
from training.inline_forms import ROWS_DONT_MATCH
from training.site_setup import setup_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_rows_changed_by_someone_else_meanwhile_ask_for_a_reload(live_server, desktop_page):
    setup_site(log=lambda *_: None)
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    program = hours_program()
    title = program.title
    first, second = make_course("Sharing your story"), make_course("Boundaries")
    ProgramCourse.objects.create(program=program, course=first, sort_order=0)
    ProgramCourse.objects.create(program=program, course=second, sort_order=1)

    page = desktop_page
    sign_in(page, live_server.url, coordinator, totp=True)
    page.goto(live_server.url + reverse("programs_program:edit", args=[program.pk]))
    page.locator("#id_title").fill(title + " 2027")
    # Meanwhile another coordinator removes a required course and saves.
    ProgramCourse.objects.filter(program=program, course=second).delete()
    page.get_by_role("button", name="Save", exact=True).click()
    message = page.get_by_text("don't match the saved ones")
    message.wait_for()
    assert "reload the page" in ROWS_DONT_MATCH and message.is_visible()
    page.evaluate("window.scrollTo(0, 0)")
    save_screenshot(page, "program-form-rows-changed-meanwhile-desktop")

    program.refresh_from_db()
    assert program.title == title
    assert list(program.required_courses.values_list("course_id", flat=True)) == [first.pk]


@pytest.mark.parametrize("page_fixture", ["desktop_page", "phone_page"])
def test_new_requirements_show_who_they_affect_before_saving(live_server, request, page_fixture):
    """Issue #16: raising the practice hours first shows that the eligible
    learner would stop being eligible; nothing is saved until the preview's
    button is pressed."""
    setup_site(log=lambda *_: None)
    scenario = Scenario().make_eligible()
    scenario.learner.first_name, scenario.learner.last_name = "Riley", "Morgan"
    scenario.learner.save()
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    program = scenario.program

    page = request.getfixturevalue(page_fixture)
    sign_in(page, live_server.url, coordinator, totp=True)
    page.goto(live_server.url + reverse("programs_program:edit", args=[program.pk]))
    page.locator("#id_practice_hours_required").fill("12")
    page.get_by_role("button", name="Save", exact=True).click()
    preview = page.locator("#requirements-preview")
    preview.wait_for()
    assert "Would stop being eligible: 1 (Riley Morgan)" in " ".join(preview.inner_text().split())
    preview.scroll_into_view_if_needed()
    shot = save_screenshot(page, f"program-requirements-preview-{page_fixture}")
    if page_fixture == "desktop_page":
        copy_to_guide(shot, "coordinator-requirements-preview")
    program.refresh_from_db()
    assert program.practice_hours_required == 10

    page.get_by_role("button", name="Save the new requirements").click()
    page.get_by_text("updated").first.wait_for()
    program.refresh_from_db()
    assert program.practice_hours_required == 12

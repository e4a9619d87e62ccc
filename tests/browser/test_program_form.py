"""Two coordinators edit the same program at once. The second to save, after the
first removed a required course, gets the form back with a clear message, and
nothing of theirs overwrites the other's change. In a real browser."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from courses.models import ProgramCourse
from tests.assessments.factories import make_course
from tests.browser.helpers import SECRET, sign_in
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

import pytest

from tests.conftest import record_other_hosts

pytestmark = pytest.mark.browser


def test_the_other_host_guard_notices_outside_requests(browser):
    context = browser.new_context()
    outside = record_other_hosts(context)
    page = context.new_page()
    page.set_content('<img src="http://cdn.example.invalid/logo.png" alt="">')
    page.wait_for_timeout(500)
    context.close()
    assert outside == ["http://cdn.example.invalid/logo.png"]

"""The review queue on a phone is a list of cards (static/css/admin.css, checked
at 360 px in tests/browser/test_supervisor_home.py): each cell carries its
heading, so Setting, Notes and Submitted read as labelled lines."""

import datetime
import re
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from practice.models import HoursEntry
from tests.practice.factories import HoursEntryFactory, hours_enrollment
from tests.training.factories import SupervisorFactory

pytestmark = pytest.mark.django_db
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_each_cell_of_the_queue_carries_its_heading(client, site):
    supervisor = SupervisorFactory()
    TOTP.activate(supervisor, SECRET)
    HoursEntryFactory(
        enrollment=hours_enrollment(supervisor=supervisor),
        status=HoursEntry.Status.SUBMITTED,
        submitted_at=timezone.now() - datetime.timedelta(days=1),
        setting="Library meeting room",
        notes="Listened well.",
    )
    client.force_login(supervisor)
    page = client.get(reverse("practice_review:index")).content.decode()
    assert 'class="listing hours-queue"' in page
    assert re.search(r'<td data-label="Setting">\s*Library meeting room', page)
    assert re.search(r'<td data-label="Notes">\s*Listened well.', page)
    assert '<td data-label="Submitted">' in page
    for status in ("all", "returned"):
        page = client.get(reverse("practice_review:index") + f"?status={status}")
        assert '<td data-label="Status">' in page.content.decode() or status == "returned"


def test_the_admin_stylesheet_turns_the_queue_into_cards_on_a_narrow_screen():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "admin.css").read_text()
    narrow = css[css.index("table.listing.hours-queue") - 200 :]
    assert "@media (max-width: 50em)" in narrow
    assert "display: block" in narrow
    assert "content: attr(data-label)" in narrow

"""Staff listings of hours entries show the day of practice as a date ("4 Dec
2026" in listings, "4 December 2026" on pages), never as a time ago ("4 hours
ago"), which Wagtail's DateColumn would make of it."""

import datetime
import html

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import timezone

from practice.models import HoursEntry
from tests.practice.factories import HoursEntryFactory, hours_enrollment
from tests.training.factories import CoordinatorFactory, SupervisorFactory

pytestmark = pytest.mark.django_db
S = HoursEntry.Status
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff(factory):
    user = factory()
    TOTP.activate(user, SECRET)
    return user


def text(response) -> str:
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.fixture
def supervisor(site):
    return staff(SupervisorFactory)


@pytest.fixture
def entry(supervisor):
    # Yesterday and three weeks ago: a date, not a moment.
    enrollment = hours_enrollment(supervisor=supervisor)
    HoursEntryFactory(
        enrollment=enrollment,
        status=S.SUBMITTED,
        date=timezone.localdate() - datetime.timedelta(days=21),
    )
    return HoursEntryFactory(
        enrollment=enrollment,
        status=S.SUBMITTED,
        date=timezone.localdate() - datetime.timedelta(days=1),
    )


def day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


def listing_day(value: datetime.date) -> str:
    """Staff listings write a day short (training/columns.py): "4 Dec 2026"."""
    return f"{value.day} {value:%b %Y}"


def test_the_coordinators_listing_shows_dates(client, entry):
    client.force_login(staff(CoordinatorFactory))
    content = text(client.get(reverse("practice_entry:index")))
    assert listing_day(entry.date) in content
    assert listing_day(entry.date - datetime.timedelta(days=20)) in content
    assert " ago" not in content
    assert "Just now" not in content and "just now" not in content


def test_the_review_queue_and_an_entrys_page_show_dates(client, supervisor, entry):
    client.force_login(supervisor)
    for status in ("", "all"):
        content = text(client.get(reverse("practice_review:index") + f"?status={status}"))
        assert day(entry.date) in content
        assert " ago" not in content
    content = text(client.get(reverse("practice_review:entry", args=[entry.pk])))
    assert day(entry.date) in content

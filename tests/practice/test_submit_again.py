"""Returned hours: after a learner edits a returned entry they land on its page,
told the changes are saved and that it still has to be submitted again, with a
"Submit again" button right there (a POST with CSRF). Pressing it submits the
entry as any submission does: it waits in the supervisor's queue and their
daily digest."""

import datetime
import html
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from practice.models import HoursEntry
from practice.selectors import review_queue
from tests.practice.factories import HoursEntryFactory, activity, hours_enrollment
from tests.programs.factories import domain

pytestmark = pytest.mark.django_db
S = HoursEntry.Status


@pytest.fixture
def enrollment(site):
    return hours_enrollment()


@pytest.fixture
def returned(enrollment):
    return HoursEntryFactory(
        enrollment=enrollment,
        status=S.RETURNED,
        review_comment="Please say which kind of group it was.",
        submitted_at=timezone.now() - datetime.timedelta(days=2),
    )


def url(name, enrollment, *args):
    return reverse(f"practice:{name}", args=[enrollment.program.slug, *args])


def edit_data(enrollment, entry):
    return {
        "date": entry.date.isoformat(),
        "hours": "2",
        "domain": domain("advocacy").pk,
        "activity_type": activity(enrollment.program).pk,
        "setting": "Recovery community centre, open group",
        "notes": "Co-led the open peer group.",
    }


def submit_again_form(page: str) -> dict:
    """The "Submit again" form on the page: its action and fields."""
    forms = re.findall(r'<form method="post" action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)
    for action, body in forms:
        if "Submit again" in body:
            fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', body))
            return {"action": html.unescape(action), "fields": fields}
    raise AssertionError("no Submit again form on the page")


def test_editing_a_returned_entry_offers_submit_again_and_it_submits(
    enrollment, returned, mailoutbox, django_capture_on_commit_callbacks
):
    learner = Client(enforce_csrf_checks=True)
    learner.force_login(enrollment.learner)
    form_page = learner.get(url("hours_edit", enrollment, returned.pk)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page).group(1)

    response = learner.post(
        url("hours_edit", enrollment, returned.pk),
        {**edit_data(enrollment, returned), "csrfmiddlewaretoken": token},
        follow=True,
    )

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == url("hours_detail", enrollment, returned.pk)
    (message,) = [str(m) for m in response.context["messages"]]
    assert "Your changes are saved" in message
    assert "still needs to be submitted again" in message
    page = response.content.decode()
    form = submit_again_form(page)
    assert form["action"] == url("hours_submit", enrollment)
    assert form["fields"]["entries"] == str(returned.pk)
    assert "csrfmiddlewaretoken" in form["fields"]
    returned.refresh_from_db()
    assert returned.status == S.RETURNED  # saved, not sent
    assert not list(review_queue(enrollment.supervisor))

    response = learner.post(form["action"], form["fields"], follow=True)

    assert "Submitted 1 entry for review" in str(list(response.context["messages"])[-1])
    returned.refresh_from_db()
    assert returned.status == S.SUBMITTED
    assert returned.setting == "Recovery community centre, open group"
    assert list(review_queue(enrollment.supervisor)) == [returned]
    # The supervisor hears of it as of any submission: the daily digest.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_supervisor_digests", stdout=open("/dev/null", "w"))
    assert [m.to for m in mailoutbox] == [[enrollment.supervisor.email]]
    assert "1 hours entry waiting for your review" in mailoutbox[0].subject


def test_the_submit_again_form_refuses_a_post_without_csrf(enrollment, returned):
    learner = Client(enforce_csrf_checks=True)
    learner.force_login(enrollment.learner)
    response = learner.post(url("hours_submit", enrollment), {"entries": [returned.pk]})
    assert response.status_code == 403
    returned.refresh_from_db()
    assert returned.status == S.RETURNED


def test_editing_a_draft_still_goes_back_to_the_log(client, enrollment):
    draft = HoursEntryFactory(enrollment=enrollment)
    client.force_login(enrollment.learner)
    response = client.post(url("hours_edit", enrollment, draft.pk), edit_data(enrollment, draft))
    assert response.url == url("hours_log", enrollment)


def test_a_new_draft_offers_submit_for_review_on_its_page(client, enrollment):
    draft = HoursEntryFactory(enrollment=enrollment)
    client.force_login(enrollment.learner)
    page = client.get(url("hours_detail", enrollment, draft.pk)).content.decode()
    assert "Submit for review" in page and "Submit again" not in page

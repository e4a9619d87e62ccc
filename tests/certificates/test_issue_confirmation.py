"""Issuing has a confirmation step and answers at once (issue #16, finding 5,
the issuing half): the first click shows what will be printed; only a POST
with confirm issues; the PDF follows from the task worker."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend

from certificates.models import Certificate
from certificates.services import add_months
from tests.training.factories import CoordinatorFactory

from .scenario import Scenario, coordinator_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(site, client):
    scenario = Scenario().make_eligible()
    coordinator_client(client, CoordinatorFactory(first_name="Casey", last_name="Brennan"))
    scenario.url = reverse("certificates_admin_review", args=[scenario.enrollment.pk])
    return scenario


def test_the_first_click_shows_a_confirmation_and_issues_nothing(client, ready):
    response = client.post(ready.url, {"action": "issue", "name_as_printed": "Riley  Morgan"})
    assert response.status_code == 200
    assert not Certificate.objects.exists()
    html = response.content.decode()
    today = timezone.localdate()
    for claim in (
        "Riley Morgan",
        ready.program.credential_title,
        "Ethics and Boundaries",
        f"{today:%-d %B %Y}",
        f"{add_months(today, 24):%-d %B %Y}",
    ):
        assert claim in html, claim
    assert 'name="confirm" value="yes"' in html
    assert 'name="name_as_printed" value="Riley Morgan"' in html


def test_confirming_issues_and_says_the_pdf_follows(
    client, ready, settings, django_capture_on_commit_callbacks
):
    # A backend that only records what is queued, as a real worker's queue does:
    # whatever the request itself rendered would show on the row.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    default_task_backend.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ready.url,
            {"action": "issue", "name_as_printed": "Riley Morgan", "confirm": "yes"},
            follow=True,
        )
    assert response.redirect_chain[0][1] == 302
    certificate = Certificate.objects.get()
    # The request did not render: no PDF yet, one render queued for the worker.
    assert not certificate.pdf and not certificate.pdf_sha256
    renders = [r for r in default_task_backend.results if r.task.name == "render_certificate"]
    assert [r.kwargs for r in renders] == [{"certificate_id": certificate.pk}]
    html = response.content.decode()
    assert f"Certificate {certificate.code} issued" in html
    assert "PDF is being prepared" in html


def test_an_unknown_confirm_value_is_only_the_confirmation_again(client, ready):
    response = client.post(
        ready.url, {"action": "issue", "name_as_printed": "Riley Morgan", "confirm": "maybe"}
    )
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_a_confirmation_for_an_ineligible_enrollment_is_refused(client, site):
    scenario = Scenario()
    coordinator_client(client)
    url = reverse("certificates_admin_review", args=[scenario.enrollment.pk])
    response = client.post(url, {"action": "issue", "name_as_printed": "Riley Morgan"})
    assert response.status_code == 409
    assert "does not meet every requirement" in response.content.decode()

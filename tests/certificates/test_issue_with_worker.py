"""Issuing with the task queue that production and `make run` use (issue #16):
the click answers at once, the PDF follows from the worker, and every page
that offers the PDF says it is being prepared until then."""

from io import BytesIO

import pytest
from django.urls import reverse
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from certificates.models import Certificate
from tests.training.factories import CoordinatorFactory
from tests.training.test_tasks_requeue import database_tasks, keep_signal_handlers, run_worker

from .factories import CertificateFactory
from .scenario import Scenario, coordinator_client

__all__ = ["database_tasks", "keep_signal_handlers"]  # fixtures used below

RENDER_TASK = "certificates.tasks.render_certificate"
PREPARING_FOR_THE_LEARNER = "is being prepared. It is usually ready within a minute"
PREPARING_FOR_STAFF = "Being prepared by the task worker"


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def mine(client) -> str:
    return page(client, reverse("certificates:mine"))


def inspect(client, certificate) -> str:
    return page(client, reverse("issued_certificates:inspect", args=[certificate.pk]))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_issuing_queues_the_pdf_and_the_worker_makes_it(
    client, site, database_tasks, keep_signal_handlers
):
    scenario = Scenario().make_eligible()
    coordinator_client(client, CoordinatorFactory(first_name="Casey", last_name="Brennan"))
    review_url = reverse("certificates_admin_review", args=[scenario.enrollment.pk])

    response = client.post(
        review_url,
        {"action": "issue", "name_as_printed": "Riley Morgan", "confirm": "yes"},
        follow=True,
    )

    # The click answers at once: the certificate is issued and its render is a
    # row waiting for the worker; the request rendered nothing.
    assert response.redirect_chain[0][1] == 302
    certificate = Certificate.objects.get()
    assert not certificate.pdf and not certificate.pdf_sha256
    renders = DBTaskResult.objects.filter(task_path=RENDER_TASK)
    assert [(r.status, r.args_kwargs["kwargs"]) for r in renders] == [
        (TaskResultStatus.READY, {"certificate_id": certificate.pk})
    ]
    html = response.content.decode()
    assert f"Certificate {certificate.code} issued. Its PDF is being prepared" in html
    inspect_url = reverse("issued_certificates:inspect", args=[certificate.pk])
    assert f'href="{inspect_url}"' in html

    # Until the worker has run, the coordinator's pages say so ...
    assert PREPARING_FOR_STAFF in inspect(client, certificate)
    assert "Its PDF is being prepared by the task worker" in page(client, review_url)
    # ... and so does the learner's, with no download that cannot work yet.
    client.force_login(scenario.learner)
    learner_page = mine(client)
    assert PREPARING_FOR_THE_LEARNER in learner_page
    assert "Download the PDF" not in learner_page
    assert "Check if the PDF is ready" in learner_page

    run_worker()

    certificate.refresh_from_db()
    assert certificate.pdf and len(certificate.pdf_sha256) == 64
    assert renders.get().status == TaskResultStatus.SUCCESSFUL
    learner_page = mine(client)
    assert PREPARING_FOR_THE_LEARNER not in learner_page
    assert "Download the PDF" in learner_page
    download = client.get(reverse("certificates:download", args=[certificate.code]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert "Riley Morgan" in PdfReader(BytesIO(download.content)).pages[0].extract_text()

    client.force_login(certificate.issued_by)
    staff_page = inspect(client, certificate)
    assert PREPARING_FOR_STAFF not in staff_page
    assert "Download the PDF" in staff_page
    assert "Its PDF is ready" in page(client, review_url)


@pytest.mark.django_db
def test_a_revoked_certificates_marked_copy_is_also_shown_as_being_prepared(client, site):
    certificate = CertificateFactory(pdf="certificates/2026/evidence.pdf")
    client.force_login(certificate.enrollment.learner)
    assert "Download the PDF" in mine(client)

    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=certificate.issued_at)

    learner_page = mine(client)
    assert f"Your PDF, marked REVOKED, {PREPARING_FOR_THE_LEARNER}" in learner_page
    assert "Download the PDF" not in learner_page


@pytest.mark.django_db
def test_the_coordinator_sees_when_making_the_pdf_has_failed(client, site):
    certificate = CertificateFactory(render_failures=2)
    coordinator_client(client)
    staff_page = inspect(client, certificate)
    assert PREPARING_FOR_STAFF in staff_page
    assert "Making it has failed 2 times so far" in staff_page
    assert "PDF fingerprint (SHA-256)" in staff_page

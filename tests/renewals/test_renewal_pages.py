"""Renewal over HTTP: the holder's "Ask to renew", the coordinators' queue
(bulk approval), the evidence page (approve, audit, return), who may do what;
and under real concurrency (PostgreSQL) each renewal is approved once."""

import html

import pytest
from django.urls import reverse

from certificates.models import Certificate
from renewals.models import CECategory, Renewal
from renewals.services import renewal_approve, renewal_request
from tests.concurrency import postgresql_races, race
from tests.renewals.factories import coordinator_signed_in, holder_certificate
from tests.renewals.test_renewal import log_ce, ready_holder
from tests.training.factories import CoordinatorFactory, SupervisorFactory, TrainerFactory


def text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


def ask(certificate):
    return renewal_request(certificate_id=certificate.pk, holder=certificate.enrollment.learner)


@pytest.mark.django_db
def test_the_holder_asks_from_the_log_and_sees_it_waiting(site, client):
    certificate = ready_holder()
    client.force_login(certificate.enrollment.learner)
    page = text(client.get(reverse("renewals:log")))
    assert "Ask to renew" in page
    response = client.post(reverse("renewals:renew", args=[certificate.code]), follow=True)
    assert "Your renewal is with the coordinators now" in text(response)
    assert "You asked to renew this certificate on" in text(response)
    assert "Ask to renew</button>" not in response.content.decode()
    assert Renewal.objects.filter(certificate=certificate).count() == 1


@pytest.mark.django_db
def test_asking_too_early_explains_and_saves_nothing(site, client):
    certificate = holder_certificate(days_ago=100)
    log_ce(certificate, "20", CECategory.objects.get(name="Ethics"))
    client.force_login(certificate.enrollment.learner)
    response = client.post(reverse("renewals:renew", args=[certificate.code]), follow=True)
    assert "Your renewal window opens on" in text(response)
    assert not Renewal.objects.exists()


@pytest.mark.django_db
def test_nobody_asks_for_someone_elses_certificate(site, client):
    certificate, other = ready_holder(), holder_certificate()
    client.force_login(other.enrollment.learner)
    assert client.post(reverse("renewals:renew", args=[certificate.code])).status_code == 404
    assert client.get(reverse("renewals:renew", args=[other.code])).status_code == 405
    assert not Renewal.objects.exists()


@pytest.mark.django_db
def test_the_dashboard_says_ask_to_renew_when_the_log_is_complete(site, client):
    certificate = ready_holder()
    client.force_login(certificate.enrollment.learner)
    page = text(client.get(reverse("dashboard")))
    assert "Ask to renew" in page and "You have the CE hours your renewal needs" in page


@pytest.mark.django_db
def test_the_queue_lists_waiting_renewals_with_their_hours(site, client):
    plain, audited = ask(ready_holder()), ask(ready_holder(audit_percent=100))
    coordinator_signed_in(client)
    page = text(client.get(reverse("renewals_admin_queue")))
    assert plain.certificate.code in page and audited.certificate.code in page
    assert "Proof audit" in page and "6 in Ethics" in page
    assert f'name="renewal" value="{plain.pk}"' in page
    assert f'name="renewal" value="{audited.pk}"' not in page


@pytest.mark.django_db
def test_bulk_approval_from_the_queue(site, client):
    renewals = [ask(ready_holder()) for _ in range(2)]
    coordinator_signed_in(client)
    response = client.post(
        reverse("renewals_admin_queue"), {"renewal": [r.pk for r in renewals]}, follow=True
    )
    assert "2 renewed: new certificates" in text(response)
    assert Renewal.objects.filter(status=Renewal.Status.APPROVED).count() == 2
    response = client.post(reverse("renewals_admin_queue"), {}, follow=True)
    assert "Tick the renewals to approve first" in text(response)


@pytest.mark.django_db
def test_an_audit_is_approved_only_with_the_proofs_checked(site, client):
    renewal = ask(ready_holder(audit_percent=100))
    coordinator_signed_in(client)
    url = reverse("renewals_admin_review", args=[renewal.pk])
    page = text(client.get(url))
    assert "picked at random for a proof audit" in page and "None uploaded" in page
    refused = client.post(url, {"action": "approve"})
    assert refused.status_code == 400 and "Open each activity's proof" in text(refused)
    assert Certificate.objects.count() == 1
    client.post(url, {"action": "approve", "proofs_checked": "on"})
    renewal.refresh_from_db()
    assert renewal.status == Renewal.Status.APPROVED and renewal.proofs_checked


@pytest.mark.django_db
def test_returning_from_the_evidence_page_needs_a_note(site, client):
    renewal = ask(ready_holder())
    coordinator_signed_in(client)
    url = reverse("renewals_admin_review", args=[renewal.pk])
    assert client.post(url, {"action": "return", "reason": ""}).status_code == 400
    client.post(url, {"action": "return", "reason": "Please add your ethics certificate."})
    renewal.refresh_from_db()
    assert renewal.status == Renewal.Status.RETURNED
    client.force_login(renewal.certificate.enrollment.learner)
    page = text(client.get(reverse("renewals:log")))
    assert "Please add your ethics certificate." in page and "Ask to renew" in page


@pytest.mark.django_db
def test_a_decided_renewal_answers_with_a_conflict(site, client):
    renewal = ask(ready_holder())
    coordinator = coordinator_signed_in(client)
    renewal_approve(renewal_id=renewal.pk, by=coordinator)
    url = reverse("renewals_admin_review", args=[renewal.pk])
    response = client.post(url, {"action": "approve"})
    assert response.status_code == 409 and "already approved" in text(response)


@pytest.mark.django_db
@pytest.mark.parametrize("role", [TrainerFactory, SupervisorFactory])
def test_only_coordinators_see_the_queue(site, client, role):
    renewal = ask(ready_holder())
    client.force_login(role())
    assert client.get(reverse("renewals_admin_queue")).status_code in (302, 403)
    review = reverse("renewals_admin_review", args=[renewal.pk])
    assert client.post(review, {"action": "approve"}).status_code in (302, 403)
    client.force_login(renewal.certificate.enrollment.learner)
    assert client.get(reverse("renewals_admin_queue")).status_code in (302, 403)
    assert Renewal.objects.get().status == Renewal.Status.PENDING


@pytest.mark.django_db
def test_the_queue_costs_the_same_queries_for_more_renewals(
    site, client, django_assert_max_num_queries
):
    for _ in range(2):
        ask(ready_holder())
    coordinator_signed_in(client)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("renewals_admin_queue"))  # the first request reads what is kept after
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("renewals_admin_queue"))
    for _ in range(4):
        ask(ready_holder())
    client.get(reverse("renewals_admin_queue"))
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("renewals_admin_queue"))
    assert len(more) == len(few)


@pytest.mark.usefixtures("site")
@postgresql_races[0]
@postgresql_races[1]
def test_two_coordinators_approving_at_once_renew_once():
    renewal = ask(ready_holder())
    coordinators = [CoordinatorFactory(), CoordinatorFactory()]
    results, errors = race(
        [lambda c=c: renewal_approve(renewal_id=renewal.pk, by=c) for c in coordinators]
    )
    assert len([r for r in results if r is not None]) == 1 and len(errors) == 1
    assert "already approved" in " ".join(errors[0].messages)
    assert Certificate.objects.filter(enrollment=renewal.certificate.enrollment).count() == 2


@pytest.mark.django_db
def test_after_renewal_the_holders_pages_and_export_name_the_new_certificate(site, client):
    import json
    import zipfile
    from io import BytesIO

    certificate = ready_holder()
    renewal = renewal_approve(renewal_id=ask(certificate).pk, by=CoordinatorFactory())
    client.force_login(certificate.enrollment.learner)
    page = text(client.get(reverse("certificates:mine")))
    assert f"your renewed certificate is {renewal.successor.code}" in page
    archive = zipfile.ZipFile(BytesIO(client.get(reverse("dashboard_data_export")).content))
    (row,) = json.loads(archive.read("renewals.json"))
    assert row["renewed_certificate"] == renewal.successor.code and row["status"] == "approved"
    certificates = json.loads(archive.read("certificates.json"))
    assert certificates[0]["replaced_by"] == renewal.successor.code

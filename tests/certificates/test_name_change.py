"""Name change by supersession (issue #17): the holder asks, a coordinator
approves (a successor in the new name) or declines (with a reason the holder
reads). The old code then names nobody and leads nowhere, so an old link
never outs a renamed holder."""

import datetime
import io
import json
import zipfile

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate, NameChangeRequest
from certificates.selectors import holder_certificates
from certificates.services import (
    certificate_revoke,
    certificate_suspend,
    name_change_approve,
    name_change_decline,
    name_change_request,
)
from certificates.signals import certificate_superseded
from dashboard.data import export_for
from dashboard.services import account_close_request, account_erase
from tests.training.factories import (
    CoordinatorFactory,
    LearnerFactory,
    SupervisorFactory,
    TrainerFactory,
)

from .factories import CertificateFactory
from .scenario import coordinator_client
from .test_verify_claims import page_text

pytestmark = pytest.mark.django_db

OLD_NAME = "Riley Morgan"  # as CertificateFactory's snapshot prints it
NEW_NAME = "Jordan Ortiz"
REASON = "Private note 5521: changed by deed poll."


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(first_name="Sam", last_name="Okafor")


@pytest.fixture
def certificate(site):
    issued_on = timezone.localdate() - datetime.timedelta(days=100)
    certificate = CertificateFactory(issued_on=issued_on)
    holder = certificate.enrollment.learner
    holder.certificate_name = OLD_NAME
    holder.save(update_fields=["certificate_name"])
    return certificate


def ask(certificate, name=NEW_NAME, reason=REASON, holder=None):
    return name_change_request(
        certificate_id=certificate.pk,
        holder=holder or certificate.enrollment.learner,
        new_name=name,
        reason=reason,
    )


def approved(certificate, coordinator):
    return name_change_approve(request_id=ask(certificate).pk, by=coordinator)


def verify_json(client, code):
    return client.get(reverse("certificates:verify_json", args=[code])).json()


def verify_page(client, code):
    return page_text(client.get(reverse("certificates:verify", args=[code])))


# --- Asking --------------------------------------------------------------------------


def test_the_holder_asks_with_the_name_as_printed(certificate):
    request = ask(certificate, name="  Jordan   Ortiz ")
    assert request.new_name == NEW_NAME and request.reason == REASON
    assert request.status == NameChangeRequest.Status.PENDING
    assert request.certificate == certificate


@pytest.mark.parametrize(
    ("name", "reason", "message"),
    [
        ("", REASON, "Give your name as it should be printed"),
        ("J", REASON, "Give your name as it should be printed"),
        ("J" * 151, REASON, "Give your name as it should be printed"),
        (NEW_NAME, "   ", "Tell the coordinators briefly why"),
        (NEW_NAME, "x" * 2001, "under 2,000 characters"),
        (" Riley  Morgan ", REASON, "already shows"),
    ],
)
def test_a_bad_request_is_refused_with_a_message_and_nothing_saved(
    certificate, name, reason, message
):
    with pytest.raises(ValidationError, match=message):
        ask(certificate, name=name, reason=reason)
    assert not NameChangeRequest.objects.exists()


def test_an_accent_or_capital_is_a_change_worth_asking_for(certificate):
    assert ask(certificate, name="Riley Morgán").new_name == "Riley Morgán"


def test_nobody_asks_for_someone_elses_certificate(certificate):
    with pytest.raises(ValidationError, match="no such certificate among yours"):
        ask(certificate, holder=LearnerFactory())
    assert not NameChangeRequest.objects.exists()


def test_only_a_certificate_in_force_can_change_name(site, coordinator):
    revoked, suspended, replaced = CertificateFactory(), CertificateFactory(), CertificateFactory()
    expired = CertificateFactory(
        issued_on=timezone.localdate() - datetime.timedelta(days=800),
        expires_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    certificate_revoke(certificate_id=revoked.pk, revoked_by=coordinator, reason="Error.")
    certificate_suspend(certificate_id=suspended.pk, by=coordinator, reason="Review.")
    approved(replaced, coordinator)
    for certificate, message in [
        (revoked, "was revoked"),
        (suspended, "is suspended"),
        (expired, "expired on"),
        (replaced, "only on the newer one"),
    ]:
        with pytest.raises(ValidationError, match=message):
            ask(certificate, name="Avery Quinn")
    assert NameChangeRequest.objects.count() == 1  # the one approved above


def test_one_request_waits_at_a_time(certificate):
    ask(certificate)
    with pytest.raises(ValidationError, match="already asked"):
        ask(certificate, name="Avery Quinn")
    assert NameChangeRequest.objects.count() == 1


# --- Approving -----------------------------------------------------------------------


def test_approving_issues_a_successor_in_the_new_name(certificate, coordinator):
    request = ask(certificate)
    successor = name_change_approve(request_id=request.pk, by=coordinator)
    certificate.refresh_from_db()
    request.refresh_from_db()
    assert certificate.superseded_by == successor
    assert certificate.supersession == Certificate.Supersession.NAME_CHANGE
    assert successor.snapshot["name"] == NEW_NAME
    assert successor.snapshot["coordinator"] == "Sam Okafor"
    assert successor.snapshot["coordinator_role"] == "Program coordinator"
    assert successor.issued_on == timezone.localdate()
    assert successor.expires_on == certificate.expires_on
    assert successor.snapshot["certified_since"] == certificate.issued_on.isoformat()
    assert successor.issued_by == coordinator and successor.code != certificate.code
    assert request.status == NameChangeRequest.Status.APPROVED
    assert request.successor == successor and request.decided_by == coordinator
    certificate.enrollment.learner.refresh_from_db()
    assert certificate.enrollment.learner.certificate_name == NEW_NAME


def test_the_holder_is_emailed_the_new_code(
    certificate, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        successor = approved(certificate, coordinator)
    (message,) = mail.outbox
    assert message.to == [certificate.enrollment.learner.email]
    assert successor.code in message.subject and successor.code in message.body
    assert reverse("certificates:mine") in message.body
    assert NEW_NAME in message.body
    # Neither the former name nor the private reason travels in the email.
    html = message.alternatives[0][0]
    for text in (OLD_NAME, "5521"):
        assert text not in message.body and text not in html


def test_reminders_already_sent_are_not_sent_again(certificate, coordinator):
    sent = timezone.now() - datetime.timedelta(days=3)
    Certificate.objects.filter(pk=certificate.pk).update(reminder_90_sent_at=sent)
    certificate.refresh_from_db()
    successor = approved(certificate, coordinator)
    successor.refresh_from_db()
    assert successor.reminder_90_sent_at == sent and successor.reminder_60_sent_at is None


def test_a_request_is_decided_once(certificate, coordinator):
    request = ask(certificate)
    name_change_approve(request_id=request.pk, by=coordinator)
    with pytest.raises(ValidationError, match="already approved"):
        name_change_approve(request_id=request.pk, by=CoordinatorFactory())
    with pytest.raises(ValidationError, match="already approved"):
        name_change_decline(request_id=request.pk, by=coordinator, reason="No.")
    assert Certificate.objects.filter(enrollment=certificate.enrollment).count() == 2
    request.refresh_from_db()
    assert request.status == NameChangeRequest.Status.APPROVED and request.decline_reason == ""


def test_a_certificate_suspended_meanwhile_is_not_replaced(certificate, coordinator):
    request = ask(certificate)
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="Review.")
    with pytest.raises(ValidationError, match="is suspended"):
        name_change_approve(request_id=request.pk, by=coordinator)
    assert_nothing_changed(certificate, request)


def assert_nothing_changed(certificate, request):
    request.refresh_from_db()
    certificate.refresh_from_db()
    assert request.status == NameChangeRequest.Status.PENDING and request.successor is None
    assert not certificate.is_superseded
    assert Certificate.objects.filter(enrollment=certificate.enrollment).count() == 1
    certificate.enrollment.learner.refresh_from_db()
    assert certificate.enrollment.learner.certificate_name == OLD_NAME


def test_a_failure_midway_rolls_everything_back(
    certificate, coordinator, django_capture_on_commit_callbacks
):
    request = ask(certificate)

    def fails(**kwargs):
        raise RuntimeError("the CE log could not move")

    certificate_superseded.connect(fails, dispatch_uid="test-fails")
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
            name_change_approve(request_id=request.pk, by=coordinator)
    finally:
        certificate_superseded.disconnect(dispatch_uid="test-fails")
    assert_nothing_changed(certificate, request)
    assert mail.outbox == []


# --- Declining -----------------------------------------------------------------------


def test_declining_needs_a_reason_and_tells_the_holder(
    certificate, coordinator, django_capture_on_commit_callbacks
):
    request = ask(certificate)
    with pytest.raises(ValidationError, match="Tell the holder why"):
        name_change_decline(request_id=request.pk, by=coordinator, reason="  ")
    request.refresh_from_db()
    assert request.is_pending
    with django_capture_on_commit_callbacks(execute=True):
        name_change_decline(
            request_id=request.pk, by=coordinator, reason="Please use your full legal name."
        )
    request.refresh_from_db()
    assert request.status == NameChangeRequest.Status.DECLINED
    assert request.decided_by == coordinator
    (message,) = mail.outbox
    assert "Please use your full legal name." in message.body
    assert "5521" not in message.body
    certificate.refresh_from_db()
    assert not certificate.is_superseded
    # Declined is not the end: the holder may ask again.
    assert ask(certificate, name="Jordan A. Ortiz").is_pending


# --- What the old and new codes say --------------------------------------------------


def test_the_old_code_names_nobody_and_leads_nowhere(client, certificate, coordinator):
    successor = approved(certificate, coordinator)
    data = verify_json(client, certificate.code)
    assert data["status"] == "superseded"
    assert data["superseded_by"] is None and data["name"] is None
    raw = client.get(reverse("certificates:verify_json", args=[certificate.code])).content
    page = verify_page(client, certificate.code)
    assert "Replaced by a newer certificate — ask the holder for it" in page
    for text in (OLD_NAME, NEW_NAME, successor.code):
        assert text not in page
        assert text.encode() not in raw


def test_the_new_code_shows_the_new_name_and_the_same_expiry(client, certificate, coordinator):
    successor = approved(certificate, coordinator)
    data = verify_json(client, successor.code)
    assert data["status"] == "valid" and data["name"] == NEW_NAME
    assert data["expires_on"] == certificate.expires_on.isoformat()
    assert data["certified_since"] == certificate.issued_on.isoformat()
    page = verify_page(client, successor.code)
    assert NEW_NAME in page and OLD_NAME not in page and certificate.code not in page


# --- The holder's pages --------------------------------------------------------------


def name_change_url(certificate):
    return reverse("certificates:name_change", args=[certificate.code])


def mine(client):
    return page_text(client.get(reverse("certificates:mine")))


def test_the_holder_asks_from_their_certificates_page(client, certificate):
    client.force_login(certificate.enrollment.learner)
    assert name_change_url(certificate) in client.get(reverse("certificates:mine")).content.decode()
    form = page_text(client.get(name_change_url(certificate)))
    assert "Only the program's coordinators read this" in form
    assert "stops showing any name" in form
    response = client.post(name_change_url(certificate), {"new_name": NEW_NAME, "reason": REASON})
    assert response.status_code == 302
    assert NameChangeRequest.objects.get().new_name == NEW_NAME
    page = mine(client)
    assert f"for this certificate to show the name {NEW_NAME}" in page
    assert "Ask for a name change" not in page  # one request at a time
    assert "5521" not in page


def test_bad_input_on_the_form_saves_nothing(client, certificate):
    client.force_login(certificate.enrollment.learner)
    empty = client.post(name_change_url(certificate), {"new_name": "", "reason": ""})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    same = client.post(name_change_url(certificate), {"new_name": OLD_NAME, "reason": REASON})
    assert same.status_code == 400 and "already shows" in page_text(same)
    assert not NameChangeRequest.objects.exists()


def test_the_state_refuses_on_the_form_with_the_reason(client, certificate, coordinator):
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="Review.")
    client.force_login(certificate.enrollment.learner)
    assert "Ask for a name change" not in mine(client)
    response = client.post(name_change_url(certificate), {"new_name": NEW_NAME, "reason": REASON})
    assert response.status_code == 409 and "is suspended" in page_text(response)
    assert not NameChangeRequest.objects.exists()


def test_nobody_else_opens_or_posts_the_form(client, certificate):
    client.force_login(LearnerFactory())
    assert client.get(name_change_url(certificate)).status_code == 404
    response = client.post(name_change_url(certificate), {"new_name": NEW_NAME, "reason": REASON})
    assert response.status_code == 404
    assert not NameChangeRequest.objects.exists()


def test_the_holder_sees_a_decline_and_can_ask_again(client, certificate, coordinator):
    request = ask(certificate)
    name_change_decline(request_id=request.pk, by=coordinator, reason="Please add your surname.")
    client.force_login(certificate.enrollment.learner)
    page = mine(client)
    assert "was not approved" in page and "Please add your surname." in page
    assert "Ask for a name change" in page


def test_the_holder_sees_the_replacement_on_the_old_certificate(client, certificate, coordinator):
    successor = approved(certificate, coordinator)
    client.force_login(certificate.enrollment.learner)
    page = mine(client)
    assert f"by certificate {successor.code} in your new name" in page
    assert page.count("Ask for a name change") == 1  # the successor's only


# --- The coordinators' screens -------------------------------------------------------


def test_the_listing_shows_the_requests_waiting(client, certificate, coordinator):
    request = ask(certificate)
    decided = CertificateFactory()
    name_change_decline(request_id=ask(decided, name="Avery Quinn").pk, by=coordinator, reason="x")
    coordinator_client(client, coordinator)
    page = page_text(client.get(reverse("name_changes:index")))
    assert OLD_NAME in page and NEW_NAME in page and "5521" in page and certificate.code in page
    assert "Avery Quinn" not in page
    html = client.get(reverse("name_changes:index")).content.decode()
    assert reverse("name_changes:approve", args=[request.pk]) in html
    assert reverse("name_changes:decline", args=[request.pk]) in html
    admin_home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Name changes" in admin_home


def test_approving_from_the_admin_asks_to_confirm(client, certificate, coordinator):
    request = ask(certificate)
    coordinator_client(client, coordinator)
    url = reverse("name_changes:approve", args=[request.pk])
    assert "Yes, issue it in the new name" in client.get(url).content.decode()
    unconfirmed = client.post(url, {})
    assert unconfirmed.status_code == 200
    assert_nothing_changed(certificate, request)
    done = client.post(url, {"confirm": "yes"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.successor.snapshot["name"] == NEW_NAME
    again = client.post(url, {"confirm": "yes"})
    assert again.status_code == 409 and "already approved" in page_text(again)
    assert Certificate.objects.filter(enrollment=certificate.enrollment).count() == 2


def test_declining_from_the_admin_takes_a_reason_then_a_confirmation(
    client, certificate, coordinator
):
    request = ask(certificate)
    coordinator_client(client, coordinator)
    url = reverse("name_changes:decline", args=[request.pk])
    empty = client.post(url, {"reason": "", "confirm": "yes"})
    assert empty.status_code == 400 and "This field is required" in empty.content.decode()
    first = client.post(url, {"reason": "Please add your surname."})
    assert "Yes, decline" in first.content.decode()
    request.refresh_from_db()
    assert request.is_pending
    done = client.post(url, {"reason": "Please add your surname.", "confirm": "yes"})
    assert done.status_code == 302
    request.refresh_from_db()
    assert request.status == NameChangeRequest.Status.DECLINED
    assert request.decline_reason == "Please add your surname."


@pytest.mark.parametrize("factory", [LearnerFactory, TrainerFactory, SupervisorFactory])
def test_only_coordinators_decide(client, certificate, factory):
    request = ask(certificate)
    client.force_login(factory())
    for name in ("name_changes:index", "name_changes:approve", "name_changes:decline"):
        args = [] if name.endswith("index") else [request.pk]
        response = client.get(reverse(name, args=args))
        assert response.status_code in (302, 403)
        assert "5521" not in response.content.decode()
    client.post(reverse("name_changes:approve", args=[request.pk]), {"confirm": "yes"})
    client.post(
        reverse("name_changes:decline", args=[request.pk]), {"reason": "x", "confirm": "yes"}
    )
    assert_nothing_changed(certificate, request)


def test_the_holders_certificates_are_read_in_two_queries(
    certificate, coordinator, django_assert_num_queries
):
    approved(certificate, coordinator)
    holder = certificate.enrollment.learner
    with django_assert_num_queries(2):
        certificates = holder_certificates(holder)
        states = [(c.name_change and c.name_change.status, c.can_change_name) for c in certificates]
        assert certificates[1].name_change.successor == certificates[0]
    assert states == [(None, True), ("approved", False)]


# --- The holder's data ---------------------------------------------------------------


def test_the_data_export_holds_my_name_changes_and_erasure_keeps_only_the_approved(
    certificate, coordinator
):
    holder = certificate.enrollment.learner
    declined = ask(certificate, name="Jordan Ortíz")
    name_change_decline(request_id=declined.pk, by=coordinator, reason="Please check the accent.")
    successor = approved(certificate, coordinator)
    someone_else = CertificateFactory()
    ask(someone_else, name="Avery Quinn", reason="Their own words.")

    with zipfile.ZipFile(io.BytesIO(export_for(holder))) as archive:
        rows = json.loads(archive.read("name_changes.json"))
    assert [(r["new_name"], r["status"]) for r in rows] == [
        ("Jordan Ortíz", "declined"),
        (NEW_NAME, "approved"),
    ]
    assert rows[0]["your_reason"] == REASON
    assert rows[0]["reason_given_to_you"] == "Please check the accent."
    assert rows[1]["new_certificate"] == successor.code
    assert "Avery Quinn" not in json.dumps(rows)

    closure = account_close_request(user=holder)
    account_erase(closure_id=closure.pk, confirmed_by=coordinator)
    (kept,) = NameChangeRequest.objects.filter(certificate__enrollment__learner=holder)
    assert kept.status == NameChangeRequest.Status.APPROVED and kept.successor == successor
    assert kept.reason == ""
    assert NameChangeRequest.objects.get(certificate=someone_else).reason == "Their own words."

"""Renewal (issue #17): the holder asks on a complete CE log, a share is
picked for a proof audit, a coordinator approves (a successor certificate is
issued) or returns it; the rules of dates, cycles and grace periods."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.rendering import certificate_render
from certificates.selectors import certified_since
from certificates.services import add_months, certificate_supersede, certificate_suspend
from renewals.models import CECategory, CEEntry, Renewal, RenewalRules
from renewals.selectors import renewal_progress
from renewals.services import (
    renewal_approve,
    renewal_request,
    renewal_return,
    renewals_approve_many,
)
from tests.renewals.factories import holder_certificate
from tests.training.factories import CoordinatorFactory

pytestmark = pytest.mark.django_db


def log_ce(certificate, hours, category=None, days_ago=10, proof=False):
    return CEEntry.objects.create(
        certificate=certificate,
        activity=f"Workshop {CEEntry.objects.count() + 1}",
        provider="Recovery Institute",
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        hours=Decimal(hours),
        category=category,
    )


def rules_of(certificate) -> RenewalRules:
    return RenewalRules.objects.get(certification__program=certificate.enrollment.program)


def without_audits(certificate, audit_percent=0):
    """The rules pick `audit_percent` of renewals for an audit (10 % by default):
    tests that approve without checking proofs set 0, so none is picked."""
    RenewalRules.objects.filter(certification__program=certificate.enrollment.program).update(
        audit_percent=audit_percent
    )
    return certificate


def ready_holder(days_ago=700, audit_percent=0):
    """A holder 30 days before expiry with 6 Ethics and 14 general CE hours."""
    certificate = without_audits(holder_certificate(days_ago=days_ago), audit_percent)
    log_ce(certificate, "6", CECategory.objects.get(name="Ethics"))
    log_ce(certificate, "14")
    return certificate


def ask(certificate):
    return renewal_request(certificate_id=certificate.pk, holder=certificate.enrollment.learner)


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(first_name="Casey", last_name="Brennan")


# --- Asking ----------------------------------------------------------------------


def test_a_holder_with_a_complete_log_asks_once(site):
    certificate = ready_holder()
    renewal = ask(certificate)
    assert renewal.status == Renewal.Status.PENDING and not renewal.audit
    assert renewal.evidence["ce_hours_total"] == "20"
    # The category's Spanish is kept beside it, for a certificate printed in Spanish.
    assert renewal.evidence["ce_by_category"] == [
        {"category": "Ethics", "category_es": "Ética", "hours": "6"}
    ]
    with pytest.raises(ValidationError, match="already asked"):
        ask(certificate)
    assert Renewal.objects.count() == 1


def test_asking_before_the_window_or_short_of_hours_is_refused_with_what_to_do(site):
    early = holder_certificate(days_ago=200)
    log_ce(early, "20", CECategory.objects.get(name="Ethics"))
    with pytest.raises(ValidationError, match="Your renewal window opens on"):
        ask(early)
    short = holder_certificate(days_ago=700)
    log_ce(short, "10")
    with pytest.raises(ValidationError) as refused:
        ask(short)
    assert "6 more CE hours in Ethics; 10 more CE hours in total" in str(refused.value)
    assert not Renewal.objects.exists()


def test_a_suspended_certificate_is_not_renewed(site, coordinator):
    certificate = ready_holder()
    certificate_suspend(certificate_id=certificate.pk, by=coordinator, reason="Review.")
    with pytest.raises(ValidationError, match="suspended"):
        ask(certificate)


def test_someone_else_cannot_ask_for_a_holders_renewal(site):
    certificate, other = ready_holder(), holder_certificate()
    with pytest.raises(ValidationError, match="your own current certificate"):
        renewal_request(certificate_id=certificate.pk, holder=other.enrollment.learner)


def test_the_audit_share_is_the_rules_share(site):
    always, never = ready_holder(audit_percent=100), ready_holder(audit_percent=0)
    assert ask(always).audit is True
    assert ask(never).audit is False


def test_audits_are_picked_at_random_near_the_share(site):
    from renewals.services import _chance_of_audit

    picks = sum(_chance_of_audit(30) for _ in range(4000))
    assert 1000 < picks < 1400  # 30 % of 4,000 is 1,200; this band fails about never


# --- Approving -------------------------------------------------------------------


def test_approval_issues_a_successor_that_continues_the_cycle(
    site, coordinator, django_capture_on_commit_callbacks
):
    certificate = ready_holder()
    with django_capture_on_commit_callbacks(execute=True):
        renewal = renewal_approve(renewal_id=ask(certificate).pk, by=coordinator)
    successor = renewal.successor
    successor.refresh_from_db()
    certificate.refresh_from_db()
    assert certificate.superseded_by == successor and certificate.is_renewed
    assert successor.enrollment_id == certificate.enrollment_id
    assert successor.code != certificate.code
    assert successor.issued_on == timezone.localdate()
    assert successor.expires_on == add_months(certificate.expires_on, 24)
    assert certified_since(successor) == certificate.issued_on
    assert successor.snapshot["renewal"]["ce_hours_total"] == "20"
    assert successor.snapshot["coordinator"] == "Casey Brennan"
    assert renewal.status == Renewal.Status.APPROVED and renewal.decided_by == coordinator
    # The old cycle's log stays with the old certificate; the new cycle starts empty.
    assert CEEntry.objects.filter(certificate=certificate).count() == 2
    assert renewal_progress(successor).total_logged == 0
    (email,) = mail.outbox
    assert successor.code in email.body and "renewed" in email.subject
    assert successor.pdf  # made by the worker once the renewal committed


def test_the_old_and_new_codes_verify_as_the_issue_says(site, client, coordinator):
    certificate = ready_holder()
    successor = renewal_approve(renewal_id=ask(certificate).pk, by=coordinator).successor
    old = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    new = client.get(reverse("certificates:verify_json", args=[successor.code])).json()
    assert old["status"] == "superseded" and old["superseded_by"] == successor.code
    assert new["status"] == "valid" and new["certified_since"] == certificate.issued_on.isoformat()
    assert new["continuing_education"] == {
        "total": "20",
        "by_category": [{"category": "Ethics", "hours": "6"}],
    }
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "Renewed — see certificate" in page and successor.code in page


def test_the_renewed_pdf_prints_its_cycle_and_ce_hours(site, coordinator):
    certificate = ready_holder()
    successor = renewal_approve(renewal_id=ask(certificate).pk, by=coordinator).successor
    rendered = certificate_render(certificate_id=successor.pk)
    with rendered.pdf.open("rb") as handle:
        text = " ".join(page.extract_text() for page in PdfReader(BytesIO(handle.read())).pages)
    text = " ".join(text.split())
    assert f"Renewed; certified since {certificate.issued_on:%-d %B %Y}" in text
    assert "20 hours, including 6 in Ethics" in text


def test_a_renewal_in_the_grace_period_starts_a_new_cycle_and_certified_since(site, coordinator):
    certificate = without_audits(holder_certificate(days_ago=760))  # expired 30 days ago
    log_ce(certificate, "6", CECategory.objects.get(name="Ethics"), days_ago=40)
    log_ce(certificate, "14", days_ago=40)
    successor = renewal_approve(renewal_id=ask(certificate).pk, by=coordinator).successor
    assert successor.expires_on == add_months(timezone.localdate(), 24)
    assert certified_since(successor) == timezone.localdate()


def test_after_the_grace_period_a_holder_applies_again_in_full(site):
    certificate = holder_certificate(days_ago=850)  # expired 120 days ago
    log_ce(certificate, "6", CECategory.objects.get(name="Ethics"), days_ago=200)
    log_ce(certificate, "14", days_ago=200)
    with pytest.raises(ValidationError, match="ask your coordinator about applying again"):
        ask(certificate)


def test_after_the_grace_period_a_longer_requirement_asks_for_more_hours(site, coordinator):
    certificate = without_audits(holder_certificate(days_ago=850))
    rules = rules_of(certificate)
    rules.after_grace, rules.after_grace_extra_hours = RenewalRules.LONGER_CE, Decimal("10")
    rules.save()
    log_ce(certificate, "6", CECategory.objects.get(name="Ethics"), days_ago=200)
    log_ce(certificate, "14", days_ago=200)
    with pytest.raises(ValidationError, match="10 more CE hours in total"):
        ask(certificate)
    log_ce(certificate, "10", days_ago=5)  # after the grace period: counts now
    successor = renewal_approve(renewal_id=ask(certificate).pk, by=coordinator).successor
    assert successor.snapshot["renewal"]["ce_hours_total"] == "30"


def test_an_audited_renewal_needs_the_proofs_checked(site, coordinator):
    renewal = ask(ready_holder(audit_percent=100))
    with pytest.raises(ValidationError, match="proof audit"):
        renewal_approve(renewal_id=renewal.pk, by=coordinator)
    assert Certificate.objects.count() == 1
    approved = renewal_approve(renewal_id=renewal.pk, by=coordinator, proofs_checked=True)
    assert approved.proofs_checked and approved.successor is not None


def test_hours_deleted_after_asking_stop_the_approval(site, coordinator):
    certificate = ready_holder()
    renewal = ask(certificate)
    CEEntry.objects.filter(certificate=certificate, category__isnull=False).delete()
    with pytest.raises(ValidationError, match="no longer has the hours"):
        renewal_approve(renewal_id=renewal.pk, by=coordinator)
    assert Certificate.objects.count() == 1
    assert Renewal.objects.get().status == Renewal.Status.PENDING


def test_a_renewal_is_decided_once(site, coordinator):
    renewal = ask(ready_holder())
    renewal_approve(renewal_id=renewal.pk, by=coordinator)
    with pytest.raises(ValidationError, match="already approved"):
        renewal_approve(renewal_id=renewal.pk, by=coordinator)
    with pytest.raises(ValidationError, match="already approved"):
        renewal_return(renewal_id=renewal.pk, by=coordinator, reason="More hours.")
    assert Certificate.objects.count() == 2


def test_bulk_approval_approves_the_log_only_ones_and_names_the_rest(site, coordinator):
    plain = [ask(ready_holder()) for _ in range(3)]
    audited = ask(ready_holder(audit_percent=100))
    approved, problems = renewals_approve_many(
        renewal_ids=[r.pk for r in plain] + [audited.pk], by=coordinator
    )
    assert sorted(r.pk for r in approved) == sorted(r.pk for r in plain)
    assert len(problems) == 1 and "proof audit" in problems[0]
    assert Renewal.objects.get(pk=audited.pk).status == Renewal.Status.PENDING
    assert Certificate.objects.live().count() == 4


def test_returning_needs_a_note_the_holder_gets_and_they_may_ask_again(
    site, coordinator, django_capture_on_commit_callbacks
):
    certificate = ready_holder()
    renewal = ask(certificate)
    with pytest.raises(ValidationError, match="what to add or fix"):
        renewal_return(renewal_id=renewal.pk, by=coordinator, reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        renewal_return(renewal_id=renewal.pk, by=coordinator, reason="Please add the proof.")
    (email,) = mail.outbox
    assert "Please add the proof." in email.body
    assert ask(certificate).status == Renewal.Status.PENDING


# --- A name change carries the cycle's log ----------------------------------------


def test_a_name_change_moves_the_log_and_keeps_the_cycle(site, coordinator):
    certificate = ready_holder()
    renewal = ask(certificate)
    snapshot = dict(certificate.snapshot, name="Rowan Ortiz")
    successor = certificate_supersede(
        certificate_id=certificate.pk,
        by=coordinator,
        kind=Certificate.Supersession.NAME_CHANGE,
        snapshot=snapshot,
        issued_on=timezone.localdate(),
        expires_on=certificate.expires_on,
    )
    assert CEEntry.objects.filter(certificate=successor).count() == 2
    assert Renewal.objects.get(pk=renewal.pk).certificate_id == successor.pk
    progress = renewal_progress(successor)
    assert progress.cycle.starts_on == certificate.issued_on and progress.complete

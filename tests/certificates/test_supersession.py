"""A successor replaces a certificate (issue #17): the order of writes under
the one-live-certificate constraint, "certified since" along an unbroken line,
and what the old code says after a renewal and after a name change."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.selectors import certified_since, public_record
from certificates.services import (
    certificate_revoke,
    certificate_supersede,
    certificate_suspend,
)
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .test_verify_claims import page_text

pytestmark = pytest.mark.django_db

RENEWAL = Certificate.Supersession.RENEWAL
NAME_CHANGE = Certificate.Supersession.NAME_CHANGE


@pytest.fixture
def coordinator(db):
    return CoordinatorFactory(first_name="Casey", last_name="Brennan")


def certificate_issued(days_ago: int, valid_days: int = 730):
    issued_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    return CertificateFactory(
        issued_on=issued_on, expires_on=issued_on + datetime.timedelta(days=valid_days)
    )


def supersede(certificate, by, kind=RENEWAL, name=None, issued_on=None, expires_on=None):
    snapshot = dict(certificate.snapshot)
    if name:
        snapshot["name"] = name
    issued_on = issued_on or timezone.localdate()
    return certificate_supersede(
        certificate_id=certificate.pk,
        by=by,
        kind=kind,
        snapshot=snapshot,
        issued_on=issued_on,
        expires_on=expires_on or issued_on + datetime.timedelta(days=730),
    )


def test_a_successor_replaces_its_predecessor_in_the_same_enrollment(site, coordinator):
    old = certificate_issued(days_ago=700)
    new = supersede(old, coordinator)
    old.refresh_from_db()
    assert old.superseded_by == new and old.supersession == RENEWAL and old.is_superseded
    assert new.enrollment_id == old.enrollment_id and new.code != old.code
    assert list(Certificate.objects.live().filter(enrollment=old.enrollment)) == [new]


def test_the_constraint_still_allows_one_live_certificate_per_enrollment(site, coordinator):
    old = certificate_issued(days_ago=10)
    new = supersede(old, coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        CertificateFactory(enrollment=new.enrollment)


def test_a_certificate_is_replaced_once(site, coordinator):
    old = certificate_issued(days_ago=700)
    supersede(old, coordinator)
    with pytest.raises(ValidationError, match="already renewed"):
        supersede(old, coordinator)
    assert Certificate.objects.filter(enrollment=old.enrollment).count() == 2


def test_revoked_and_suspended_certificates_are_not_replaced(site, coordinator):
    revoked, suspended = certificate_issued(days_ago=700), certificate_issued(days_ago=700)
    certificate_revoke(certificate_id=revoked.pk, revoked_by=coordinator, reason="Fraud.")
    certificate_suspend(certificate_id=suspended.pk, by=coordinator, reason="Under review.")
    with pytest.raises(ValidationError, match="revoked"):
        supersede(revoked, coordinator)
    with pytest.raises(ValidationError, match="Reinstate it"):
        supersede(suspended, coordinator)
    assert Certificate.objects.count() == 2


def test_certified_since_follows_an_unbroken_line(site, coordinator):
    first = certificate_issued(days_ago=1400)  # expired 670 days ago: a gap before today
    second = supersede(first, coordinator, issued_on=first.expires_on)  # renewed on the day
    assert certified_since(second) == first.issued_on
    third = supersede(second, coordinator, kind=NAME_CHANGE, name="Riley Ortiz")
    assert certified_since(third) == first.issued_on


def test_a_renewal_after_a_gap_starts_certified_since_again(site, coordinator):
    old = certificate_issued(days_ago=760)  # expired 30 days ago
    new = supersede(old, coordinator)
    assert certified_since(new) == timezone.localdate()


def test_the_old_code_names_its_renewal_and_shows_no_name(site, client, coordinator):
    old = certificate_issued(days_ago=700)
    new = supersede(old, coordinator)
    data = client.get(reverse("certificates:verify_json", args=[old.code])).json()
    assert data["status"] == "superseded" and data["superseded_by"] == new.code
    assert data["name"] is None
    text = page_text(client.get(reverse("certificates:verify", args=[old.code])))
    assert f"Renewed — see certificate {new.code}" in text
    assert "Riley Morgan" not in text
    fresh = client.get(reverse("certificates:verify_json", args=[new.code])).json()
    assert fresh["status"] == "valid" and fresh["name"] == "Riley Morgan"
    assert fresh["certified_since"] == old.issued_on.isoformat()


def test_after_a_name_change_the_old_code_names_nobody(site, client, coordinator):
    old = certificate_issued(days_ago=100)
    new = supersede(old, coordinator, kind=NAME_CHANGE, name="Rowan Ortiz")
    data = client.get(reverse("certificates:verify_json", args=[old.code])).json()
    assert data["status"] == "superseded"
    assert data["superseded_by"] is None and data["name"] is None
    assert new.code not in str(data)
    response = client.get(reverse("certificates:verify", args=[old.code]))
    text = page_text(response)
    assert "Replaced by a newer certificate — ask the holder for it." in text
    assert "Riley Morgan" not in response.content.decode()
    assert new.code not in response.content.decode()


def test_the_public_record_still_reads_in_one_query(site, coordinator, django_assert_num_queries):
    old = certificate_issued(days_ago=700)
    supersede(old, coordinator)
    with django_assert_num_queries(1):
        record = public_record(old.code)
    assert record.superseded_by is not None

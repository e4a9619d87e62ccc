"""`manage.py seed_demo`'s renewal demo: a renewed holder whose old code shows
its successor, a holder half-way through renewal with a proof; run again, it
keeps the same people and certificates with dates relative to today."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from renewals.demo import DEMO_HALFWAY_HOLDER, DEMO_RENEWED_HOLDER
from renewals.models import CEEntry
from renewals.selectors import renewal_progress


def certificates_of(email):
    return list(Certificate.objects.filter(enrollment__learner__email=email).order_by("issued_at"))


def test_the_renewed_holders_old_code_shows_its_successor(client, demo_seeded):
    first, successor = certificates_of(DEMO_RENEWED_HOLDER[0])
    old = client.get(reverse("certificates:verify_json", args=[first.code])).json()
    new = client.get(reverse("certificates:verify_json", args=[successor.code])).json()
    assert old["status"] == "superseded" and old["superseded_by"] == successor.code
    assert new["status"] == "valid"
    assert new["certified_since"] == first.issued_on.isoformat()
    assert new["continuing_education"]["total"] == "20"
    assert successor.issued_on == timezone.localdate() - datetime.timedelta(days=10)


def test_the_halfway_holder_has_ce_entries_one_with_a_proof(demo_seeded):
    (certificate,) = certificates_of(DEMO_HALFWAY_HOLDER[0])
    entries = list(CEEntry.objects.filter(certificate=certificate))
    assert len(entries) == 2 and sum(1 for e in entries if e.proof) == 1
    progress = renewal_progress(certificate)
    assert 0 < progress.total_logged < progress.total_required
    assert progress.missing


def test_seeding_again_keeps_the_same_certificates(demo_seeded):
    before = set(Certificate.objects.values_list("code", flat=True))
    entries = CEEntry.objects.count()
    call_command("seed_demo", verbosity=0)
    assert set(Certificate.objects.values_list("code", flat=True)) == before
    assert CEEntry.objects.count() == entries

"""`manage.py seed_demo`: demo certificates showing the lifecycle, with dates
relative to today, and every demo code answers on /verify/."""

import datetime

from django.urls import reverse
from django.utils import timezone

from certificates.demo import DEMO_EXPIRING_HOLDER, DEMO_NEW_NAME, DEMO_SUSPENDED_HOLDER
from certificates.models import Certificate, NameChangeRequest


def test_every_demo_code_answers_and_shows_its_status(client, demo_seeded):
    certificates = list(Certificate.objects.all())
    assert certificates
    statuses = {}
    for certificate in certificates:
        page = client.get(reverse("certificates:verify", args=[certificate.code]))
        data = client.get(reverse("certificates:verify_json", args=[certificate.code]))
        assert page.status_code == 200 and data.status_code == 200
        statuses[certificate.enrollment.learner.email] = data.json()
    suspended = statuses[DEMO_SUSPENDED_HOLDER[0]]
    assert suspended["status"] == "suspended" and suspended["suspended_on"]
    expiring = statuses[DEMO_EXPIRING_HOLDER[0]]
    assert expiring["status"] == "valid"
    expires_on = datetime.date.fromisoformat(expiring["expires_on"])
    assert timezone.localdate() < expires_on <= timezone.localdate() + datetime.timedelta(days=30)


def test_a_demo_name_change_waits_for_the_coordinators(demo_seeded):
    (waiting,) = NameChangeRequest.objects.filter(status=NameChangeRequest.Status.PENDING)
    assert waiting.new_name == DEMO_NEW_NAME
    assert waiting.certificate.status() == "Valid"

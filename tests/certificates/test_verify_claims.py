"""The verify page and its JSON carry every claim the PDF prints (issue #16,
finding 6): courses completed and the signer by name and role, as snapshotted
at issue."""

import datetime
import html as html_lib
import re
import subprocess

import pytest
from django.urls import reverse

from certificates.rendering import certificate_render
from certificates.services import certificate_issue
from tests.training.factories import CoordinatorFactory

from .factories import CertificateFactory
from .scenario import Scenario

pytestmark = pytest.mark.django_db


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        data = handle.read()
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def page_text(response) -> str:
    """The visible text of a page, spaces collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def day(iso: str) -> str:
    return f"{datetime.date.fromisoformat(iso):%-d %B %Y}"


@pytest.fixture
def issued(site):
    scenario = Scenario().make_eligible()
    coordinator = CoordinatorFactory(first_name="Casey", last_name="Brennan")
    certificate = certificate_issue(
        enrollment_id=scenario.enrollment.pk, issued_by=coordinator, name_as_printed="Riley Morgan"
    )
    return certificate_render(certificate_id=certificate.pk)


def test_every_claim_the_pdf_prints_is_on_the_page_and_in_the_json(client, issued):
    printed = pdf_text(issued)
    page = page_text(client.get(reverse("certificates:verify", args=[issued.code])))
    data = client.get(reverse("certificates:verify_json", args=[issued.code])).json()

    claims = [
        ("code", issued.code, data["code"]),
        ("name", "Riley Morgan", data["name"]),
        ("credential", issued.snapshot["credential"], data["credential"]),
        ("program", issued.snapshot["program"], data["program"]),
        ("issuer", "Peerpath Training Collective", data["issuer"]),
        ("issued", f"{issued.issued_on:%-d %B %Y}", day(data["issued_on"])),
        ("valid until", f"{issued.expires_on:%-d %B %Y}", day(data["expires_on"])),
        ("signer", "Casey Brennan", data["signer"]["name"]),
        ("signer's role", "Program coordinator", data["signer"]["role"]),
        ("course", "Ethics and Boundaries", data["courses"][0]),
        ("training total", "4", data["hours"]["training_total"]),
        ("practice total", "10", data["hours"]["practice_total"]),
        ("supervision", "2 hours", f"{data['hours']['supervision']} hours"),
    ]
    for row in data["hours"]["by_domain"]:
        line = f"{row['domain']} {row['training']} {row['practice']}"
        claims.append(("domain row", line, line))
    assert len(data["hours"]["by_domain"]) == 2
    assert len(data["courses"]) == 1
    for label, expected, in_json in claims:
        assert expected in printed, f"{label} is not printed on the PDF: {expected!r}"
        assert expected == in_json, f"{label}: JSON says {in_json!r}, the PDF {expected!r}"
        assert expected in page, f"{label} is not on the verify page: {expected!r}"
    # The signer's line reads the same on both.
    assert "Casey Brennan Program coordinator, Peerpath Training Collective" in printed
    assert "Casey Brennan, Program coordinator, Peerpath Training Collective" in page


def test_an_older_certificate_without_a_signers_role_shows_what_it_has(client, site):
    certificate = CertificateFactory()
    assert "coordinator_role" not in certificate.snapshot
    page = page_text(client.get(reverse("certificates:verify", args=[certificate.code])))
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert data["signer"] == {"name": "Casey Brennan", "role": None}
    assert data["courses"] == ["Ethics and Boundaries for Peer Mentors"]
    assert "Signed by Casey Brennan" in page
    assert "Program coordinator" not in page
    assert "Ethics and Boundaries for Peer Mentors" in page


def test_an_old_link_never_shows_a_later_name(client, site):
    """The verify page reads the certificate's own snapshot, never the person's
    current name (a name change supersedes; the old link keeps its own name)."""
    certificate = CertificateFactory()
    learner = certificate.enrollment.learner
    learner.certificate_name = "A Different Name"
    learner.first_name, learner.last_name = "Different", "Name"
    learner.save()
    page = page_text(client.get(reverse("certificates:verify", args=[certificate.code])))
    data = client.get(reverse("certificates:verify_json", args=[certificate.code])).json()
    assert "Riley Morgan" in page and data["name"] == "Riley Morgan"
    assert "Different" not in page and "Different" not in str(data)

"""The holder's CE pages over HTTP: who may open what, the form, the proof download."""

import datetime
import html
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from renewals.models import CECategory, CEEntry
from renewals.services import ce_entry_record
from tests.renewals.factories import PDF, PNG, coordinator_signed_in, holder_certificate
from tests.training.factories import LearnerFactory, TrainerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(site):
    return holder_certificate(days_ago=100)


@pytest.fixture
def holder(client, certificate):
    client.force_login(certificate.enrollment.learner)
    return certificate.enrollment.learner


@pytest.fixture
def entry(certificate):
    return ce_entry_record(
        holder=certificate.enrollment.learner,
        certificate=certificate,
        activity="Ethics for peer mentors",
        provider="State board",
        date=timezone.localdate() - datetime.timedelta(days=3),
        hours="2",
        category=CECategory.objects.get(name="Ethics"),
        proof=SimpleUploadedFile("attendance.png", PNG),
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**changes):
    data = {
        "activity": "Trauma-informed care",
        "provider": "Recovery Institute",
        "date": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "hours": "4",
        "category": "",
        "notes": "",
    }
    data.update(changes)
    return data


def test_the_holder_sees_their_progress_and_entries(client, holder, entry):
    response = client.get(reverse("renewals:log"))
    assert response.status_code == 200
    page = text(response)
    assert "Ethics for peer mentors" in page
    assert "Ethics: 2 of 6 hours" in page
    assert "4 more CE hours in Ethics" in page
    assert "18 more CE hours in total" in page


def test_the_holder_adds_an_activity_with_a_proof(client, holder, certificate):
    ethics = CECategory.objects.get(name="Ethics")
    response = client.post(
        reverse("renewals:add", args=[certificate.code]),
        form_data(category=str(ethics.pk), proof=SimpleUploadedFile("scan.pdf", PDF)),
    )
    assert response.status_code == 302
    entry = CEEntry.objects.get()
    assert (entry.activity, entry.category, entry.proof_name) == (
        "Trauma-informed care",
        ethics,
        "scan.pdf",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"hours": "0"}, "Enter more than 0 hours."),
        ({"hours": "100"}, "One entry can hold at most 40 hours."),
        (
            {"date": lambda: (timezone.localdate() + datetime.timedelta(days=1)).isoformat()},
            "can't be in the future",
        ),
        ({"activity": ""}, "This field is required."),
    ],
)
def test_a_refused_activity_comes_back_with_what_was_typed(
    client, holder, certificate, changes, message
):
    # A date is worked out when the test runs, not when the module is collected.
    changes = {field: value() if callable(value) else value for field, value in changes.items()}
    response = client.post(
        reverse("renewals:add", args=[certificate.code]), form_data(provider="Kept", **changes)
    )
    assert response.status_code == 400
    assert message in text(response)
    assert 'value="Kept"' in text(response)
    assert not CEEntry.objects.exists()


def test_a_proof_that_is_not_a_pdf_or_image_is_refused_and_asked_for_again(
    client, holder, certificate
):
    response = client.post(
        reverse("renewals:add", args=[certificate.code]),
        form_data(proof=SimpleUploadedFile("proof.pdf", b"<html>not a pdf</html>")),
    )
    assert response.status_code == 400
    assert "Upload your proof as a PDF, PNG or JPEG file." in text(response)
    assert "Please choose your proof file again" in text(response)


def test_flagged_notes_ask_for_a_confirmation_then_save(client, holder, certificate):
    url = reverse("renewals:add", args=[certificate.code])
    notes = "Role-played with client Maria."
    response = client.post(url, form_data(notes=notes))
    assert response.status_code == 400
    assert "it may identify someone" in text(response)
    response = client.post(url, form_data(notes=notes, confirm_no_client_info="on"))
    assert response.status_code == 302
    assert CEEntry.objects.get().notes == notes


def test_the_holder_edits_removes_the_proof_and_deletes(client, holder, entry):
    response = client.post(
        reverse("renewals:edit", args=[entry.public_id]),
        form_data(activity="Renamed", remove_proof="on"),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.activity, bool(entry.proof)) == ("Renamed", False)
    assert client.get(reverse("renewals:delete", args=[entry.public_id])).status_code == 200
    response = client.post(reverse("renewals:delete", args=[entry.public_id]))
    assert response.status_code == 302
    assert not CEEntry.objects.exists()


def test_the_proof_is_served_as_an_attachment_that_is_never_sniffed(client, holder, entry):
    response = client.get(reverse("renewals:proof", args=[entry.public_id]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_proof_is_not_under_the_public_media_url(entry, settings):
    with pytest.raises(ValueError, match="no public URL"):
        entry.proof.url  # noqa: B018 - the property is what is tested
    assert not str(entry.proof.path).startswith(str(settings.MEDIA_ROOT))


def test_a_coordinator_may_open_a_proof_but_not_edit_the_entry(client, entry):
    coordinator_signed_in(client)
    assert client.get(reverse("renewals:proof", args=[entry.public_id])).status_code == 200
    assert client.get(reverse("renewals:edit", args=[entry.public_id])).status_code == 404


@pytest.mark.parametrize("factory", [LearnerFactory, TrainerFactory])
def test_anyone_else_gets_404_for_every_entry_page(client, entry, certificate, factory):
    client.force_login(factory())
    for name in ("edit", "delete", "proof"):
        assert client.get(reverse(f"renewals:{name}", args=[entry.public_id])).status_code == 404
    assert client.post(reverse("renewals:delete", args=[entry.public_id])).status_code == 404
    assert client.get(reverse("renewals:add", args=[certificate.code])).status_code == 404
    assert (
        client.post(reverse("renewals:add", args=[certificate.code]), form_data()).status_code
        == 404
    )
    assert CEEntry.objects.count() == 1


def test_an_unknown_entry_is_404_and_anonymous_people_are_sent_to_sign_in(client, entry):
    url = reverse("renewals:proof", args=[entry.public_id])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(entry.certificate.enrollment.learner)
    assert client.get(reverse("renewals:proof", args=[uuid.uuid4()])).status_code == 404


def test_someone_without_a_certificate_is_told_what_the_page_is_for(client, site):
    client.force_login(LearnerFactory())
    response = client.get(reverse("renewals:log"))
    assert "Once you hold a certificate" in text(response)


def test_coordinators_list_ce_activities_with_a_link_to_each_proof(client, entry):
    coordinator_signed_in(client)
    response = client.get(reverse("ce_activities:index"))
    assert response.status_code == 200
    page = text(response)
    assert "Ethics for peer mentors" in page
    assert reverse("renewals:proof", args=[entry.public_id]) in page
    assert client.get(reverse("ce_activities:edit", args=[entry.pk])).status_code in (302, 403)

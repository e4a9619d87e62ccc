"""The holder's CE log: what an entry may hold, checked by the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renewals.models import CECategory, CEEntry
from renewals.services import ce_entry_delete, ce_entry_record, ce_entry_update
from tests.renewals.factories import JPEG, PDF, PNG, holder_certificate
from tests.training.factories import LearnerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate():
    return holder_certificate(days_ago=200)


def record(certificate, **changes):
    values = {
        "holder": certificate.enrollment.learner,
        "certificate": certificate,
        "activity": "Motivational interviewing refresher",
        "provider": "State peer network",
        "date": timezone.localdate() - datetime.timedelta(days=10),
        "hours": Decimal("3"),
    }
    values.update(changes)
    return ce_entry_record(**values)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_a_holder_logs_an_entry_with_a_category_and_a_proof(certificate):
    ethics = CECategory.objects.get(name="Ethics")
    proof = SimpleUploadedFile("certificate of attendance.pdf", PDF)
    entry = record(certificate, category=ethics, proof=proof, notes="Boundaries in group work.")
    entry.refresh_from_db()
    assert (entry.hours, entry.category, entry.proof_name) == (
        Decimal("3"),
        ethics,
        "certificate of attendance.pdf",
    )
    assert entry.proof.name.startswith("ce-proofs/") and entry.proof.name.endswith(".pdf")
    with entry.proof.open("rb") as stored:
        assert stored.read() == PDF


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "Enter more than 0 hours."),
        ("-1", "Enter more than 0 hours."),
        ("100", "One entry can hold at most 40 hours."),
        ("1.1", "Use quarter-hour steps"),
        ("lots", "Enter the hours as a number"),
        ("NaN", "Enter more than 0 hours."),
        (None, "Enter the number of CE hours."),
    ],
)
def test_hours_must_be_above_0_and_at_most_40(certificate, hours, message):
    with pytest.raises(ValidationError) as excinfo:
        record(certificate, hours=hours)
    assert any(message in m for m in errors_of(excinfo)["hours"])
    assert not CEEntry.objects.exists()


def test_40_hours_in_one_entry_are_accepted(certificate):
    assert record(certificate, hours="40").hours == Decimal("40")


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "The date can't be in the future."),
        (201, "Only activities from your current certification cycle count"),
    ],
)
def test_the_date_must_be_inside_the_cycle_and_not_in_the_future(certificate, days, message):
    with pytest.raises(ValidationError) as excinfo:
        record(certificate, date=timezone.localdate() - datetime.timedelta(days=days))
    assert message in errors_of(excinfo)["date"][0]


def test_the_day_of_issue_counts(certificate):
    assert record(certificate, date=certificate.issued_on).date == certificate.issued_on


def test_an_entry_in_the_grace_period_counts():
    certificate = holder_certificate(days_ago=760)  # expired 30 days ago, grace is 90
    assert record(certificate, date=timezone.localdate() - datetime.timedelta(days=5)).pk


def test_every_missing_field_is_named_at_once(certificate):
    with pytest.raises(ValidationError) as excinfo:
        record(certificate, activity=" ", provider="", date=None, hours=None)
    assert set(errors_of(excinfo)) == {"activity", "provider", "date", "hours"}


def test_nobody_logs_hours_on_someone_elses_certificate(certificate):
    with pytest.raises(ValidationError, match="your own current certificate"):
        record(certificate, holder=LearnerFactory())
    assert not CEEntry.objects.exists()


def test_a_revoked_certificate_takes_no_new_entries(certificate):
    certificate.revoked_at = certificate.issued_at
    certificate.save()
    with pytest.raises(ValidationError, match="your own current certificate"):
        record(certificate)


def test_notes_that_may_identify_a_client_are_refused_until_confirmed(certificate):
    notes = "Practised the skills with client Maria at 555-201-3344."
    with pytest.raises(ValidationError) as excinfo:
        record(certificate, notes=notes)
    assert "may identify someone you supported" in errors_of(excinfo)["notes"][0]
    assert not CEEntry.objects.exists()
    assert record(certificate, notes=notes, confirmed_no_identifiers=True).notes == notes


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("proof.pdf", b"<html><script>alert(1)</script></html>"),
        ("proof.png", b"GIF89a" + b"\x00" * 20),
        ("proof.exe", b"MZ\x90\x00"),
        ("proof.pdf", b""),
    ],
)
def test_a_proof_must_be_a_pdf_png_or_jpeg_by_its_content(certificate, name, content):
    with pytest.raises(ValidationError) as excinfo:
        record(certificate, proof=SimpleUploadedFile(name, content))
    assert "PDF, PNG or JPEG" in errors_of(excinfo)["proof"][0]
    assert not CEEntry.objects.exists()


@pytest.mark.parametrize("content", [PNG, JPEG])
def test_images_named_anything_are_kept_by_their_real_type(certificate, content):
    entry = record(certificate, proof=SimpleUploadedFile("scan", content))
    assert entry.proof.name.endswith(".png" if content == PNG else ".jpg")


def test_a_proof_over_the_size_limit_is_refused(certificate, settings):
    settings.CE_PROOF_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as excinfo:
        record(certificate, proof=SimpleUploadedFile("big.pdf", PDF + b"0" * 1024))
    assert "larger than" in errors_of(excinfo)["proof"][0]


def test_the_holder_edits_an_entry_and_replaces_the_proof(
    certificate, django_capture_on_commit_callbacks
):
    entry = record(certificate, proof=SimpleUploadedFile("a.pdf", PDF))
    old = entry.proof.name
    storage = entry.proof.storage
    with django_capture_on_commit_callbacks(execute=True):
        ce_entry_update(
            holder=certificate.enrollment.learner,
            entry=entry,
            activity="Ethics for peers",
            provider="IC&RC board",
            date=entry.date,
            hours="6",
            proof=SimpleUploadedFile("b.png", PNG),
        )
    entry.refresh_from_db()
    assert (entry.activity, entry.hours, entry.proof_name) == ("Ethics for peers", 6, "b.png")
    assert not storage.exists(old)
    assert storage.exists(entry.proof.name)


def test_an_edit_that_is_refused_changes_nothing(certificate):
    entry = record(certificate, proof=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(ValidationError):
        ce_entry_update(
            holder=certificate.enrollment.learner,
            entry=entry,
            activity="Changed",
            provider="Changed",
            date=entry.date,
            hours="100",
            proof=SimpleUploadedFile("b.png", PNG),
        )
    entry.refresh_from_db()
    assert (entry.activity, entry.proof_name) == ("Motivational interviewing refresher", "a.pdf")


def test_someone_else_cannot_edit_or_delete_an_entry(certificate):
    entry = record(certificate)
    other = LearnerFactory()
    with pytest.raises(ValidationError):
        ce_entry_update(
            holder=other, entry=entry, activity="x", provider="y", date=entry.date, hours="1"
        )
    with pytest.raises(ValidationError):
        ce_entry_delete(holder=other, entry=entry)
    entry.refresh_from_db()
    assert entry.activity == "Motivational interviewing refresher"


def test_deleting_an_entry_removes_its_proof(certificate, django_capture_on_commit_callbacks):
    entry = record(certificate, proof=SimpleUploadedFile("a.pdf", PDF))
    name, storage = entry.proof.name, entry.proof.storage
    with django_capture_on_commit_callbacks(execute=True):
        ce_entry_delete(holder=certificate.enrollment.learner, entry=entry)
    assert not CEEntry.objects.exists()
    assert not storage.exists(name)

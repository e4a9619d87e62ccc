"""The learner's data export holds their CE log and proofs; erasure removes notes and proofs."""

import datetime
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dashboard.services import account_close_request, account_erase
from renewals.models import CEEntry
from renewals.services import ce_entry_record
from tests.renewals.factories import PDF, PNG, holder_certificate
from tests.training.factories import CoordinatorFactory, sign_in

pytestmark = pytest.mark.django_db


def logged(tag, proof):
    certificate = holder_certificate(days_ago=30)
    entry = ce_entry_record(
        holder=certificate.enrollment.learner,
        certificate=certificate,
        activity=f"Activity {tag}",
        provider="Provider",
        date=timezone.localdate() - datetime.timedelta(days=2),
        hours="1.5",
        notes=f"Notes {tag}",
        proof=SimpleUploadedFile(f"{tag}.bin", proof),
    )
    return certificate.enrollment.learner, entry


def test_the_export_holds_my_ce_log_and_proofs_and_nobody_elses(client, site):
    learner, entry = logged("mine", PDF)
    logged("theirs", PNG)
    sign_in(client, learner)
    response = client.get(reverse("dashboard_data_export"))
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        [row] = json.loads(archive.read("continuing_education.json"))
        assert (row["activity"], row["hours"], row["notes"]) == (
            "Activity mine",
            "1.5",
            "Notes mine",
        )
        assert row["proof_uploaded_as"] == "mine.bin"
        assert archive.read(row["proof_in_this_archive"]) == PDF
        assert [n for n in archive.namelist() if n.startswith("ce_proofs/")] == [
            row["proof_in_this_archive"]
        ]
        assert "continuing_education.json" in archive.read("README.txt").decode()


def test_erasure_blanks_ce_notes_and_deletes_the_proofs(site, django_capture_on_commit_callbacks):
    learner, entry = logged("mine", PDF)
    other, theirs = logged("theirs", PNG)
    storage, name = entry.proof.storage, entry.proof.name
    closure = account_close_request(user=learner)
    with django_capture_on_commit_callbacks(execute=True):
        account_erase(closure_id=closure.pk, confirmed_by=CoordinatorFactory())
    entry.refresh_from_db()
    assert (entry.notes, entry.proof.name, entry.proof_name) == ("", "", "")
    assert entry.activity == "Activity mine"  # what was done stays, like practice hours
    assert not storage.exists(name)
    theirs.refresh_from_db()
    assert theirs.notes == "Notes theirs" and storage.exists(theirs.proof.name)
    assert CEEntry.objects.count() == 2

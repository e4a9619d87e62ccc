"""Demo content for renewals: the demo programs' renewal rules (site setup's
defaults), a holder whose certificate was renewed ten days ago (so the old
code points to its successor) and a holder half-way through a cycle with CE
entries, one of them with a proof. Every date is relative to today, set again
on each run, so the demo never goes stale."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from certificates.demo import DEMO_PROGRAM, demo_certificate
from certificates.models import Certificate
from certificates.services import add_months
from programs.models import Program
from training.demo import DEMO_COORDINATOR, demo_user

from .models import CECategory, CEEntry, Renewal
from .services import renewal_approve, renewal_request
from .site_setup import setup_site

DEMO_RENEWED_HOLDER = ("avery@peerpath.test", "Avery", "Santos")
DEMO_HALFWAY_HOLDER = ("quinn@peerpath.test", "Quinn", "Harper")
# The renewed holder's first certificate would have expired in this many
# days; it was renewed this many days ago.
RENEWED_EXPIRY_IN_DAYS = 50
RENEWED_DAYS_AGO = 10
HALFWAY_ISSUED_MONTHS_AGO = 13

# (activity, provider, days before the reference day, hours, category, with proof)
RENEWED_LOG = [
    ("Ethics and boundaries refresher", "State Peer Certification Board", 300, "6", True, False),
    ("Motivational interviewing, level 2", "Recovery Community Institute", 200, "8", False, False),
    ("Naloxone and overdose response", "County Health Department", 120, "6", False, False),
]
HALFWAY_LOG = [
    (
        "Ethics in peer support: dual relationships",
        "Recovery Community Institute",
        60,
        "4",
        True,
        True,
    ),
    ("Trauma-informed peer support", "State Peer Certification Board", 25, "6", False, False),
]

# A small, valid one-page PDF: the demo's proof of attendance.
DEMO_PROOF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_demo(*, log=print) -> list[str]:
    setup_site(log=log)
    program = Program.objects.filter(title=DEMO_PROGRAM).first()
    if program is None or not hasattr(program, "certification"):
        return []
    return [seed_renewed_holder(program, log=log), seed_halfway_holder(program, log=log)]


def _log_entries(certificate: Certificate, rows, *, before: datetime.date) -> None:
    """The holder's CE entries, created once and dated again from `before`."""
    ethics = CECategory.objects.get(name="Ethics")
    for activity, provider, days, hours, is_ethics, with_proof in rows:
        date = before - datetime.timedelta(days=days)
        entry, created = CEEntry.objects.get_or_create(
            certificate=certificate,
            activity=activity,
            defaults={
                "provider": provider,
                "date": date,
                "hours": Decimal(hours),
                "category": ethics if is_ethics else None,
            },
        )
        if not created and entry.date != date:
            CEEntry.objects.filter(pk=entry.pk).update(date=date)
        if with_proof and not entry.proof:
            entry.proof.save("attendance.pdf", ContentFile(DEMO_PROOF), save=False)
            entry.proof_name = "attendance.pdf"
            entry.save(update_fields=["proof", "proof_name"])


@transaction.atomic
def seed_renewed_holder(program: Program, *, log=print) -> str:
    today = timezone.localdate()
    validity = program.certification.validity_months
    first_expires = today + datetime.timedelta(days=RENEWED_EXPIRY_IN_DAYS)
    first_issued = add_months(first_expires, -validity)
    renewed_on = today - datetime.timedelta(days=RENEWED_DAYS_AGO)
    renewal = (
        Renewal.objects.filter(
            certificate__enrollment__learner__email=DEMO_RENEWED_HOLDER[0],
            status=Renewal.Status.APPROVED,
        )
        .select_related("certificate", "successor")
        .first()
    )
    if renewal is None:
        first = demo_certificate(program, DEMO_RENEWED_HOLDER, issued_on=first_issued, log=log)
        _log_entries(first, RENEWED_LOG, before=renewed_on)
        asked = Renewal.objects.filter(certificate=first, status=Renewal.Status.PENDING).first()
        if asked is None:
            asked = renewal_request(
                certificate_id=first.pk,
                holder=first.enrollment.learner,
                now=timezone.now() - datetime.timedelta(days=RENEWED_DAYS_AGO + 3),
            )
        renewal = renewal_approve(
            renewal_id=asked.pk,
            by=demo_user(DEMO_COORDINATOR),
            proofs_checked=True,
            now=timezone.now() - datetime.timedelta(days=RENEWED_DAYS_AGO),
        )
        log(f"Renewed the demo certificate {first.code} as {renewal.successor.code}.")
    else:
        # A later run: the same two certificates, their dates moved to today's.
        first, successor = renewal.certificate, renewal.successor
        Certificate.objects.filter(pk=first.pk).update(
            issued_on=first_issued, expires_on=first_expires
        )
        snapshot = dict(successor.snapshot, certified_since=first_issued.isoformat())
        Certificate.objects.filter(pk=successor.pk).update(
            issued_on=renewed_on,
            expires_on=add_months(first_expires, validity),
            snapshot=snapshot,
        )
        _log_entries(first, RENEWED_LOG, before=renewed_on)
    successor = Certificate.objects.get(pk=renewal.successor_id)
    return (
        f"Demo renewal: {first.code} (renewed, points to its successor) and {successor.code} "
        f"(certified since {first_issued:%-d %B %Y}), {DEMO_RENEWED_HOLDER[0]}."
    )


@transaction.atomic
def seed_halfway_holder(program: Program, *, log=print) -> str:
    today = timezone.localdate()
    certificate = demo_certificate(
        program,
        DEMO_HALFWAY_HOLDER,
        issued_on=add_months(today, -HALFWAY_ISSUED_MONTHS_AGO),
        log=log,
    )
    _log_entries(certificate, HALFWAY_LOG, before=today)
    return (
        f"Demo CE log: {certificate.code}, half-way through renewal with two CE entries "
        f"(one with a proof), {DEMO_HALFWAY_HOLDER[0]}."
    )

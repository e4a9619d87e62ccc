"""The Open Badges 3.0 credential of a certificate (W3C Verifiable Credentials
Data Model 2.0, type OpenBadgeCredential), and the signed status lists that
say which credentials are revoked or suspended.

A certificate's credential states what its PDF states, minus the holder's
name: the holder is identified by a salted SHA-256 of their email address, so
an old link never shows a former name and the credential does not publish an
email address. It is made once, by the task worker, after the PDF (whose
SHA-256 is its evidence), signed with a Data Integrity proof
(eddsa-rdfc-2022), stored with the certificate and never changed; what
changes later (revoked, suspended) is said by the status lists."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from . import status_lists
from .credential_keys import issuer_did, signing_key
from .data_integrity import sign
from .jsonld import CREDENTIALS_V2, OPEN_BADGES_V3
from .models import Certificate
from .selectors import encoded_status_list
from .vc_jwt import sign_jwt

CONTEXT = [CREDENTIALS_V2, OPEN_BADGES_V3]
# How long a signed status list is kept and may be cached by verifiers.
STATUS_LIST_SECONDS = 300


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _instant(moment: datetime.datetime) -> str:
    """An XML Schema dateTime in UTC, to the second ("2026-12-07T10:00:00Z")."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _end_of_day(day: datetime.date) -> str:
    end = datetime.datetime.combine(day, datetime.time(23, 59, 59))
    return _instant(timezone.make_aware(end))


def issuer_profile(snapshot: dict) -> dict:
    return {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": snapshot["issuer"],
        "url": absolute("/"),
    }


def status_list_url(purpose: str) -> str:
    return absolute(reverse("certificates:status_list", args=[purpose]))


def _criteria(snapshot: dict) -> str:
    courses = "; ".join(course["title"] for course in snapshot.get("courses", []))
    lines = [
        f"Completed the {snapshot['program']} program: every required course and its "
        "assessment, supervised practice, and a signed code of ethics.",
        f"Training hours: {snapshot['training_hours_total']}. Supervised practice hours: "
        f"{snapshot['practice_hours_total']}. Supervision received: "
        f"{snapshot['supervision_hours']} hours.",
    ]
    if courses:
        lines.append(f"Courses: {courses}.")
    renewal = snapshot.get("renewal")
    if renewal:
        lines.append(
            f"Renewed with {renewal['ce_hours_total']} continuing education hours"
            + "".join(f", {row['hours']} in {row['category']}" for row in renewal["ce_by_category"])
            + "."
        )
    return " ".join(lines)


def credential_document(certificate: Certificate, *, email: str, salt: str) -> dict:
    """The unsigned OpenBadgeCredential of `certificate` (its PDF stored)."""
    snapshot = certificate.snapshot
    verify_path = reverse("certificates:verify", args=[certificate.code])
    credential_url = absolute(reverse("certificates:credential", args=[certificate.code]))
    index = str(certificate.status_index)
    return {
        "@context": CONTEXT,
        "id": credential_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": issuer_profile(snapshot),
        "validFrom": _instant(certificate.issued_at),
        "validUntil": _end_of_day(certificate.expires_on),
        "name": snapshot["credential"],
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": "sha256$"
                    + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest(),
                    "identityType": "emailAddress",
                    "hashed": True,
                    "salt": salt,
                }
            ],
            "achievement": {
                "id": absolute(verify_path) + "#achievement",
                "type": ["Achievement"],
                "achievementType": "Certification",
                "name": snapshot["credential"],
                "description": f"{snapshot['credential']}, awarded by {snapshot['issuer']} "
                f"for completing the {snapshot['program']} program.",
                "criteria": {"narrative": _criteria(snapshot)},
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": row["domain"],
                        "targetDescription": f"Training hours: {row['training_hours']}; "
                        f"supervised practice hours: {row['practice_hours']}.",
                        "targetUrl": absolute(verify_path) + "#domains",
                        "targetType": "ext:PeerRecoveryDomain",
                    }
                    for row in snapshot.get("domains", [])
                ],
                "creator": issuer_profile(snapshot),
            },
        },
        "evidence": [
            {
                "id": absolute(verify_path),
                "type": ["Evidence"],
                "name": f"Certificate {certificate.code} (PDF)",
                "description": f"The signed PDF certificate, SHA-256 {certificate.pdf_sha256}; "
                "the verification page shows the same fingerprint.",
            }
        ],
        "credentialStatus": [
            {
                "id": f"{status_list_url(purpose)}#{index}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose,
                "statusListIndex": index,
                "statusListCredential": status_list_url(purpose),
            }
            for purpose in status_lists.PURPOSES
        ],
    }


def credential_sign(certificate: Certificate) -> tuple[dict, str]:
    """The signed credential of `certificate` (a new random salt, today's
    proof) and the same credential as a VC-JWT."""
    document = credential_document(
        certificate,
        email=certificate.enrollment.learner.email,
        salt=secrets.token_hex(16),
    )
    key = signing_key()
    return sign(document, key, created=_instant(timezone.now())), sign_jwt(document, key)


def status_list_credential(purpose: str) -> dict:
    """The signed BitstringStatusListCredential of `purpose`, as it is now. Kept
    for STATUS_LIST_SECONDS under the list's content, so a change (a
    revocation) shows at once while an unchanged list is signed once."""
    if purpose not in status_lists.PURPOSES:
        raise ValueError(f"Unknown status purpose {purpose!r}")
    encoded = encoded_status_list(purpose)
    digest = hashlib.sha256(encoded.encode()).hexdigest()[:32]
    key = f"status-list:{purpose}:{signing_key().key_id}:{digest}"
    signed = cache.get(key)
    if signed is None:
        url = status_list_url(purpose)
        now = timezone.now()
        document = {
            "@context": [CREDENTIALS_V2],
            "id": url,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": issuer_did(),
            "validFrom": _instant(now),
            "validUntil": _instant(now + datetime.timedelta(days=1)),
            "credentialSubject": {
                "id": f"{url}#list",
                "type": "BitstringStatusList",
                "statusPurpose": purpose,
                "encodedList": encoded,
            },
        }
        signed = sign(document, signing_key(), created=_instant(now))
        cache.set(key, signed, STATUS_LIST_SECONDS)
    return signed

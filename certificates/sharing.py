"""Sharing a certificate beyond Peerpath: LinkedIn's "Add licence or
certification" link, filled in from what the certificate states."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from .models import Certificate

LINKEDIN_ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_url(certificate: Certificate) -> str:
    """LinkedIn's add-to-profile address for `certificate`: the credential's
    name, the issuing organisation, the issue and expiry month, the
    verification page and the certificate number. Nothing is sent to LinkedIn
    until the holder follows it and saves the form there."""
    snapshot = certificate.snapshot
    return (
        LINKEDIN_ADD_TO_PROFILE
        + "?"
        + urlencode(
            {
                "startTask": "CERTIFICATION_NAME",
                "name": snapshot["credential"],
                "organizationName": snapshot["issuer"],
                "issueYear": certificate.issued_on.year,
                "issueMonth": certificate.issued_on.month,
                "expirationYear": certificate.expires_on.year,
                "expirationMonth": certificate.expires_on.month,
                "certUrl": settings.SITE_URL.rstrip("/")
                + reverse("certificates:verify", args=[certificate.code]),
                "certId": certificate.code,
            }
        )
    )

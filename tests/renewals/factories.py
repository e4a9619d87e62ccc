"""A holder of a live certificate, with the certification's default renewal rules."""

import datetime

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone

from certificates.models import ProgramCertification
from tests.certificates.factories import CertificateFactory
from tests.training.factories import CoordinatorFactory

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ETHICS = "1. I respect the dignity of every person."

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def holder_certificate(*, days_ago=200, **kwargs):
    """A live certificate issued `days_ago` days ago, valid two years."""
    issued_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    certificate = CertificateFactory(
        issued_on=issued_on, expires_on=issued_on + datetime.timedelta(days=730), **kwargs
    )
    program = certificate.enrollment.program
    ProgramCertification.objects.get_or_create(program=program, defaults={"code_of_ethics": ETHICS})
    return certificate


def coordinator_signed_in(client):
    user = CoordinatorFactory()
    TOTP.activate(user, SECRET)
    client.force_login(user)
    return user

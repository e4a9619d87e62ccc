"""Renewal rules for every program certification that has none yet, with the
IC&RC defaults (docs/guides/coordinator.md), created idempotently by
`manage.py setup_site`. Migration 0002 did the same for certifications that
existed when the app arrived; a certification added later in the admin gets
its rules here or when a coordinator first opens them (renewals.services)."""

from django.db import transaction

from certificates.models import ProgramCertification

from .services import renewal_rules_ensure


@transaction.atomic
def setup_site(*, log=print) -> None:
    for certification in ProgramCertification.objects.filter(renewal_rules__isnull=True):
        renewal_rules_ensure(certification=certification)
        log(f"Renewal rules with the default values for {certification.program}.")

from django.apps import AppConfig
from django.db.models.signals import post_save


class RenewalsConfig(AppConfig):
    name = "renewals"
    verbose_name = "Renewals"

    def ready(self):
        # Deferred: Django loads apps.py before any models module (the app registry).
        from certificates.models import ProgramCertification
        from certificates.signals import certificate_superseded

        from .services import ce_log_follow_name_change

        post_save.connect(
            _certification_saved,
            sender=ProgramCertification,
            dispatch_uid="renewals.rules_for_new_certification",
        )
        certificate_superseded.connect(
            ce_log_follow_name_change, dispatch_uid="renewals.ce_log_follows_name_change"
        )


def _certification_saved(sender, instance, created, raw=False, **kwargs):
    """A new program certification gets the default renewal rules at once."""
    if created and not raw:
        # Deferred like the models above.
        from .services import renewal_rules_ensure

        renewal_rules_ensure(certification=instance)

from django.apps import AppConfig

from training.content_cache import watch


class CertificatesConfig(AppConfig):
    name = "certificates"

    def ready(self):
        # Deferred: Django loads apps.py before any models module (the app registry).
        from .models import ProgramCertification

        # Kept with the content: each program's certification settings.
        watch(ProgramCertification)

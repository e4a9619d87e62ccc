from django.apps import AppConfig


class CertificatesConfig(AppConfig):
    name = "certificates"

    def ready(self):
        from training.content_cache import watch

        from .models import ProgramCertification

        # Kept with the content: each program's certification settings.
        watch(ProgramCertification)

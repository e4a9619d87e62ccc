from django.apps import AppConfig

from training.content_cache import watch


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs and enrollment"

    def ready(self):
        # Deferred: Django loads apps.py before any models module (the app registry).
        from .models import ActivityType, Domain, Program, ProgramDomainRequirement

        # Pages show program rules: an edit to any of them refreshes the content cache.
        watch(Program, ProgramDomainRequirement, Domain, ActivityType)

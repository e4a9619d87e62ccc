from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = "Programs and enrollment"

    def ready(self):
        from training.content_cache import watch

        from .models import ActivityType, Domain, Program, ProgramDomainRequirement

        # Pages show program rules: an edit to any of them refreshes the content cache.
        watch(Program, ProgramDomainRequirement, Domain, ActivityType)

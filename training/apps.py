from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training record"

    def ready(self):
        from .content_cache import connect_signals, watch
        from .models import ActivityType, Domain, Program, ProgramDomainRequirement

        connect_signals()
        watch(Program, ProgramDomainRequirement, Domain, ActivityType)

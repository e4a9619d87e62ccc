from django.apps import AppConfig

from .content_cache import connect_signals


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training record"

    def ready(self):
        connect_signals()

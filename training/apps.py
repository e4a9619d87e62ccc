from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "Training record"

    def ready(self):
        from .content_cache import connect_signals

        connect_signals()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .content_cache import connect_signals


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training record")

    def ready(self):
        connect_signals()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from . import translation_catalogs
from .content_cache import connect_signals


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training record")

    def ready(self):
        translation_catalogs.install()
        connect_signals()

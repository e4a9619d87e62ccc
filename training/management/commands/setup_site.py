from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Create what a real deployment needs (home page, site, catalogue, workflow, "
        "permissions). Safe to run again."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for module in app_modules("site_setup"):
            module.setup_site(log=self.stdout.write)
        self.stdout.write(self.style.SUCCESS("The site is set up."))


def app_modules(name: str):
    """Yield `<app>.<name>` for each installed app that has one, in INSTALLED_APPS order."""
    for config in apps.get_app_configs():
        dotted = f"{config.name}.{name}"
        if find_spec(dotted) is not None:
            yield import_module(dotted)

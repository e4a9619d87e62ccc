from django.core.management.base import BaseCommand
from django.db import transaction

from .setup_site import app_modules


class Command(BaseCommand):
    help = (
        "Add demo people and content on top of setup_site. Safe to run again. Not for production."
    )

    def handle(self, *args, **options):
        lines: list[str] = []
        with transaction.atomic():
            for module in app_modules("demo"):
                lines.extend(module.seed_demo(log=self.stdout.write) or [])
        self.stdout.write("")
        for line in lines:
            self.stdout.write(line)

"""Email each supervisor with entries waiting for review one digest a day.

Run it daily (cron, a scheduler or a django-tasks periodic job). Running it
again the same day sends nothing more: each digest is recorded."""

from django.core.management.base import BaseCommand

from practice.services import supervisor_digests_send


class Command(BaseCommand):
    help = "Email supervisors a daily digest of practice hours waiting for their review."

    def handle(self, *args, **options):
        sent = supervisor_digests_send()
        self.stdout.write(f"Sent {sent} supervisor digest{'s' if sent != 1 else ''}.")

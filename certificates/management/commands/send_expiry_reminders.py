from django.core.management.base import BaseCommand

from certificates.services import certificates_send_expiry_reminders


class Command(BaseCommand):
    help = "Email holders 90, 60 and 30 days before their certificate expires (each once)."

    def handle(self, *args, **options):
        sent = certificates_send_expiry_reminders()
        self.stdout.write(f"Sent {sent} expiry reminder{'s' if sent != 1 else ''}.")

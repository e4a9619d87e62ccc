from django.core.management.base import BaseCommand

from training.demo import current_demo_totp_code


class Command(BaseCommand):
    help = "Print the current two-step sign-in code for the demo staff accounts."

    def handle(self, *args, **options):
        self.stdout.write(current_demo_totp_code())

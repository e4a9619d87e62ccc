from django.core.management.base import BaseCommand

from assessments.services import attempts_close_expired


class Command(BaseCommand):
    help = "Grade every open quiz attempt whose time limit has passed."

    def handle(self, *args, **options):
        closed = attempts_close_expired()
        self.stdout.write(f"Closed {closed} attempt{'s' if closed != 1 else ''}.")

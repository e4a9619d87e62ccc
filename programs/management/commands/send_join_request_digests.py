"""Email each coordinator one digest a day of the join requests made since their last.

Run it daily (`manage.py run_daily` lists it in PEERPATH_DAILY_COMMANDS). Running
it again the same day sends nothing more: each digest is recorded."""

from django.core.management.base import BaseCommand

from programs.services import join_request_digests_send


class Command(BaseCommand):
    help = "Email coordinators a daily digest of new requests to join a program."

    def handle(self, *args, **options):
        sent = join_request_digests_send()
        self.stdout.write(f"Sent {sent} join request digest{'s' if sent != 1 else ''}.")

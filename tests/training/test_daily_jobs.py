from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command, get_commands


def test_every_scheduled_command_exists():
    available = get_commands()
    for entry in settings.PEERPATH_DAILY_COMMANDS + settings.PEERPATH_FREQUENT_COMMANDS:
        assert entry[0] in available, entry


# run_daily closes stale connections between jobs (as a long-running scheduler
# must), which would end a test's wrapping transaction: run it in autocommit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_daily_run_completes_on_an_empty_site(site):
    out = StringIO()
    call_command("run_daily", stdout=out, stderr=out)
    text = out.getvalue()
    for line in (
        "Closed 0 attempts",
        "Sent 0 supervisor digests",
        "Rendered 0 certificate PDFs",
        "Sent 0 expiry reminders",
        "All 6 daily jobs finished",
    ):
        assert line in text, text

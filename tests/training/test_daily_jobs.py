from io import StringIO

import pytest
from django.core.management import call_command


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
        "Sent 0 join request digests",
        "Rendered 0 certificate PDFs",
        "Sent 0 expiry reminders",
        "All 7 daily jobs finished",
    ):
        assert line in text, text

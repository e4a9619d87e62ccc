"""The policy headers are built once per process for responses that use the
site's policy (issue 20); a view with its own policy, or a page that asks for
a nonce, still gets its header built for it."""

import pytest
from csp.constants import NONCE
from django.test import override_settings

from tests.training.test_production_csp import PUBLIC_POLICY, parse_policy

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.training.csp_urls")]


def test_every_plain_response_carries_the_site_policy(client, site):
    first = client.get("/csp-test/plain/")["Content-Security-Policy"]
    second = client.get("/csp-test/plain/")["Content-Security-Policy"]
    assert first == second
    assert parse_policy(first) == PUBLIC_POLICY


def test_a_view_with_its_own_policy_keeps_it(client, site):
    client.get("/csp-test/plain/")  # the site's header is built and kept first
    own = parse_policy(client.get("/csp-test/own-policy/")["Content-Security-Policy"])
    assert own["img-src"] == [*PUBLIC_POLICY["img-src"], "https://images.example.org"]
    # ...and the next plain response is not affected.
    assert parse_policy(client.get("/csp-test/plain/")["Content-Security-Policy"]) == PUBLIC_POLICY


def test_a_page_that_asks_for_a_nonce_gets_it_in_its_header(client, site, settings):
    # Peerpath's policies use no nonce today; one that does must still work.
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    with_nonce = {"DIRECTIVES": {**directives, "script-src": ["'self'", NONCE]}}
    with override_settings(CONTENT_SECURITY_POLICY=with_nonce):
        client.get("/csp-test/plain/")
        response = client.get("/csp-test/nonce/")
        nonce = response.content.decode()
        assert nonce
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert "nonce-" not in client.get("/csp-test/plain/")["Content-Security-Policy"]


def test_a_changed_setting_changes_the_header(client, site, settings):
    client.get("/csp-test/plain/")
    changed = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    with override_settings(CONTENT_SECURITY_POLICY=changed):
        policy = parse_policy(client.get("/csp-test/plain/")["Content-Security-Policy"])
    assert policy["img-src"] == ["'self'"]
    assert parse_policy(client.get("/csp-test/plain/")["Content-Security-Policy"]) == PUBLIC_POLICY

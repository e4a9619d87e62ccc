"""One Content Security Policy for the public site, another for the Wagtail admin.

The public site runs no inline script or style, so its policy is strict. The
Wagtail admin is third-party code that still needs inline scripts and styles
(docs/deploy.md lists what and why), so it gets its own, looser policy.
Choosing by path in one middleware keeps that decision in one place: the admin
has hundreds of views, registered by Wagtail and by every app's hooks, so
per-view decorators would miss some.
"""

from __future__ import annotations

import threading
from dataclasses import asdict

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy, default_config
from django.conf import settings

# What a view can set to change the policy of its own response (django-csp's
# decorators): such a response gets its header built for it, as by the stock
# middleware.
_VIEW_OVERRIDES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_CSP_PATH_PREFIX)


class PathBasedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY under /admin/.

    A view that sets its own policy with csp_override/csp_replace/csp_update
    still wins, as with the stock middleware, and so does a page that asked for
    a nonce. Every other response of the public site (or of the admin) carries
    the same two headers, so they are built once per process and policy
    settings, not on every request (issue 20: 0.07 ms of a 1 ms request)."""

    _built: dict[bool, tuple[tuple, tuple[str, str]]] = {}
    _lock = threading.Lock()

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _VIEW_OVERRIDES
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # Django's debug pages, as the stock middleware
        enforced, report_only = self._headers_for(request, response)
        self._set(request, response, HEADER, enforced, "_csp_exempt", "CONTENT_SECURITY_POLICY")
        self._set(
            request,
            response,
            HEADER_REPORT_ONLY,
            report_only,
            "_csp_exempt_ro",
            "CONTENT_SECURITY_POLICY_REPORT_ONLY",
        )
        # As the stock middleware: a nonce asked for after this point is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _headers_for(self, request, response) -> tuple[str, str]:
        admin = is_admin_path(request.path_info)
        # The settings objects themselves: a test's override_settings builds
        # new ones, and then the headers are built again.
        sources = (
            getattr(settings, "CONTENT_SECURITY_POLICY", None),
            getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None),
            getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY", None),
        )
        kept = self._built.get(admin)
        if kept is not None and all(a is b for a, b in zip(kept[0], sources, strict=True)):
            return kept[1]
        headers = (
            build_policy(**asdict(self.get_policy_parts(request, response))),
            build_policy(
                **asdict(self.get_policy_parts(request, response, report_only=True)),
                report_only=True,
            ),
        )
        with self._lock:
            self._built[admin] = (sources, headers)
        return headers

    @staticmethod
    def _set(request, response, header, value, exempt_attribute, setting) -> None:
        if not value or header in response or getattr(response, exempt_attribute, False):
            return
        prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
        if not request.path_info.startswith(tuple(prefixes)):
            response[header] = value

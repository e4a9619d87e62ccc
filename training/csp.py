"""One Content Security Policy for the public site, another for the Wagtail admin.

The public site runs no inline script or style, so its policy is strict. The
Wagtail admin is third-party code that still needs inline scripts and styles
(docs/deploy.md lists what and why), so it gets its own, looser policy.
Choosing by path in one middleware keeps that decision in one place: the admin
has hundreds of views, registered by Wagtail and by every app's hooks, so
per-view decorators would miss some.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(settings.ADMIN_CSP_PATH_PREFIX)


class PathBasedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CONTENT_SECURITY_POLICY under /admin/.

    A view that sets its own policy with csp_override/csp_replace/csp_update
    still wins, as with the stock middleware."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts

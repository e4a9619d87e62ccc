import os
import sys

from training.entry_warnings import quiet_library_deprecations

quiet_library_deprecations()

from django.core.exceptions import ImproperlyConfigured  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402 (warnings first)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.production")

try:
    application = get_wsgi_application()
    from django.conf import settings

    if getattr(settings, "PEERPATH_CHECK_SERVICES_AT_START", False):
        # The database and Redis must answer before the site takes requests
        # (training/startup.py); the connection is closed again before fork.
        from training.startup import check_services

        check_services()
except ImproperlyConfigured as error:
    # One clear line in the process log instead of a traceback.
    sys.exit(f"Peerpath cannot start: {error}")

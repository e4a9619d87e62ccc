import os
import sys

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.production")

try:
    application = get_wsgi_application()
except ImproperlyConfigured as error:
    # One clear line in the process log instead of a traceback.
    sys.exit(f"Peerpath cannot start: {error}")

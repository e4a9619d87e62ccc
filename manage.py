#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.dev")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - load settings now to report misconfiguration plainly
    except ImproperlyConfigured as error:
        sys.exit(f"Peerpath cannot start: {error}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

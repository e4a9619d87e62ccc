#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.dev")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Misconfiguration (a missing variable, a bad DATABASE_URL) stops start-up
    # with one clear line instead of a traceback. `--settings` is honoured:
    # Django reads it before it loads the settings.
    try:
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        sys.exit(f"Peerpath cannot start: {error}")


if __name__ == "__main__":
    main()

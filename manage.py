#!/usr/bin/env python
import os
import sys

# Commands that start a long-running process or change the database: with
# PEERPATH_CHECK_SERVICES_AT_START (production), they first make sure the
# database and Redis answer (training/startup.py).
STARTUP_COMMANDS = {"migrate", "setup_site", "db_worker", "run_scheduler"}


def check_services_first(argv: list[str]) -> None:
    import django
    from django.core.management.base import CommandParser, handle_default_options

    # Honour --settings/--pythonpath before loading settings, as Django does.
    parser = CommandParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--settings")
    parser.add_argument("--pythonpath")
    options, _ = parser.parse_known_args(argv[2:])
    handle_default_options(options)
    django.setup()

    from django.conf import settings

    if getattr(settings, "PEERPATH_CHECK_SERVICES_AT_START", False):
        from training.startup import check_services

        check_services()


def main() -> None:
    from training.entry_warnings import quiet_library_deprecations

    quiet_library_deprecations()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "training.settings.dev")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Misconfiguration (a missing variable, a bad DATABASE_URL, a database or
    # Redis that does not answer) stops start-up with one clear line instead
    # of a traceback. `--settings` is honoured: Django reads it before it loads
    # the settings.
    try:
        if len(sys.argv) > 1 and sys.argv[1] in STARTUP_COMMANDS:
            check_services_first(sys.argv)
        execute_from_command_line(sys.argv)
    except ImproperlyConfigured as error:
        sys.exit(f"Peerpath cannot start: {error}")


if __name__ == "__main__":
    main()

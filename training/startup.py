"""Start-up checks: the services Peerpath cannot work without must answer.

A wrong host or port in DATABASE_URL or REDIS_URL otherwise lets the web
process start and fail every request, and lets `migrate` end in a long
traceback. Production runs these checks when a process starts (training/wsgi.py,
and the start-up commands in manage.py), so the process stops with one line
naming the service instead.
"""

import redis
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError, connections
from django.utils.module_loading import import_string

# Long enough for a busy server to answer, short enough that a firewalled host
# stops the deploy within seconds instead of hanging it.
CONNECT_TIMEOUT_SECONDS = 5


def _first_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return lines[0].strip() if lines else error.__class__.__name__


def check_database() -> None:

    connection = connections["default"]
    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise ImproperlyConfigured(
            f"the database in DATABASE_URL cannot be reached ({_first_line(error)})"
        ) from None
    finally:
        # Nothing opened here may be inherited by a forked worker.
        connection.close()


def check_redis() -> None:
    cache = settings.CACHES.get("default", {})
    if not issubclass(import_string(cache.get("BACKEND", "")), RedisCache):
        return

    client = redis.Redis.from_url(
        cache["LOCATION"],
        socket_connect_timeout=CONNECT_TIMEOUT_SECONDS,
        socket_timeout=CONNECT_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    except redis.RedisError as error:
        raise ImproperlyConfigured(
            f"Redis in REDIS_URL cannot be reached ({_first_line(error)})"
        ) from None
    finally:
        client.close()


def check_services() -> None:
    """Raise ImproperlyConfigured naming the first service that does not answer."""
    check_database()
    check_redis()

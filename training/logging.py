"""JSON-lines logging for production, with the standard library only.

Each record becomes one line of JSON on stdout: time (UTC, ISO 8601), level,
logger, message, then the exception (if any), what Django's request loggers
attach about the request, and any other `extra=` fields. A log collector
(journald, Docker, a hosted service) can then filter by field instead of
parsing text.

`GunicornJsonLogger` makes gunicorn's access and error logs the same shape.

No line carries a secret from a URL: the key in a password-reset or
email-confirmation link and an invitation token are replaced by
"[redacted]" wherever they appear in a line (a request path, a message of
Django's or a library's, a traceback).
"""

import datetime
import json
import logging
import re
from typing import Any

# Attributes every LogRecord has; anything else on a record came from `extra=`.
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None)).keys()) | {
    "message",
    "asctime",
    "request",
    "status_code",
    "taskName",
}


# Paths whose last part is a secret: allauth's password-reset and confirmation
# links (/accounts/password/reset/key/<uid>-<key>/, /accounts/confirm-email/<key>/)
# and our invitations (/invitations/<token>/). Whoever reads the log must not be
# able to follow them.
_SECRET_IN_PATH = re.compile(r"(/(?:password/reset/key|confirm-email|invitations)/)[^/\s?#\"'\\]+")


def redact_secrets(text: str) -> str:
    return _SECRET_IN_PATH.sub(r"\1[redacted]", text)


def _jsonable(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


def request_fields(request: Any) -> dict[str, Any]:
    """What is safe and useful to log about a Django request: no query string
    (it can carry tokens), no headers, no personal data beyond the user id."""
    fields: dict[str, Any] = {}
    for name, attribute in (("method", "method"), ("path", "path")):
        value = getattr(request, attribute, None)
        if value is not None:
            fields[name] = value
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        fields["user_id"] = user.pk
    return fields


class JsonFormatter(logging.Formatter):
    """One JSON object per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None:
            # Django's request loggers attach the HttpRequest; a WSGIRequest
            # would not serialise and most of it must not be logged anyway.
            entry["request"] = request_fields(request)
        status_code = getattr(record, "status_code", None)
        if status_code is not None:
            entry["status_code"] = status_code
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = _jsonable(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return redact_secrets(json.dumps(entry, ensure_ascii=False))


# Tasks Wagtail queues on every save (the reference index, the search index).
HOUSEKEEPING_TASKS = ("wagtail.", "modelsearch.")


class QuietHousekeepingTasks(logging.Filter):
    """For the development console (`make run`): drop the worker's running and
    finished lines of Wagtail's own housekeeping tasks, a few on every save and
    hundreds after `seed_demo`. Ours (a certificate PDF, an email) still show,
    and so does any failure (logged at ERROR)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING or len(record.args or ()) < 2:
            return True
        return not str(record.args[1]).startswith(HOUSEKEEPING_TASKS)


try:
    from gunicorn.glogging import Logger as _GunicornLogger
except ImportError:  # gunicorn is a production dependency; tests of the formatter need no server
    _GunicornLogger = None

if _GunicornLogger is not None:

    class GunicornJsonLogger(_GunicornLogger):
        """gunicorn's logger with JSON lines on stdout for both of its logs.

        The access line carries the fields as JSON values instead of
        gunicorn's printf-style format, so a quote in a path or user agent
        cannot break the line."""

        def setup(self, cfg) -> None:
            super().setup(cfg)
            formatter = JsonFormatter()
            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(formatter)

        def access(self, resp, req, environ, request_time) -> None:
            enabled = getattr(self, "access_log_enabled", None)  # gunicorn >= 24
            if enabled is None:
                enabled = bool(self.cfg.accesslog or self.cfg.logconfig or self.cfg.logconfig_dict)
            if not enabled:
                return
            status = resp.status
            if isinstance(status, str):
                status = status.split(None, 1)[0]
            duration = request_time.seconds * 1000 + request_time.microseconds / 1000
            http = {
                "method": environ.get("REQUEST_METHOD"),
                "path": environ.get("PATH_INFO"),
                "status": int(status) if str(status).isdigit() else status,
                "bytes": getattr(resp, "sent", None),
                "duration_ms": round(duration, 1),
                "remote_addr": environ.get("REMOTE_ADDR"),
                "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
                "user_agent": environ.get("HTTP_USER_AGENT"),
            }
            try:
                self.access_log.info("request", extra={"http": http})
            except Exception:  # never let logging break a response
                self.error(f"Failed to log the access line for {http['path']}")

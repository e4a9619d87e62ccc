"""JSON-lines logs (training/logging.py) and the gunicorn configuration."""

import datetime
import io
import json
import logging
import re
import runpy
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from tests.training.factories import LearnerFactory
from training.logging import GunicornJsonLogger, JsonFormatter

ROOT = Path(__file__).resolve().parents[2]


def record(message="Hello %s", args=("world",), level=logging.INFO, exc_info=None, **extra):
    made = logging.getLogger("peerpath.test").makeRecord(
        "peerpath.test", level, __file__, 10, message, args, exc_info, extra=extra or None
    )
    return made


def test_a_record_becomes_one_line_of_json_with_time_level_logger_and_message():
    line = JsonFormatter().format(record())
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "INFO"
    assert entry["logger"] == "peerpath.test"
    assert entry["message"] == "Hello world"
    moment = datetime.datetime.fromisoformat(entry["time"])
    assert moment.utcoffset() == datetime.timedelta(0)
    assert abs((datetime.datetime.now(datetime.UTC) - moment).total_seconds()) < 60


def test_extra_fields_are_kept_and_values_json_cannot_hold_become_text():
    entry = json.loads(
        JsonFormatter().format(record(task_id="abc", attempts=2, when=datetime.date(2026, 1, 2)))
    )
    assert entry["task_id"] == "abc"
    assert entry["attempts"] == 2
    assert entry["when"] == "2026-01-02"
    # Nothing of LogRecord's own bookkeeping leaks in.
    assert not {"args", "msg", "pathname", "lineno", "levelno"} & set(entry)


def test_an_exception_is_one_field_not_extra_lines():
    try:
        raise ValueError("the database went away")
    except ValueError:
        line = JsonFormatter().format(record("Job failed", (), logging.ERROR, sys.exc_info()))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert "ValueError: the database went away" in entry["exception"]
    assert entry["exception"].startswith("Traceback")


@pytest.mark.django_db
def test_request_details_are_logged_without_query_string_or_personal_data():
    person = LearnerFactory(email="private.person@example.org")
    request = RequestFactory().post("/quizzes/12/submit/?token=secret-token")
    request.user = person
    entry = json.loads(
        JsonFormatter().format(
            record("Internal Server Error", (), request=request, status_code=500)
        )
    )
    assert entry["request"] == {
        "method": "POST",
        "path": "/quizzes/12/submit/",
        "user_id": person.pk,
    }
    assert entry["status_code"] == 500
    assert "secret-token" not in json.dumps(entry)
    assert "private.person" not in json.dumps(entry)


@pytest.fixture
def gunicorn_logger(request):
    cfg = SimpleNamespace(
        accesslog="-",
        errorlog="-",
        loglevel="info",
        logconfig=None,
        logconfig_dict={},
        logconfig_json=None,
        syslog=False,
        disable_redirect_access_to_syslog=False,
        capture_output=False,
        access_log_format="",
        user=None,
        group=None,
        umask=0,
        permit_obsolete_folding=False,
    )
    logger = GunicornJsonLogger(cfg)
    # gunicorn's loggers are global: their lines go to logger.output for this
    # test, and no handler is left behind.
    logger.output = io.StringIO()
    for log in (logger.error_log, logger.access_log):
        for handler in log.handlers:
            handler.setStream(logger.output)
            request.addfinalizer(lambda log=log, handler=handler: log.removeHandler(handler))
    return logger


def access(logger, path: str, status: str = "200 OK", **environ) -> None:
    logger.access(
        SimpleNamespace(status=status, sent=1234, headers=[]),
        SimpleNamespace(headers=[]),
        {"REQUEST_METHOD": "GET", "PATH_INFO": path, **environ},
        datetime.timedelta(milliseconds=42),
    )


def test_gunicorn_access_lines_are_json_even_with_quotes_in_the_request(gunicorn_logger):
    access(
        gunicorn_logger,
        '/no"where',
        "404 Not Found",
        QUERY_STRING="token=secret",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        HTTP_USER_AGENT='agent "quoted"',
    )
    lines = [line for line in gunicorn_logger.output.getvalue().splitlines() if line.strip()]
    entry = json.loads(lines[-1])
    assert entry["logger"] == "gunicorn.access"
    assert entry["http"] == {
        "method": "GET",
        "path": '/no"where',
        "status": 404,
        "bytes": 1234,
        "duration_ms": 42.0,
        "remote_addr": "10.0.0.2",
        "forwarded_for": "203.0.113.7",
        "user_agent": 'agent "quoted"',
    }
    assert "secret" not in lines[-1]


# --- No secret from a link in any log line -----------------------------------------


@pytest.fixture
def production_log():
    """Every record any logger emits during the test, as production writes it
    (training/settings/production.py: JsonFormatter on the root's handler)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


@pytest.mark.django_db
def test_no_log_line_carries_a_reset_or_confirmation_key(
    client, site, mailoutbox, production_log, gunicorn_logger
):
    from django.test import Client
    from django.urls import reverse

    from .test_accounts import STRONG, confirmation_link, sign_up

    # Sign up, confirm the address by its link, sign in.
    sign_up(client)
    confirm = confirmation_link(mailoutbox[-1])
    # A form posted without its CSRF cookie: Django logs the refused path.
    Client(enforce_csrf_checks=True).post(confirm)
    client.get(confirm)
    client.post(confirm)
    client.logout()
    client.post(reverse("account_login"), {"login": "riley@example.org", "password": STRONG})
    client.logout()

    # Reset the password by its link; and a link with a key that is not valid.
    client.post(reverse("account_reset_password"), {"email": "riley@example.org"})
    reset = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/\S+/)", mailoutbox[-1].body)
    reset = reset.group(1)
    form = client.get(reset, follow=True).redirect_chain[-1][0]
    client.post(form, {"password1": STRONG + "!", "password2": STRONG + "!"})
    client.get(reset.replace("/key/", "/key/x"))
    Client(enforce_csrf_checks=True).post(reset)

    # gunicorn's access lines for the same requests.
    for path in (confirm, reset):
        access(gunicorn_logger, path, "403 Forbidden")

    secrets = {confirm.rstrip("/").rsplit("/", 1)[-1], reset.rstrip("/").rsplit("/", 1)[-1]}
    lines = production_log.getvalue() + gunicorn_logger.output.getvalue()
    assert "/accounts/confirm-email/[redacted]/" in lines  # the refused form's line
    assert '"path": "/accounts/password/reset/key/[redacted]/"' in lines  # gunicorn
    for secret in secrets:
        assert secret not in lines
        assert secret.split("-", 1)[-1] not in lines


# --- gunicorn.conf.py -----------------------------------------------------------------


def load_gunicorn_config(monkeypatch, **env) -> dict:
    for name in [
        "PORT",
        "BIND",
        "WEB_CONCURRENCY",
        "GUNICORN_THREADS",
        "GUNICORN_TIMEOUT",
        "GUNICORN_CONTROL_SOCKET",
    ]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_defaults_suit_a_two_core_machine_behind_a_proxy(monkeypatch):
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 2)
    config = load_gunicorn_config(monkeypatch)
    assert config["bind"] == "0.0.0.0:8000"
    assert config["worker_class"] == "gthread"
    assert (config["workers"], config["threads"]) == (4, 2)
    assert config["timeout"] == 30 and config["graceful_timeout"] == 30
    assert config["preload_app"] is True
    assert config["accesslog"] == "-"
    assert config["logger_class"] == "training.logging.GunicornJsonLogger"


def test_gunicorn_takes_bind_and_concurrency_from_the_environment(monkeypatch):
    config = load_gunicorn_config(monkeypatch, PORT="5000", WEB_CONCURRENCY="3")
    assert config["bind"] == "0.0.0.0:5000"
    assert config["workers"] == 3
    config = load_gunicorn_config(
        monkeypatch, PORT="5000", BIND="unix:/run/peerpath/gunicorn.sock", GUNICORN_THREADS="8"
    )
    assert config["bind"] == "unix:/run/peerpath/gunicorn.sock"
    assert config["threads"] == 8


def test_gunicorn_has_a_control_socket_only_at_a_path_of_its_own(monkeypatch):
    config = load_gunicorn_config(monkeypatch)
    assert config["control_socket_disable"] is True
    config = load_gunicorn_config(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/peerpath/web.ctl")
    assert config["control_socket_disable"] is False
    assert config["control_socket"] == "/run/peerpath/web.ctl"


def test_gunicorn_accepts_the_configuration_file():
    from gunicorn.config import Config

    config = Config()
    for name, value in runpy.run_path(str(ROOT / "gunicorn.conf.py")).items():
        if name in config.settings:
            config.set(name, value)
    assert config.worker_class_str == "gthread"
    assert config.logger_class is GunicornJsonLogger

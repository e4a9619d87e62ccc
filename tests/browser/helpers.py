"""What the browser tests share: signing in, with a TOTP code for staff."""

import os
import re
import time
from pathlib import Path

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from tests.training.factories import PASSWORD

# The authenticator secret the tests give staff (TOTP.activate(user, SECRET)).
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def current_code(secret: str = SECRET) -> str:
    """The code an authenticator app with `secret` shows now."""
    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def sign_in(page, base_url: str, person, *, totp: bool = False) -> None:
    """Sign in as `person` (a user, or an email address) with the factories'
    password, and the TOTP code when `totp`; ends on the dashboard."""
    page.goto(base_url + "/accounts/login/")
    page.get_by_label("Email").fill(getattr(person, "email", person))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if totp:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        page.get_by_label("Code").fill(current_code())
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard/$"))


def finish_server_requests(timeout: float = 15.0) -> None:
    """Wait until the live server has answered every request it has started.

    A browser context closed mid-request (a preview panel's POST, a session
    touch) leaves the server thread writing. On SQLite's in-memory test
    database (shared cache) a write from the test thread at that moment fails
    at once with "database table is locked" instead of waiting its turn, so
    the test thread waits for the server first."""
    import threading
    import time

    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and "process_request_thread" in thread.name:
            thread.join(max(0.0, deadline - time.monotonic()))


GUIDE_SHOTS = Path(__file__).resolve().parents[2] / "docs" / "guides" / "screenshots"


def copy_to_guide(png: Path, name: str) -> None:
    """With GUIDE_SCREENSHOTS=1 (`make guide-screenshots`), keep `png` as the
    role guides' docs/guides/screenshots/<name>.jpg."""
    if os.environ.get("GUIDE_SCREENSHOTS") != "1":
        return
    from PIL import Image

    GUIDE_SHOTS.mkdir(parents=True, exist_ok=True)
    with Image.open(png) as image:
        image.convert("RGB").save(GUIDE_SHOTS / f"{name}.jpg", quality=70, optimize=True)

"""Account pages and emails speak in Peerpath's voice: sentence case, one word for
each thing ("Sign in", "Sign up", "Sign out", "Two-step sign-in"), titles ending
in "· Peerpath", and emails that greet the person from Peerpath rather than from
the host name the request came in on (issue #19)."""

import html
import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.training.factories import PASSWORD, CoordinatorFactory, LearnerFactory, sign_in
from tests.training.test_accounts import STRONG, confirmation_link
from tests.training.test_mfa_and_admin import SECRET, current_code

pytestmark = pytest.mark.django_db

# allauth's defaults that read differently from the rest of Peerpath.
OFF_VOICE = re.compile(
    r"Sign In|Sign Up|Signup|Sign Out|Two-Factor|two-factor|Log In|logged in|Successfully"
    r"|Reset My|Bad Token|Please reauthenticate"
)
# Words that keep their capital in the middle of a heading, button or label.
PROPER = {"Peerpath", "I"}
HOST = "127.0.0.1:8000"


def visible_parts(body: str) -> dict[str, list[str]]:
    """The page's title, and the text of the headings, buttons, links and labels
    in its main content (not the header's or Wagtail's user bar's)."""
    parts = {"title": re.findall(r"(?s)<title>(.*?)</title>", body)}
    main = re.search(r"(?s)<main\b.*?</main>", body)
    main = main.group(0) if main else ""
    # A badge ("Confirmed", "Primary") is a word of its own inside a label.
    main = re.sub(r"(?s)<strong\b[^>]*>.*?</strong>", " ", main)
    for tag in ("h1", "h2", "button", "a", "label", "legend", "summary"):
        found = re.findall(rf"(?s)<{tag}\b[^>]*>(.*?)</{tag}>", main)
        parts[tag] = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for text in found
        ]
    return parts


def title_case_words(text: str) -> list[str]:
    """Capitalised words after the first that are not names, addresses or codes."""
    words = re.findall(r"[\w@.'’-]+", text.split("·")[0])
    return [
        word
        for word in words[1:]
        if word[0].isupper() and word not in PROPER and "@" not in word and not word.isupper()
    ]


def assert_in_voice(response, name: str) -> None:
    assert response.status_code == 200, (name, response.status_code)
    body = response.content.decode()
    found = OFF_VOICE.findall(body)
    assert not found, f"{name}: {found}"
    parts = visible_parts(body)
    (title,) = parts["title"]
    assert re.fullmatch(r"[A-Z][^·]+ · Peerpath", title), f"{name}: title {title!r}"
    for tag, texts in parts.items():
        for text in texts:
            assert not title_case_words(text), f"{name}: <{tag}> {text!r} is not sentence case"


def sign_up(client, email: str = "riley@example.org") -> None:
    """Sign up as Riley, on the host a developer's machine answers on."""
    data = {"first_name": "Riley", "email": email, "password1": STRONG, "password2": STRONG}
    client.post(reverse("account_signup"), data, HTTP_HOST=HOST)


def path_of(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def link_in(message) -> str:
    match = re.search(r"https?://\S+", message.body)
    assert match, message.body
    return path_of(match.group(0))


def test_pages_before_signing_in_are_in_voice(client, site, mailoutbox):
    for name in (
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
        "account_inactive",
        "account_reset_password_from_key_done",
    ):
        assert_in_voice(client.get(reverse(name)), name)

    learner = LearnerFactory()
    client.post(reverse("account_reset_password"), {"email": learner.email})
    reset = client.get(link_in(mailoutbox[-1]), follow=True)
    assert_in_voice(reset, "password reset from the link")
    assert_in_voice(client.get("/accounts/password/reset/key/1-bad-key/"), "a used reset link")

    sign_up(client)
    assert_in_voice(client.get(confirmation_link(mailoutbox[-1])), "confirm the address")
    assert_in_voice(client.get("/accounts/confirm-email/no-such-key/"), "a stale confirm link")


def test_pages_of_a_signed_in_learner_are_in_voice(client, site):
    learner = LearnerFactory()
    sign_in(client, learner)
    # The "you're signed in" message shows on the next page.
    assert_in_voice(client.get(reverse("account_email")), "account_email")
    for name in ("account_change_password", "account_logout", "mfa_index"):
        assert_in_voice(client.get(reverse(name)), name)
    for name in ("account_reauthenticate", "account_request_reauthentication_code"):
        assert_in_voice(client.get(reverse(name)), name)
    # Confirming it's you is not signing in.
    other_ways = page_text(client.get(reverse("account_reauthenticate")))
    assert "Email me a code" in other_ways and "sign-in code" not in other_ways
    asking = page_text(client.get(reverse("account_request_reauthentication_code")))
    assert "Send the code to" in asking and "Recipient" not in asking
    client.post(reverse("account_request_reauthentication_code"), {"recipient": learner.email})
    assert_in_voice(
        client.get(reverse("account_confirm_reauthentication_code")), "the emailed code"
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert_in_voice(client.get(reverse("mfa_activate_totp")), "mfa_activate_totp")
    response = client.post(reverse("account_logout"), follow=True)
    assert_in_voice(response, "after signing out")


def test_two_step_sign_in_pages_are_in_voice(client, site):
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    RecoveryCodes.activate(coordinator)
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    assert_in_voice(client.get(reverse("mfa_authenticate")), "mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": current_code()})
    assert int(client.session[SESSION_KEY]) == coordinator.pk
    for name in ("mfa_index", "mfa_reauthenticate", "account_reauthenticate"):
        assert_in_voice(client.get(reverse(name)), name)
    # Changing two-step sign-in asks to confirm it's you first.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    for name in ("mfa_deactivate_totp", "mfa_view_recovery_codes", "mfa_generate_recovery_codes"):
        assert_in_voice(client.get(reverse(name)), name)
    response = client.post(reverse("mfa_generate_recovery_codes"), follow=True)
    assert_in_voice(response, "new recovery codes made")


def test_two_step_sign_in_is_named_the_same_everywhere(client, site):
    sign_in(client, LearnerFactory())
    page = client.get(reverse("mfa_index")).content.decode()
    assert "<title>Two-step sign-in · Peerpath</title>" in page
    assert re.search(r"<h1[^>]*>\s*Two-step sign-in\s*</h1>", page)


def greeting_and_sign_off(message) -> str:
    """The email's text without its links, which carry the request's host."""
    return re.sub(r"https?://\S+", "", message.body)


def assert_email_in_voice(message, greeting: str) -> None:
    text = greeting_and_sign_off(message)
    assert text.startswith(greeting), text
    assert "Peerpath" in text
    for host in (HOST, "127.0.0.1", "example.com", "testserver"):
        assert host not in text, text
    assert "Hello from" not in text and "Thank you for using" not in text
    assert message.subject.startswith("[Peerpath] ")
    # The HTML part has the layout of Peerpath's own emails, and the same greeting.
    ((body, kind),) = message.alternatives
    assert kind == "text/html"
    page = re.sub(r"https?://[^\s\"<]+", "", html.unescape(body))
    assert f"<p>{greeting}</p>" in page and "crisis line" in page
    for host in (HOST, "127.0.0.1", "example.com", "testserver"):
        assert host not in page, page
    assert not title_case_words(message.subject.removeprefix("[Peerpath] ")), message.subject


def test_the_sign_up_email_greets_the_person_from_peerpath(client, site, mailoutbox):
    sign_up(client)
    (message,) = mailoutbox
    assert_email_in_voice(message, "Hello Riley,")
    assert message.subject == "[Peerpath] Confirm your email address"


def test_the_password_reset_email_greets_the_person_from_peerpath(client, site, mailoutbox):
    learner = LearnerFactory(first_name="Sam")
    client.post(reverse("account_reset_password"), {"email": learner.email}, HTTP_HOST=HOST)
    (message,) = mailoutbox
    assert_email_in_voice(message, "Hello Sam,")
    assert "/accounts/password/reset/key/" in message.body


def test_emails_to_addresses_without_an_account_greet_from_peerpath(client, site, mailoutbox):
    owner = LearnerFactory()
    client.post(reverse("account_reset_password"), {"email": "nobody@example.org"}, HTTP_HOST=HOST)
    sign_up(client, owner.email)
    unknown, already = mailoutbox
    assert_email_in_voice(unknown, "Hello,")
    assert "/accounts/signup/" in unknown.body
    # allauth does not say whose account it is: no name, rather than a wrong one.
    assert_email_in_voice(already, "Hello,")
    assert "/accounts/password/reset/" in already.body


def test_the_reauthentication_code_email_greets_from_peerpath(client, site, mailoutbox):
    learner = LearnerFactory(first_name="Sam")
    sign_in(client, learner)
    client.post(
        reverse("account_request_reauthentication_code"),
        {"recipient": learner.email},
        HTTP_HOST=HOST,
    )
    (message,) = mailoutbox
    assert_email_in_voice(message, "Hello,")
    assert message.subject == "[Peerpath] Your code to confirm it's you"


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_refusals_say_sign_in_and_what_to_do(client, site):
    learner = LearnerFactory()
    url = reverse("account_login")
    wrong = client.post(url, {"login": learner.email, "password": "not-it"})
    assert "That email address and password don't match." in page_text(wrong)
    for _ in range(5):
        locked = client.post(url, {"login": learner.email, "password": "not-it"})
    assert locked.status_code == 429
    assert "Too many sign-in attempts didn't work." in page_text(locked)
    assert "login" not in re.sub(r"<[^>]+>", "", page_text(locked)).lower()


def test_a_wrong_authenticator_code_says_so_in_voice(client, site):
    coordinator = CoordinatorFactory()
    TOTP.activate(coordinator, SECRET)
    client.post(reverse("account_login"), {"login": coordinator.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert "That code didn't work. Check your authenticator app" in page_text(response)
    assert_in_voice(response, "a wrong code")

"""allauth's flows as ecareer configures them: verification, rate limits, enumeration, TOTP,
sessions, Argon2 (real requests against the real database)."""

import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib.auth.hashers import make_password
from django.test import Client

from ecareer.accounts.models import User
from tests.conftest import PASSWORD
from tests.worker import sent_mail

pytestmark = pytest.mark.django_db

REMINDER = "Please confirm your email address"


def signup(client, email):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def login(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def link_in(message, path: str) -> str:
    return re.search(rf"https?://testserver({re.escape(path)}\S+/)", message.body)[1]


# --- verification ---------------------------------------------------------------------------


def test_signup_mails_a_link_that_verifies_and_the_reminder_goes(client):
    signup(client, "Erin@Example.com")
    assert client.session.get("_auth_user_id")  # optional verification: works at once
    assert REMINDER in client.get("/scenarios/").text
    [message] = sent_mail()
    assert message.to == ["erin@example.com"]
    link = link_in(message, "/accounts/confirm-email/")
    page = client.get(link)
    assert page.status_code == 200  # a mail scanner's GET confirms nothing
    assert not EmailAddress.objects.get(email="erin@example.com").verified
    assert client.post(link).status_code == 302
    assert EmailAddress.objects.get(email="erin@example.com").verified
    assert REMINDER not in client.get("/scenarios/").text


def test_mandatory_verification_signs_in_only_after_the_link(client, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = signup(client, "mia@example.com")
    assert response["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    assert login(client, "mia@example.com")["Location"] == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session
    client.post(link_in(sent_mail()[-1], "/accounts/confirm-email/"))
    assert login(client, "MIA@example.com")["Location"] == "/scenarios/"


def test_demo_account_is_verified():
    from django.core.management import call_command

    call_command("ensure_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert EmailAddress.objects.get(email="demo@ecareer.localhost").verified


# --- rate limits ----------------------------------------------------------------------------


def test_password_reset_mails_are_throttled_per_address_in_any_spelling(client, owner):
    spellings = ["owner@example.com", "OWNER@example.com", " Owner@example.com "]
    for spelling in spellings * 4:
        client.post("/accounts/password/reset/", {"email": spelling})
    assert len(sent_mail()) == 3  # 3 an hour per address
    other = Client()  # another visitor: the limit is the address's, not the browser's
    other.post("/accounts/password/reset/", {"email": "owner@example.com"})
    assert len(sent_mail()) == 3


def test_signups_per_client_address_are_limited(client, settings):
    for number in range(10):
        assert signup(Client(), f"user{number}@example.com").status_code == 302
    response = signup(Client(HTTP_ACCEPT_LANGUAGE="de"), "one-too-many@example.com")
    assert response.status_code == 429
    assert "Zu viele Versuche" in response.text  # ecareer's page, in the visitor's language
    assert not User.objects.filter(email="one-too-many@example.com").exists()


def test_sign_in_failures_from_one_address_are_limited_across_accounts(client, owner):
    for number in range(20):
        login(client, f"guess{number}@example.com", "wrong")
    response = login(client, owner.email)  # the right password, but from the flooding client
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# --- enumeration ----------------------------------------------------------------------------


def comparable(response, email: str) -> tuple:
    """Status, headers and body with the tokens (CSRF, session, nonce), the clock time and the
    address blanked."""
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "CSRF", body)
    body = re.sub(r'"X-CSRFToken": "[^"]+"', "CSRF", body)
    body = re.sub(r"nonce=\"[^\"]+\"", "NONCE", body).replace(email, "EMAIL")
    headers = {
        key: re.sub(r"'nonce-[^']+'", "NONCE", value)
        for key, value in response.headers.items()
        if key not in {"Set-Cookie", "Expires"}  # Expires: the clock time of the answer
    }
    # A new account is signed in at once (optional verification), so its answer also renews
    # the session and CSRF cookies: tokens, like the ones blanked in the body.
    cookies = sorted(set(response.cookies) - {"sessionid", "csrftoken"})
    return response.status_code, headers, cookies, body


def test_signup_answers_a_taken_address_like_a_new_one(owner):
    taken, new = Client(), Client()
    answer_taken = signup(taken, "OWNER@example.com")
    answer_new = signup(new, "newcomer@example.com")
    assert comparable(answer_taken, "OWNER@example.com") == comparable(
        answer_new, "newcomer@example.com"
    )
    assert [m.to for m in sent_mail()] == [["owner@example.com"], ["newcomer@example.com"]]
    assert "already" in sent_mail()[0].body
    assert "confirm" in sent_mail()[1].body.lower()
    # The messages shown next are the same, apart from the address.
    shown_taken = [str(m) for m in taken.get("/").context["messages"]]
    shown_new = [str(m) for m in new.get("/scenarios/").context["messages"]]
    assert [m.replace("owner@example.com", "EMAIL") for m in shown_taken] == [
        m.replace("newcomer@example.com", "EMAIL") for m in shown_new
    ]


def test_password_reset_answers_known_and_unknown_addresses_alike(owner):
    known = Client().post("/accounts/password/reset/", {"email": "owner@example.com"})
    unknown = Client().post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert comparable(known, "owner@example.com") == comparable(unknown, "nobody@example.com")
    done_known = Client().get(known["Location"])
    done_unknown = Client().get(unknown["Location"])
    assert comparable(done_known, "-") == comparable(done_unknown, "-")
    assert [m.to for m in sent_mail()] == [["owner@example.com"]]


# --- two-factor sign-in ---------------------------------------------------------------------


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 by hand: HMAC-SHA1 of the 30-second counter, dynamic truncation, 6 digits."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def activate_totp(client, user) -> str:
    """Set up TOTP as a user does: a confirmed address, the password again, then a code."""
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response.status_code == 302
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = page.context["form"].secret
    assert "data:image/svg+xml" in page.text  # the QR code, inline (img-src data: is allowed)
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp(secret)})
    assert response.status_code == 302
    return secret


def test_totp_set_up_then_sign_in_needs_a_code(client, owner, settings):
    settings.MFA_TOTP_TOLERANCE = (
        1  # the set-up's code may not be used twice: sign in with the next
    )
    assert login(client, owner.email).status_code == 302
    secret = activate_totp(client, owner)
    assert Authenticator.objects.filter(user=owner, type=Authenticator.Type.TOTP).exists()
    assert Authenticator.objects.filter(user=owner, type=Authenticator.Type.RECOVERY_CODES).exists()
    client.post("/accounts/logout/")

    response = login(client, "OWNER@example.com")
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": totp(secret, time.time() + 30)})
    assert response["Location"] == "/scenarios/"
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_recovery_code_signs_in_once(client, owner):
    login(client, owner.email)
    activate_totp(client, owner)
    codes = client.get("/accounts/2fa/recovery-codes/").context["unused_codes"]
    assert len(codes) == 10
    client.post("/accounts/logout/")
    login(client, owner.email)
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    client.post("/accounts/logout/")
    login(client, owner.email)
    assert client.post("/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 200


# --- sessions -------------------------------------------------------------------------------


def browser(user_agent: str) -> Client:
    return Client(HTTP_USER_AGENT=user_agent)


def test_sessions_list_and_sign_out_the_others(owner):
    laptop, phone = browser("Laptop Firefox"), browser("Phone Safari")
    login(laptop, owner.email)
    login(phone, owner.email)
    page = laptop.get("/accounts/sessions/")
    assert "Laptop Firefox" in page.text and "Phone Safari" in page.text
    assert UserSession.objects.filter(user=owner).count() == 2
    assert laptop.post("/accounts/sessions/").status_code == 302
    assert phone.get("/accounts/profile/").status_code == 302  # signed out
    assert laptop.get("/accounts/profile/").status_code == 200
    assert UserSession.objects.filter(user=owner).count() == 1


def test_last_seen_is_kept_up_to_date_without_a_write_per_request(owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ecareer.accounts.signals import SEEN_AT

    laptop = browser("Laptop")
    login(laptop, owner.email)
    row = UserSession.objects.get(user=owner)
    with CaptureQueriesContext(connection) as queries:
        laptop.get("/scenarios/")
    assert not any("usersessions" in q["sql"] for q in queries.captured_queries)
    session = laptop.session
    session[SEEN_AT] = time.time() - 301  # five minutes later
    session.save()
    laptop.get("/accounts/profile/")
    assert UserSession.objects.get(pk=row.pk).last_seen_at > row.last_seen_at


def test_password_change_signs_out_the_other_sessions(owner):
    laptop, phone = browser("Laptop"), browser("Phone")
    login(laptop, owner.email)
    login(phone, owner.email)
    response = laptop.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "new pass phrase 77",
            "password2": "new pass phrase 77",
        },
    )
    assert response.status_code == 302
    assert laptop.get("/accounts/profile/").status_code == 200
    assert phone.get("/accounts/profile/").status_code == 302
    assert [m.to for m in sent_mail()] == [["owner@example.com"]]  # the owner is told


# --- password hashing -----------------------------------------------------------------------


ARGON2_FIRST = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def test_new_passwords_are_argon2_and_pbkdf2_is_upgraded_at_sign_in(client, settings):
    settings.PASSWORD_HASHERS = ARGON2_FIRST
    assert make_password("x").startswith("argon2$")
    user = User.objects.create_user("old@example.com")
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_sha256$")
    assert login(client, "old@example.com").status_code == 302
    assert User.objects.get(pk=user.pk).password.startswith("argon2$")


def test_production_settings_put_argon2_first():
    from ecareer import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


# --- email change, existing users, German -----------------------------------------------------


def test_email_change_is_verified_before_it_counts(client, owner):
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    login(client, owner.email)
    response = client.post("/accounts/email/", {"action_add": "", "email": " New@Example.com "})
    assert response.status_code == 302
    assert [m.to for m in sent_mail()] == [["new@example.com"]]
    owner.refresh_from_db()
    assert owner.email == "owner@example.com"  # not before the link is followed
    client.post(link_in(sent_mail()[0], "/accounts/confirm-email/"))
    owner.refresh_from_db()
    assert owner.email == "new@example.com"
    assert login(Client(), "NEW@example.com")["Location"] == "/scenarios/"


def test_admin_forms_store_the_email_normalised(admin_client):
    response = admin_client.post(
        "/admin/accounts/user/add/",
        {
            "email": " Staff.Added@Example.COM ",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
            "profile-TOTAL_FORMS": "0",  # the profile inline: the signal makes the profile
            "profile-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert User.objects.filter(email="staff.added@example.com").exists()
    assert login(Client(), "STAFF.ADDED@example.com").status_code == 302


def test_migration_gives_existing_users_an_unverified_address(owner, other):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ecareer.accounts.migrations.0003_allauth_email_addresses")
    EmailAddress.objects.create(user=other, email=other.email, primary=True, verified=True)
    migration.add_addresses(apps, None)
    migration.add_addresses(apps, None)  # twice: nothing doubled
    assert list(EmailAddress.objects.order_by("email").values_list("email", "verified")) == [
        ("other@example.com", True),
        ("owner@example.com", False),
    ]


def test_account_pages_speak_german(client, owner):
    owner.profile.language = "de"
    owner.profile.save()
    login(client, owner.email)
    assert "Zwei-Faktor-Anmeldung" in client.get("/accounts/profile/").text
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in client.get("/scenarios/").text
    assert "Angemeldete Sitzungen" in client.get("/accounts/sessions/").text
    assert "Passwort ändern" in client.get("/accounts/password/change/").text  # allauth's German
    visitor = Client(HTTP_ACCEPT_LANGUAGE="de")
    assert "Konto anlegen" in visitor.get("/accounts/signup/").text
    assert "Datenschutz" in visitor.get("/privacy/").text

"""Sign-up, sign-in, sign-out, profile, lock-out, password reset, healthz and security headers
(accounts by django-allauth)."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.db import DatabaseError
from django.urls import reverse

from ecareer.accounts.models import Profile, User
from tests.conftest import PASSWORD
from tests.worker import sent_mail

pytestmark = pytest.mark.django_db


def signup(client, email="new@example.com", p1=PASSWORD, p2=PASSWORD):
    return client.post("/accounts/signup/", {"email": email, "password1": p1, "password2": p2})


def test_signup_creates_account_and_profile_and_signs_in(client):
    response = signup(client, email="New@Example.com ")
    assert response.status_code == 302
    assert response["Location"] == "/scenarios/"
    user = User.objects.get()
    assert user.email == "new@example.com"
    assert EmailAddress.objects.get(user=user).email == "new@example.com"
    assert Profile.objects.get(user=user).currency == "EUR"
    assert client.get("/scenarios/").status_code == 200


def test_signup_duplicate_email_any_case_creates_nothing_and_mails_the_owner(client, owner):
    response = signup(client, email=" OWNER@example.com")
    assert response.status_code == 302  # the answer a new address gets (see test_enumeration)
    assert User.objects.count() == 1
    assert "_auth_user_id" not in client.session
    assert [m.to for m in sent_mail()] == [["owner@example.com"]]
    assert "already" in sent_mail()[0].body  # "you already have an account"


@pytest.mark.parametrize(
    ("p1", "p2", "message"),
    [
        ("abc", "abc", "This password is too short"),
        ("password", "password", "This password is too common"),
        ("12345678901", "12345678901", "This password is entirely numeric"),
        (PASSWORD, PASSWORD + "x", "You must type the same password each time"),
    ],
)
def test_signup_rejects_weak_or_mismatched_passwords(client, p1, p2, message):
    response = signup(client, p1=p1, p2=p2)
    assert response.status_code == 200
    assert message in response.text
    assert not User.objects.exists()


def test_signup_rejects_bad_email(client):
    response = signup(client, email="not-an-email")
    assert response.status_code == 200
    assert "Enter a valid email address" in response.text
    assert not User.objects.exists()


def login(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.mark.parametrize(
    "spelling", ["Owner@Example.COM", " owner@example.com ", "OWNER@EXAMPLE.COM"]
)
def test_signin_by_email_in_any_case_and_with_spaces(client, owner, spelling):
    response = login(client, spelling)
    assert response.status_code == 302
    assert response["Location"] == "/scenarios/"
    assert client.get("/accounts/profile/").status_code == 200


def test_signin_wrong_password_shows_message(client, owner):
    response = login(client, owner.email, "wrong")
    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct" in response.text
    assert "_auth_user_id" not in client.session


def test_signout_requires_post(owner_client):
    response = owner_client.get("/accounts/logout/")  # a page asking to confirm, nothing more
    assert response.status_code == 200
    assert owner_client.get("/accounts/profile/").status_code == 200  # still signed in
    response = owner_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert owner_client.get("/accounts/profile/").status_code == 302  # back to sign-in


FAILURES = 5  # LOGIN_FAILURE_LIMIT's default


def test_lockout_after_repeated_failures_counts_every_spelling_of_the_email(client, owner):
    spellings = [
        "owner@example.com",
        "OWNER@example.com",
        " owner@example.com ",
        "Owner@Example.Com",
    ]
    for attempt in range(FAILURES):
        response = login(client, spellings[attempt % len(spellings)], "wrong")
        assert response.status_code == 200
    # Even the right password, in any spelling, is refused while locked out, with a message.
    for spelling in spellings:
        response = login(client, spelling)
        assert response.status_code == 429
        assert "Too many failed sign-in attempts" in response.text
        assert "_auth_user_id" not in client.session


def test_lockout_does_not_affect_other_accounts(client, owner, other):
    for _ in range(FAILURES):
        login(client, owner.email, "wrong")
    response = login(client, other.email)
    assert response.status_code == 302


def test_profile_requires_signin(client):
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_update(owner_client, owner):
    response = owner_client.post(
        "/accounts/profile/", {"display_name": "Anna", "currency": "chf", "language": "de"}
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=owner)
    assert (profile.display_name, profile.currency, profile.language) == ("Anna", "CHF", "de")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"currency": "XYZ", "language": "en"}, "currency", "not an ISO 4217 currency code"),
        ({"currency": "", "language": "en"}, "currency", "This field is required"),
        ({"currency": "EUR", "language": "fr"}, "language", "Select a valid choice"),
        (
            {"currency": "EUR", "language": "en", "display_name": "x" * 121},
            "display_name",
            "at most 120",
        ),
    ],
)
def test_profile_bad_values_show_message_at_field_and_save_nothing(
    owner_client, owner, data, field, message
):
    response = owner_client.post("/accounts/profile/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field]
    assert message in str(errors[field])
    assert re.search(rf'id="id_{field}_error"', response.text)
    profile = Profile.objects.get(user=owner)
    assert (profile.currency, profile.language, profile.display_name) == ("EUR", "en", "")


def test_password_change(owner_client, owner):
    assert (
        owner_client.get("/accounts/password_change/")["Location"] == "/accounts/password/change/"
    )
    response = owner_client.post(
        "/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "another long passphrase 7",
            "password2": "another long passphrase 7",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("another long passphrase 7")
    assert owner_client.get("/accounts/profile/").status_code == 200  # this session stays


def test_old_password_reset_path_redirects(client):
    response = client.get("/accounts/password_reset/")
    assert response.status_code == 301
    assert response["Location"] == "/accounts/password/reset/"


def test_password_reset_sends_email_with_working_link(client, owner):
    response = client.post("/accounts/password/reset/", {"email": " Owner@Example.com"})
    assert response.status_code == 302
    assert len(sent_mail()) == 1
    link = re.search(
        r"https?://testserver(/accounts/password/reset/key/\S+/)", sent_mail()[0].body
    )[1]
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"password1": "brand new passphrase 9", "password2": "brand new passphrase 9"},
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("brand new passphrase 9")


def test_password_reset_for_unknown_email_sends_nothing_and_looks_the_same(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")
    assert sent_mail() == []


def test_home_for_visitor_and_redirect_for_user(client, owner_client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'href="/accounts/signup/"' in response.text
    assert 'href="/accounts/login/"' in response.text
    assert owner_client.get("/")["Location"] == "/scenarios/"


def test_navigation_shows_who_is_signed_in(owner_client, owner):
    response = owner_client.get("/scenarios/")
    assert owner.email in response.text
    assert 'action="/accounts/logout/"' in response.text


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"


def test_healthz_503_when_database_fails(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp)[1]
    assert "'self'" in script_src
    assert "'nonce-" in script_src
    assert "unsafe-eval" not in csp
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer"}
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/accounts/signup/", "/privacy/"])
def test_every_inline_script_carries_the_nonce(client, path):
    response = client.get(path)
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    for tag in re.findall(r"<script[^>]*>", response.text):
        if 'type="application/json"' in tag:  # json_script data, never run
            continue
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag


def test_base_page_serves_htmx_and_csrf_header(owner_client):
    response = owner_client.get("/scenarios/")
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min\.js"', response.text)
    assert 'hx-headers=\'{"X-CSRFToken": "' in response.text


@pytest.mark.parametrize("path", ["/", "/accounts/signup/", "/accounts/login/", "/healthz"])
def test_head_requests_are_answered(client, path):
    assert client.head(path).status_code == 200

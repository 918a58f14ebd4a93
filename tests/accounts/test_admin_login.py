"""The admin signs in through allauth: its own login form is off, so a staff account's second
factor and the sign-in lock-out apply to /admin/ as to every other page (issue 27, point 1)."""

import time

import pytest
from django.test import Client

from ecareer.accounts.models import User
from tests.accounts.test_allauth_flows import activate_totp, login, totp
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FAILURES = 5  # LOGIN_FAILURE_LIMIT's default


@pytest.fixture
def staff(db) -> User:
    """A staff account (may use the admin) with an authenticator app set up."""
    user = User.objects.create_user("staff@example.com", PASSWORD, is_staff=True, is_superuser=True)
    client = Client()
    assert login(client, user.email).status_code == 302
    user.totp_secret = activate_totp(client, user)
    return user


def test_the_admin_login_form_signs_no_one_in(client, staff):
    # The admin's own form (email and password only) is gone: a post to it is sent to allauth's
    # sign-in and opens nothing.
    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_the_admin_asks_for_the_authenticator_code(client, staff, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # the set-up's code may not be used twice: use the next
    answer = client.get("/admin/")
    assert answer.status_code == 302
    to_admin_login = answer["Location"]
    assert to_admin_login.startswith("/admin/login/")
    to_sign_in = client.get(to_admin_login)
    assert to_sign_in.status_code == 302
    assert to_sign_in["Location"] == "/accounts/login/?next=%2Fadmin%2F"

    signed = client.post(to_sign_in["Location"], {"login": staff.email, "password": PASSWORD})
    assert signed["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # the password alone opens nothing
    assert client.post("/accounts/2fa/authenticate/", {"code": "000000"}).status_code == 200
    assert "_auth_user_id" not in client.session

    done = client.post(
        "/accounts/2fa/authenticate/", {"code": totp(staff.totp_secret, time.time() + 30)}
    )
    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


def test_wrong_admin_passwords_lock_the_staff_account_out(client, staff):
    for _ in range(FAILURES):
        answer = client.post(
            "/accounts/login/?next=/admin/", {"login": staff.email, "password": "wrong"}
        )
        assert answer.status_code == 200
    refused = client.post(
        "/accounts/login/?next=/admin/", {"login": staff.email, "password": PASSWORD}
    )
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.text
    # Nor does the admin's former form count apart: it signs no one in, locked out or not.
    client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_signed_in_user_who_is_not_staff_gets_no_admin(owner_client):
    assert owner_client.get("/admin/login/").status_code == 403
    assert owner_client.get("/admin/").status_code == 302  # to the admin login, which says 403

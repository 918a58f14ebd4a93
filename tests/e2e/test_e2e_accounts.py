"""Browser: sign up, sign out, sign in again; two-factor set-up and sign-in; account deletion
(real Chromium, allauth's pages in ecareer's)."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from playwright.sync_api import expect

from ecareer.accounts.models import User
from ecareer.planning import convert
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter
from tests.accounts.test_allauth_flows import totp
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.set_default_timeout(10_000)
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password:", exact=True).fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_signup_signout_signin(page):
    page.goto("/")
    page.get_by_role("link", name="Sign up", exact=True).first.click()
    expect(page.get_by_role("link", name="what is stored")).to_have_attribute("href", "/privacy/")
    page.get_by_label("Email").fill("browser@example.com")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("browser@example.com")
    expect(page.locator(".reminder")).to_contain_text("Please confirm your email address")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()

    sign_in(page, " BROWSER@example.com ")
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text("browser@example.com")


def test_two_factor_set_up_and_sign_in(page, owner, settings):
    settings.MFA_TOTP_TOLERANCE = 1  # a code counts once: the sign-in uses the next one
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    sign_in(page, owner.email)
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Two-factor sign-in").click()
    page.get_by_role("link", name="Activate").first.click()
    # allauth asks for the password again before changing how one signs in.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("img")).to_be_visible()  # the QR code
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    sign_in(page, owner.email)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    page.get_by_label("Code").fill(totp(secret, time.time() + 30))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))


def test_delete_account(page, owner, live_server):
    scenario = convert.create_scenario(owner, load_starter("call_center"))
    link = ShareLink.objects.create(scenario=scenario, label="Bank")
    sign_in(page, owner.email)
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    page.goto("/accounts/profile/")
    page.get_by_role("link", name="Delete my account").click()
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page.get_by_role("alert")).to_contain_text("Please correct the marked fields")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#messages")).to_contain_text("Your account and all its data")
    assert not User.objects.filter(pk=owner.pk).exists()
    response = page.goto(link.get_absolute_url())
    assert response.status == 404
    # The 404 of the gone link is the answer we want; Chromium logs it as a failed load,
    # and the 422 of the form sent empty likewise.
    page.console_problems[:] = [
        p for p in page.console_problems if "status of 404" not in p and "status of 422" not in p
    ]


def test_passkey_added_then_signs_in_without_password(page, owner, settings):
    """Passkeys work offline: Chromium's virtual authenticator stands in for a security key."""
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the test server speaks http
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    sign_in(page, owner.email)
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    page.goto("/accounts/2fa/webauthn/add/")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    page.get_by_label("Name").fill("Laptop")
    page.get_by_label("Passwordless").check()
    page.get_by_role("button", name="Add").click()
    expect(page).not_to_have_url(re.compile(r"/webauthn/add/"))
    assert owner.authenticator_set.filter(type="webauthn").count() == 1

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/$"))
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Use a passkey").click()
    expect(page).to_have_url(re.compile(r"/scenarios/$"))
    expect(page.get_by_role("navigation", name="Main")).to_contain_text(owner.email)

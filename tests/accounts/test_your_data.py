"""The user's own data: the ZIP download imports back scenario by scenario with the same
projections; deleting the account leaves no row of the user and every former link 404s."""

import io
import json
import time
import zipfile
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ecareer.accounts.models import Profile, User
from ecareer.planning import convert, services
from ecareer.planning.models import CostItem, IncomeStream, Scenario
from ecareer.projection.engine import project
from ecareer.sharing.models import ShareLink
from ecareer.starters import STARTERS, load_starter
from tests.accounts.test_allauth_flows import activate_totp, comparable, login, totp
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
UNKNOWN = "this-token-never-existed-0123456789ab"


@pytest.fixture
def plans(owner, other):
    owner.profile.display_name = "Anna"
    owner.profile.currency = "CHF"
    owner.profile.save()
    mine = [convert.create_scenario(owner, load_starter(s.slug)) for s in STARTERS]
    theirs = convert.create_scenario(other, load_starter(STARTERS[0].slug))
    links = [
        ShareLink.objects.create(scenario=mine[0], label="Bank", expires_on=date(2030, 1, 31)),
        ShareLink.objects.create(scenario=mine[1], label="Coach", view_count=4),
    ]
    ShareLink.objects.create(scenario=theirs, label="Not mine")
    return {"mine": mine, "theirs": theirs, "links": links}


def download(client) -> zipfile.ZipFile:
    response = client.get("/accounts/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="ecareer-data-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows_of(scenario: Scenario) -> list[dict]:
    loaded = services.scenarios_with_items(scenario.user).get(pk=scenario.pk)
    return project(services.plan_of(loaded, "CHF")).rows()  # the engine itself, no cache


def test_export_needs_sign_in(client):
    assert client.get("/accounts/export/").status_code == 302


def test_export_holds_profile_scenarios_and_links_without_tokens(owner_client, owner, plans):
    archive = download(owner_client)
    profile = json.loads(archive.read("profile.json"))
    assert (profile["email"], profile["display_name"], profile["currency"]) == (
        "owner@example.com",
        "Anna",
        "CHF",
    )
    files = sorted(name for name in archive.namelist() if name.startswith("scenarios/"))
    assert len(files) == len(STARTERS)  # the other user's scenario is not in it
    links = json.loads(archive.read("share_links.json"))
    assert sorted((link["label"], link["views"]) for link in links) == [("Bank", 0), ("Coach", 4)]
    assert {link["expires_on"] for link in links} == {"2030-01-31", None}
    assert all(link["scenario_file"] in files for link in links)
    raw = b"".join(archive.read(name) for name in archive.namelist())
    for link in ShareLink.objects.all():
        assert link.token.encode() not in raw
        assert link.token_sha256.encode() not in raw


def test_every_exported_scenario_imports_back_with_the_same_projection(owner_client, plans):
    archive = download(owner_client)
    importer = User.objects.create_user("importer@example.com", PASSWORD)
    importer.profile.currency = "CHF"
    importer.profile.save()
    client = Client()
    client.force_login(importer, backend="django.contrib.auth.backends.ModelBackend")
    originals = {s.name: s for s in plans["mine"]}
    for name in sorted(n for n in archive.namelist() if n.startswith("scenarios/")):
        upload = SimpleUploadedFile(name.split("/")[-1], archive.read(name), "application/json")
        response = client.post("/scenarios/import/", {"file": upload})
        assert response.status_code == 302, name
        imported = Scenario.objects.filter(user=importer).latest("pk")
        assert rows_of(imported) == rows_of(originals[imported.name]), name
    assert Scenario.objects.filter(user=importer).count() == len(STARTERS)


def test_delete_needs_post_and_the_password(owner_client, owner, plans):
    page = owner_client.get("/accounts/delete/")
    assert page.status_code == 200
    assert 'name="code"' not in page.text  # no second factor set up
    response = owner_client.post("/accounts/delete/", {"password": "wrong"})
    assert response.status_code == 422
    assert "That is not your password" in response.text
    assert User.objects.filter(pk=owner.pk).exists()


def test_delete_asks_for_the_second_factor_when_set(client, owner, plans, settings):
    settings.MFA_TOTP_TOLERANCE = 1
    login(client, owner.email)
    secret = activate_totp(client, owner)
    assert 'name="code"' in client.get("/accounts/delete/").text
    response = client.post("/accounts/delete/", {"password": PASSWORD, "code": "000000"})
    assert response.status_code == 422
    assert User.objects.filter(pk=owner.pk).exists()
    response = client.post(
        "/accounts/delete/",
        {"password": PASSWORD, "code": totp(secret, time.time() + 30)},
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()


def test_delete_removes_every_row_of_the_user_and_every_link_404s(owner, other, plans):
    laptop, phone = Client(), Client()
    login(laptop, owner.email)
    login(phone, owner.email)
    EmailAddress.objects.get_or_create(user=owner, email=owner.email)
    tokens = [link.token for link in plans["links"]]
    unknown = Client().get(f"/r/{UNKNOWN}/")
    assert unknown.status_code == 404
    for token in tokens:
        assert Client().get(f"/r/{token}/").status_code == 200

    response = laptop.post("/accounts/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"

    assert not User.objects.filter(pk=owner.pk).exists()
    for model, field in [
        (Profile, "user"),
        (Scenario, "user"),
        (EmailAddress, "user"),
        (Authenticator, "user"),
        (UserSession, "user"),
    ]:
        assert not model.objects.filter(**{f"{field}_id": owner.pk}).exists(), model
    assert not CostItem.objects.exclude(scenario__user=other).exists()
    assert not IncomeStream.objects.exclude(scenario__user=other).exists()
    assert list(ShareLink.objects.values_list("label", flat=True)) == ["Not mine"]
    for session in Session.objects.all():  # no session anywhere still names the user
        assert session.get_decoded().get("_auth_user_id") != str(owner.pk)
    for token in tokens:
        gone = Client().get(f"/r/{token}/")
        assert gone.status_code == 404
        assert comparable(gone, token) == comparable(unknown, UNKNOWN)
    assert phone.get("/accounts/profile/").status_code == 302  # signed out everywhere
    # The other user keeps everything.
    assert Scenario.objects.filter(user=other).count() == 1
    assert apps.get_model("accounts", "User").objects.filter(pk=other.pk).exists()

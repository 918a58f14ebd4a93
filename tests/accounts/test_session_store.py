"""The session store reads Django's database sessions with plain SQL: the same rows, same rules."""

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from ecareer.accounts.sessions import SessionStore


def test_it_reads_what_djangos_store_wrote_and_the_other_way_round(db):
    theirs = DjangoStore()
    theirs["answer"] = 42
    theirs.create()
    assert SessionStore(theirs.session_key)["answer"] == 42
    ours = SessionStore()
    ours["question"] = "six times seven"
    ours.save()
    assert DjangoStore(ours.session_key)["question"] == "six times seven"


def test_an_expired_or_unknown_session_reads_as_empty_and_drops_its_key(db):
    store = SessionStore()
    store["answer"] = 42
    store.create()
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_signed_in_until_the_row_is_gone(owner_client, owner):
    assert settings.SESSION_ENGINE == "ecareer.accounts.sessions"
    assert owner_client.get("/scenarios/").status_code == 200
    Session.objects.all().delete()  # as "sign out all other sessions" and account deletion do
    response = owner_client.get("/scenarios/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Client().get("/scenarios/").status_code == 302

"""The user (by pk) and the profile are read by raw queries: the same rows as the ORM's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecareer.accounts.models import Profile, User


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_get_by_pk_is_the_orms_row(owner):
    owner.first_name = "Ada"
    owner.save()
    fast = User.objects.get(pk=str(owner.pk))  # the session keeps the id as text
    assert type(fast) is User and fast.pk == owner.pk
    assert fields(fast) == fields(User.objects.filter(pk=owner.pk).get())
    assert fast.check_password("correct horse battery staple 42")
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=owner.pk + 1000)
    assert User.objects.get(email="owner@example.com").pk == owner.pk  # other lookups as before


def test_a_signed_in_request_reads_the_profile_once_as_user_profile(owner_client, owner):
    Profile.objects.filter(user=owner).update(currency="CHF", dismissed_hints=["costs"])
    with CaptureQueriesContext(connection) as queries:
        response = owner_client.get("/scenarios/")
    assert response.status_code == 200
    profile = response.wsgi_request.user.profile
    assert profile.currency == "CHF" and profile.dismissed_hints == ["costs"]
    assert fields(profile) == fields(Profile.objects.get(user=owner))
    reads = [q["sql"] for q in queries.captured_queries if '"accounts_profile"' in q["sql"]]
    assert len(reads) == 1, reads

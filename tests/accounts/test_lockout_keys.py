"""The sign-in lock-out counts per normalised email, whatever Host header or spelling a guesser
sends (issue 27, point 2): allauth keyed it on the site's domain, which without the sites app is
the request's Host with its port, so each `Host: 127.0.0.1:1001`, `:1002`... counted afresh."""

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

FAILURES = 5  # LOGIN_FAILURE_LIMIT's default
HOSTS = ["127.0.0.1:1001", "127.0.0.1:1002", "localhost", "localhost:8000", "[::1]:1003"]


def login(client, email: str, password: str, host: str = "testserver"):
    return client.post(
        "/accounts/login/", {"login": email, "password": password}, headers={"host": host}
    )


def test_a_new_host_header_gets_no_fresh_count(client, owner, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", "[::1]"]
    for attempt in range(FAILURES):
        assert login(client, owner.email, "wrong", HOSTS[attempt % 2]).status_code == 200
    for host in HOSTS:
        refused = login(client, owner.email, PASSWORD, host)
        assert refused.status_code == 429, host
        assert "Too many failed sign-in attempts" in refused.text
        assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "spelling",
    [
        " OWNER@EXAMPLE.COM\t",
        "Owner@Example.Com",
        "owner@ｅｘａｍｐｌｅ.com",  # fullwidth letters: the same address after NFKC
    ],
)
def test_every_spelling_counts_against_the_one_address(client, owner, spelling):
    for _ in range(FAILURES - 1):
        assert login(client, owner.email, "wrong").status_code == 200
    assert login(client, spelling, "wrong").status_code == 200  # the fifth, in another spelling
    refused = login(client, owner.email, PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_out_of_one_address_leaves_the_others_alone(client, owner, other):
    for attempt in range(FAILURES):
        login(client, owner.email, "wrong", HOSTS[attempt % 2])
    assert login(client, other.email, PASSWORD, HOSTS[2]).status_code == 302

"""Load: 20 signed-in users edit and read their scenarios on a live gunicorn at once.

For LOAD_SECONDS each user adds cost items, renames the scenario, and reads the scenario page
and the dashboard, as fast as answers come. Passes with no error answer and no failed request,
every acknowledged edit in the database afterwards, and each page read after an edit showing it.
Runs on whichever database the suite runs on (SQLite file or PostgreSQL); prints requests/s.
"""

import os
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

import pytest

from ecareer.accounts.models import User
from ecareer.planning.models import CostItem, Scenario
from tests.conftest import PASSWORD
from tests.planning.factories import COST, SETTINGS, make_cost, make_income, make_scenario
from tests.servers.live import Client, database_url, gunicorn, own_cache_prefix

pytestmark = [pytest.mark.load, pytest.mark.django_db(transaction=True)]
USERS = 20
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "12"))
HX = {"HX-Request": "true"}


@dataclass
class Tally:
    """What one simulated user did and saw."""

    requests: int = 0
    errors: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    last_name: str | None = None


def work(base: str, email: str, pk: int, index: int, stop: float, tally: Tally) -> None:
    """One user's session: sign in, then edit and read until `stop`."""
    client = Client(base)

    def expect(answer, status: int, what: str) -> bool:
        tally.requests += 1
        if answer.status != status:
            tally.errors.append(f"{what}: {answer.status} {answer.text[:200]!r}")
            return False
        return True

    try:
        client.get("/accounts/login/")
        tally.requests += 1
        if not expect(
            client.post("/accounts/login/", {"login": email, "password": PASSWORD}),
            302,
            "sign-in",
        ):
            return
        page = f"/scenarios/{pk}/"
        step, version = 0, 1
        while time.monotonic() < stop:
            step += 1
            name = f"u{index}-item-{step}"
            if expect(client.post(f"{page}costs/new/", {**COST, "name": name}, **HX), 200, "add"):
                tally.added.append(name)
            title = f"User {index} plan v{step}"
            # Each user alone edits its scenario: every saved rename is one version further.
            renamed = {**SETTINGS, "name": title, "version": str(version)}
            if expect(client.post(f"{page}settings/", renamed, **HX), 200, "rename"):
                tally.last_name = title
                version += 1
            shown = client.get(page)
            if expect(shown, 200, "page"):
                if tally.last_name and f">{tally.last_name}</h1>" not in shown.text:
                    tally.errors.append(f"page after rename does not show {tally.last_name!r}")
                if tally.added and f">{tally.added[-1]}<" not in shown.text:
                    tally.errors.append(f"page after add does not show {tally.added[-1]!r}")
            expect(client.get(f"{page}dashboard/"), 200, "dashboard")
    except Exception as error:  # a refused or broken connection is an error of the run
        tally.errors.append(f"{type(error).__name__}: {error}")


def test_twenty_users_edit_and_read_at_once(transactional_db, cache_table, capsys):
    users = []
    for index in range(USERS):
        user = User.objects.create_user(f"load{index}@example.com", PASSWORD)
        scenario = make_scenario(user, name=f"User {index} plan")
        make_cost(scenario)
        make_income(scenario)
        users.append((user.email, scenario.pk))
    engine = "PostgreSQL" if "postgres" in database_url() else "SQLite"

    # The cache of the run's settings (Redis with REDIS_URL, else the database cache).
    redis = os.environ.get("REDIS_URL") or None
    with (
        own_cache_prefix(redis) as prefix,
        gunicorn(
            {"DATABASE_URL": database_url(), "TEST_CACHE_PREFIX": prefix}, workers=2, threads=4
        ) as base,
    ):
        tallies = [Tally() for _ in users]
        start = time.monotonic()
        stop = start + LOAD_SECONDS
        threads = [
            threading.Thread(target=work, args=(base, email, pk, i, stop, tallies[i]))
            for i, (email, pk) in enumerate(users)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start

    errors = [f"user {i}: {e}" for i, t in enumerate(tallies) for e in t.errors]
    total = sum(t.requests for t in tallies)
    with capsys.disabled():
        print(
            f"\nload ({engine}, gunicorn -w 2 --threads 4): {USERS} users, {total} requests "
            f"in {elapsed:.1f} s = {total / elapsed:.1f} req/s, "
            f"{sum(len(t.added) for t in tallies)} items added, {len(errors)} errors"
        )
    assert errors == []
    assert all(t.added and t.last_name for t in tallies), "a user got no edit through"
    assert total >= USERS * 4
    # Every acknowledged edit is in the database, nothing lost, nothing doubled.
    for (_email, pk), tally in zip(users, tallies, strict=True):
        names = Counter(CostItem.objects.filter(scenario_id=pk).values_list("name", flat=True))
        assert all(names[name] == 1 for name in tally.added)
        assert sum(1 for n in names if re.fullmatch(r"u\d+-item-\d+", n)) == len(tally.added)
        assert Scenario.objects.get(pk=pk).name == tally.last_name

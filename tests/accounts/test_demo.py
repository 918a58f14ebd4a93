"""The demo account of `make run`: a random password printed once, the starters, a share link."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from ecareer.accounts.management.commands.ensure_demo import DEMO_EMAIL
from ecareer.accounts.models import User
from ecareer.planning.demo import GERMAN_SHOP
from ecareer.starters import STARTERS

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("ensure_demo", *args, stdout=out)
    return out.getvalue()


def test_demo_account_is_created_once_with_a_random_password():
    first = run()
    password = re.search(r"password: (\S+)", first)[1]
    user = User.objects.get(email=DEMO_EMAIL)
    assert user.check_password(password)
    assert len(password) >= 16
    assert user.scenarios.count() == len(STARTERS) + 2  # the German shop, the parent at home
    assert user.scenarios.filter(share_links__isnull=False).count() == 1
    # The shop once more with Germany's taxes: a trade, VAT, goods a share of sales.
    german = user.scenarios.get(name=GERMAN_SHOP)
    assert german.tax_regime == "de" and german.trade
    assert german.costs.filter(basis="income_share", income__name="Shop sales").exists()
    assert "/r/" in first

    second = run()
    assert "password:" not in second
    assert user.scenarios.count() == len(STARTERS) + 2  # reused, not refilled


def test_reset_password_prints_a_new_one():
    first = re.search(r"password: (\S+)", run())[1]
    second = re.search(r"password: (\S+)", run("--reset-password"))[1]
    assert first != second
    assert User.objects.get(email=DEMO_EMAIL).check_password(second)


def test_two_fresh_installs_get_different_passwords():
    first = re.search(r"password: (\S+)", run())[1]
    User.objects.all().delete()
    second = re.search(r"password: (\S+)", run())[1]
    assert first != second

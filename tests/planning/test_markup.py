"""Markup a validator would refuse: headings that skip a level, placeholders on month inputs."""

import itertools
import re

import pytest
from django.test import Client
from django.urls import reverse

from ecareer.planning.convert import create_scenario
from ecareer.sharing.models import ShareLink
from ecareer.starters import load_starter


@pytest.fixture
def shop(owner):
    return create_scenario(owner, load_starter("online_shop"))


def heading_levels(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


@pytest.mark.parametrize("hide_amounts", [False, True])
def test_the_report_never_skips_a_heading_level(shop, hide_amounts):
    link = ShareLink.objects.create(scenario=shop, label="bank", hide_amounts=hide_amounts)
    html = Client().get(link.get_absolute_url()).content.decode()
    levels = heading_levels(html)
    assert levels[0] == 1 and 3 in levels
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, levels


def test_month_inputs_carry_no_placeholder(owner_client, shop, hx):
    pages = [
        owner_client.get(reverse("planning:settings", args=[shop.pk]), headers=hx),
        owner_client.get(reverse("planning:item_new", args=[shop.pk, "costs"]), headers=hx),
        owner_client.get(reverse("planning:reserve", args=[shop.pk]), headers=hx),
    ]
    inputs = [
        tag
        for page in pages
        for tag in re.findall(r'<input[^>]*type="month"[^>]*>', page.content.decode())
    ]
    assert len(inputs) >= 3
    assert not [tag for tag in inputs if "placeholder" in tag]


def test_no_template_has_a_comment_that_runs_over_a_line():
    # Django's {# #} ends on its own line; one that runs on is shown as text on the page (the
    # dashboard once showed one above its key figures, pushing them below the fold).
    from pathlib import Path

    templates = Path(__file__).resolve().parents[2] / "templates"
    broken = [
        f"{path.relative_to(templates)}:{number}"
        for path in sorted(templates.rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "{#" in line and "#}" not in line.split("{#", 1)[1]
    ]
    assert broken == []

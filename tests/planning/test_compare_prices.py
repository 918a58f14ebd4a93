"""Compare's required prices (loaded cell by cell, or on a page of their own without JavaScript)
and the shared report's: in each stream's own unit, amounts hidden where the link hides them.

The hand-worked plan (tests/planning/test_dashboard_views.py): 3 months from Jan 2027, start
€1,000, living €500, tax 20 % year to date; Desk €300 once and Internet €50 monthly from Jan;
Writing €1,000 monthly from Feb; no risks, so every simulated path is the plan.
By hand (tests/planning/test_decisions_views.py): the income of Feb and Mar times k ends Mar at
1600k - 860, so k = 0.538 on the 0.1 % grid (0.537 ends at -€0.80): Writing €538.00, a change
of -46.2 %. No risks: the target "at most 1 of 20 futures" gives the same k.
"""

from decimal import Decimal as D

import pytest
from django.core.cache import cache
from django.urls import reverse

from ecareer.planning import convert, services
from ecareer.planning.models import IncomeStream, Scenario
from ecareer.projection import model as m
from ecareer.sharing.models import ShareLink
from tests.conftest import assert_limited_per_minute, computed
from tests.html import parse
from tests.planning.test_dashboard_views import JAN, hand_worked_plan

GERMAN = {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}
PLAN_ROW = "Lowest prices (never runs out if nothing goes wrong)"
RISK_ROW = "Lowest prices (runs out in at most 1 of 20 futures)"


@pytest.fixture
def scenario(owner) -> Scenario:
    return convert.create_scenario(owner, hand_worked_plan())


@pytest.fixture
def two_streams(owner) -> Scenario:
    # Writing €600 a month and Coaching 10 hours at €40: the same €1,000 a month from Feb, so
    # the same k = 0.538 for all streams: €322.80 and €21.52 an hour (exact to the cent).
    incomes = (
        m.IncomeStream("Writing", m.Pricing.FIXED, m.Frequency.MONTHLY, JAN + 1, amount=D(600)),
        m.IncomeStream(
            "Coaching",
            m.Pricing.HOURLY,
            m.Frequency.MONTHLY,
            JAN + 1,
            rate=D(40),
            quantity=D(10),
        ),
    )
    return convert.create_scenario(owner, hand_worked_plan(name="Two streams", incomes=incomes))


@pytest.fixture
def no_income(owner) -> Scenario:
    return convert.create_scenario(owner, hand_worked_plan(name="No income", incomes=()))


def _price_url(scenario, **query) -> str:
    url = reverse("planning:required_price", args=[scenario.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _price_key(owner, scenario, risk_pct=None) -> str:
    data = services.plan_of(services.scenarios_with_items(owner).get(pk=scenario.pk))
    return services.content_key(data, f"price:{risk_pct}:None")


def _rows(html: str) -> dict[str, list]:
    table = parse(html).by_id("compare-futures")
    return {tr.find("th").text: tr.find_all("td") for tr in table.find_all("tr") if tr.find("td")}


def test_compare_loads_each_price_on_its_own_request(owner, owner_client, scenario, no_income):
    ids = f"{scenario.pk},{no_income.pk}"
    html = owner_client.get(reverse("planning:compare"), {"ids": ids}).content.decode()
    rows = _rows(html)
    plan_cell, none_cell = rows[PLAN_ROW]
    holder = plan_cell.find(class_="price-cell")
    url = holder.attrs["hx-get"]
    assert url.startswith(reverse("planning:required_price", args=[scenario.pk]) + "?")
    assert "target=plan" in url and holder.attrs["hx-trigger"] == "load"
    assert holder.find("a").attrs["href"] == url  # without JavaScript: a page of its own
    risk_url = rows[RISK_ROW][0].find(class_="price-cell").attrs["hx-get"]
    assert "target=risk" in risk_url and "risk_pct=5" in risk_url
    # The scenario without income has nothing to price and asks nothing.
    assert none_cell.text == "No income entered." and none_cell.find(class_="price-cell") is None
    # The page itself computed no price.
    assert "€538.00" not in html
    assert cache.get(_price_key(owner, scenario)) is None


def test_compare_aims_at_the_chance_chosen(owner, owner_client, scenario, no_income):
    ids = f"{scenario.pk},{no_income.pk}"
    response = owner_client.get(reverse("planning:compare"), {"ids": ids, "risk_pct": "2.5"})
    page = parse(response.content.decode())
    assert page.find("input", name="risk_pct").attrs["value"] == "2.5"
    rows = _rows(response.content.decode())
    # No risks: every path is the plan, so the answers are those of 5 %; the labels say 2.5 %.
    assert rows["Starting balance needed (runs out in at most 2.5 % of futures)"][0].text == (
        "€850.00"
    )
    cell = rows["Lowest prices (runs out in at most 2.5 % of futures)"][0]
    assert "risk_pct=2.5" in cell.find(class_="price-cell").attrs["hx-get"]
    # Without a chance: 5 %, shown in the field.
    page = parse(owner_client.get(reverse("planning:compare"), {"ids": ids}).content.decode())
    assert page.find("input", name="risk_pct").attrs["value"] == "5"


@pytest.mark.parametrize("chance", ["51", "-1", "abc", "2.55"])
def test_a_chance_out_of_range_is_named_at_its_field(owner_client, scenario, no_income, chance):
    ids = f"{scenario.pk},{no_income.pk}"
    response = owner_client.get(reverse("planning:compare"), {"ids": ids, "risk_pct": chance})
    assert response.status_code == 400
    page = parse(response.content.decode())
    assert page.by_id("compare-error").text.startswith("Chance of running out at most (%):")
    assert page.find(class_="errorlist") is not None  # at the field too
    assert page.find(id_="compare-futures") is None


def test_a_price_cell_with_htmx_in_the_streams_own_unit(owner, owner_client, scenario, hx):
    html = computed(owner_client, _price_url(scenario, target="plan"), headers=hx).content.decode()
    cell = parse(html).find(class_="price-answer")
    assert (
        cell.find(class_="decision-figure").text
        == "your lowest price: €538.00 a month (now €1,000.00)"
    )
    assert "<html" not in html
    assert cache.get(_price_key(owner, scenario)) is not None  # kept, by the content
    risk = computed(owner_client, _price_url(scenario, target="risk", risk_pct="5"), headers=hx)
    assert "your lowest price: €538.00 a month (now €1,000.00)" in risk.content.decode()
    assert cache.get(_price_key(owner, scenario, D(5))) is not None


def test_the_panel_and_the_cells_share_their_prices(owner, owner_client, scenario, hx):
    # "What you need" for all streams at 5 % leaves both of compare's prices in the cache.
    url = reverse("planning:decisions", args=[scenario.pk])
    computed(owner_client, url, {"risk_pct": "5", "income": ""}, headers=hx)
    assert cache.get(_price_key(owner, scenario)).factor == D("0.538")
    assert cache.get(_price_key(owner, scenario, D(5))).factor == D("0.538")


def test_each_stream_in_its_own_unit_below_the_change(owner_client, two_streams, hx):
    html = computed(
        owner_client, _price_url(two_streams, target="plan"), headers=hx
    ).content.decode()
    cell = parse(html).find(class_="price-answer")
    assert cell.find(class_="decision-figure").text == "your lowest prices:"
    assert [li.text for li in cell.find_all("li")] == [
        "Writing: €322.80 a month (now €600.00)",
        "Coaching: €21.52 per hour (now €40.00)",
    ]


def test_a_new_content_is_priced_anew(owner_client, scenario, hx):
    url = _price_url(scenario, target="plan")
    assert "€538.00 a month" in computed(owner_client, url, headers=hx).content.decode()
    # Writing €500: 1600 x 0.5 x k - 860 >= 0 gives k = 1.075 exactly, €537.50.
    IncomeStream.objects.filter(scenario=scenario).update(amount=D("500.00"))
    html = computed(owner_client, url, headers=hx).content.decode()
    assert "your lowest price: €537.50 a month (now €500.00)" in html


def test_a_price_without_javascript_on_a_page_of_its_own(owner_client, scenario, no_income):
    ids = f"{scenario.pk},{no_income.pk}"
    response = computed(owner_client, _price_url(scenario, target="risk", risk_pct="5", ids=ids))
    page = parse(response.content.decode())
    assert page.find("h1").text == "Prices needed for “Hand-worked”"
    answer = page.by_id("required-price").text
    assert "your lowest price: €538.00 a month (now €1,000.00)" in answer
    assert "runs out in at most 5\u00a0% of the simulated futures" in answer.replace(
        " %", "\u00a0%"
    )
    back = page.by_id("price-back").attrs["href"]
    assert back == f"{reverse('planning:compare')}?ids={scenario.pk},{no_income.pk}"
    # No comparison to go back to: back to the scenario.
    page = parse(computed(owner_client, _price_url(scenario)).content.decode())
    assert page.by_id("price-back").attrs["href"] == scenario.get_absolute_url()
    page = parse(computed(owner_client, _price_url(no_income)).content.decode())
    assert "No income entered." in page.by_id("required-price").text


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"target": "risk", "risk_pct": "80"}, "Chance of running out at most (%)"),
        ({"target": "risk", "risk_pct": "five"}, "Chance of running out at most (%)"),
        ({"target": "everything"}, "Target"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_bad_input_is_named_and_computes_nothing(
    owner, owner_client, scenario, hx, query, field, htmx
):
    response = owner_client.get(_price_url(scenario, **query), headers=hx if htmx else {})
    assert response.status_code == 400
    error = parse(response.content.decode()).find("p", class_="message-error")
    assert f"{field}:" in error.text
    assert cache.get(_price_key(owner, scenario)) is None


def test_a_price_cell_in_german(owner, owner_client, scenario, two_streams, hx):
    owner.profile.language = "de"  # a signed-in user's language is the profile's
    owner.profile.save()
    ids = f"{scenario.pk},{two_streams.pk}"
    html = owner_client.get(reverse("planning:compare"), {"ids": ids}).content.decode()
    rows = _rows(html)
    assert "Niedrigste Preise (Geld geht nie aus, wenn nichts schiefgeht)" in rows
    assert "Nötiges Startguthaben (Geld geht in höchstens 1 von 20 Zukünften aus)" in rows
    assert rows["Niedrigste Preise (Geld geht in höchstens 1 von 20 Zukünften aus)"][0].find(
        "a"
    ).text == ("Preise berechnen")
    query = {"ids": ids, "risk_pct": "2.5"}  # a German "2.5": the point separates thousands
    asked = owner_client.get(reverse("planning:compare"), query)
    assert asked.status_code == 400
    assert "Meinten Sie 2,5?" in asked.text and 'name="risk_pct" value="2,5"' in asked.text
    query = {"ids": ids, "risk_pct": "2,5"}  # as a German types it, and as the field shows it
    rows = _rows(owner_client.get(reverse("planning:compare"), query).content.decode())
    assert "Niedrigste Preise (Geld geht in höchstens 2,5\u00a0% der Zukünfte aus)" in {
        label.replace(" %", "\u00a0%") for label in rows
    }
    url = _price_url(scenario, target="plan")
    html = computed(owner_client, url, headers=hx).content.decode()
    assert "Ihr niedrigster Preis: 538,00\u00a0€ im Monat (jetzt 1.000,00\u00a0€)" in html.replace(
        " €", "\u00a0€"
    )
    html = computed(owner_client, _price_url(two_streams), headers=hx).content.decode()
    items = [li.text for li in parse(html).find_all("li")]
    assert (
        items[1].replace(" €", "\u00a0€")
        == "Coaching: 21,52\u00a0€ pro Stunde (jetzt 40,00\u00a0€)"
    )


# --- the shared report ------------------------------------------------------------------------


def _decisions(client, link) -> str:
    page = parse(client.get(f"/r/{link.token}/").content.decode())
    return page.by_id("report-decisions-list")


def test_the_report_shows_the_required_prices(client, two_streams):
    listed = _decisions(client, ShareLink.objects.create(scenario=two_streams))
    answers = {li.find("h3").text: li for li in listed.find_all("li", class_="decision")}
    prices = listed.find_all("li", class_="decision")[:2]
    assert [p.find("h3").text for p in prices] == ["Lowest prices of all income streams"] * 2
    for price in prices:
        assert price.find(class_="decision-figure").text == "your lowest prices:"
        lines = [li.text for li in price.find(class_="price-streams").find_all("li")]
        assert lines == [
            "Writing: €322.80 a month (now €600.00)",
            "Coaching: €21.52 per hour (now €40.00)",
        ]
    assert "never runs out if nothing goes wrong" in prices[0].text
    assert "at most 5" in prices[1].text
    assert "Starting balance" in answers and "Living costs you can afford" in answers


def test_the_report_that_hides_amounts_shows_prices_as_a_change_only(client, two_streams):
    listed = _decisions(client, ShareLink.objects.create(scenario=two_streams, hide_amounts=True))
    decisions = listed.find_all("li", class_="decision")
    assert [d.find(class_="decision-figure").text for d in decisions] == [
        "your lowest prices: -46.2\u00a0% from today's"
    ] * 2
    assert "€" not in listed.text and "Writing" not in listed.text
    assert "Starting balance" not in listed.text


def test_the_report_in_german(client, scenario):
    link = ShareLink.objects.create(scenario=scenario)
    page = parse(client.get(f"/r/{link.token}/", **GERMAN).content.decode())
    text = page.by_id("report-decisions-list").text.replace(" €", "\u00a0€")
    assert "Ihr niedrigster Preis: 538,00\u00a0€ im Monat (jetzt 1.000,00\u00a0€)" in text
    hidden = ShareLink.objects.create(scenario=scenario, hide_amounts=True)
    page = parse(client.get(f"/r/{hidden.token}/", **GERMAN).content.decode())
    assert (
        "Ihre niedrigsten Preise: -46,2\u00a0% gegenüber heute"
        in page.by_id("report-decisions-list").text
    )
    assert "Beträge sind ausgeblendet" in page.by_id("report-decisions").parent.text


# --- the rate limit -----------------------------------------------------------------------


def test_the_price_cells_are_rate_limited(
    own_rate_limit_cache, still_clock, owner_client, scenario, hx
):
    # 60 a minute per user (up to 8 cells a comparison); the 61st is refused, with when to retry
    # (the clock held still, so the 60 requests all fall into one of the limit's fixed windows).
    url = _price_url(scenario, target="plan")
    assert_limited_per_minute(owner_client, url, 60, still_clock, hx)

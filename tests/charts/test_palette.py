"""The charts' colours can be told apart with normal vision and with red-green colour blindness.

Each pair of series that can share a chart and look alike in kind (two solid bars, two bars with
the same fill pattern, two scenario lines) must differ by at least MIN_DELTA_E in CIEDE2000,
seen as is and through coloraide's Machado (2009) simulation of full deuteranopia and
protanopia. Series of different kinds (a solid bar and a hatched one, a bar and the net line)
are told apart by their pattern or mark. A ΔE00 of 10 is a difference seen at a glance between
two bars side by side; the issue's "two light blues" (#9ACDEB income and #A6D2F0 VAT) were 2.1.
"""

import itertools

import pytest
from coloraide import Color

from ecareer.charts import palette
from ecareer.charts.figures import CATEGORY_NAMES
from ecareer.projection.model import Category

MIN_DELTA_E = 10
VISIONS = (None, "deutan", "protan")


def seen(colour: str, vision: str | None) -> Color:
    return Color(colour) if vision is None else Color(colour).filter(vision, method="machado")


def too_close(named: dict[str, str]) -> list[str]:
    """The pairs (and the vision) closer than MIN_DELTA_E."""
    close = []
    for vision in VISIONS:
        for (a, ca), (b, cb) in itertools.combinations(named.items(), 2):
            delta = seen(ca, vision).delta_e(seen(cb, vision), method="2000")
            if delta < MIN_DELTA_E:
                close.append(f"{a}/{b} {delta:.1f} ({vision or 'normal'})")
    return close


def test_the_simulation_sees_what_the_issue_saw():
    # The check can fail: the old light blues were 2.1 apart, and red and green, far apart to
    # normal eyes, come close to a deuteranope (Okabe-Ito's vermillion and bluish green stay
    # apart, which is why the palette is built on them).
    assert too_close({"income": "#9ACDEB", "vat": "#A6D2F0"})
    assert any("deutan" in pair for pair in too_close({"red": "#C00000", "green": "#7A7A00"}))
    assert not too_close({"vermillion": palette.VERMILLION, "green": palette.BLUISH_GREEN})


def test_the_solid_bars_of_the_cash_flow_chart_are_told_apart():
    solid = {
        f"income {n}": colour
        for n, colour in enumerate(palette.INCOME_COLOURS)
    }  # fmt: skip
    solid |= {
        "taxes": palette.TAXES,
        "social insurance": palette.SOCIAL_INSURANCE,
        "VAT collected": palette.VAT_COLLECTED,
        "VAT paid": palette.VAT_PAID,
        "living costs": palette.LIVING,
    }
    assert too_close(solid) == []


def test_the_fourth_income_is_told_apart_by_its_pattern():
    # Colours repeat from the fourth stream on; the pattern differs where they do.
    styles = {
        (palette.INCOME_COLOURS[n % 3], palette.INCOME_PATTERNS[n // 3 % 2]) for n in range(6)
    }
    assert len(styles) == 6


@pytest.mark.parametrize("pattern", sorted({p for _, p in palette.CATEGORY_STYLE.values()}))
def test_cost_categories_with_one_pattern_are_told_apart_by_colour(pattern):
    same = {
        CATEGORY_NAMES[category]: colour
        for category, (colour, shape) in palette.CATEGORY_STYLE.items()
        if shape == pattern
    }
    assert too_close(same) == []


def test_every_cost_category_has_its_own_look():
    assert set(palette.CATEGORY_STYLE) == set(Category)
    assert len(set(palette.CATEGORY_STYLE.values())) == len(Category)


def test_the_compare_lines_are_told_apart():
    lines = {f"scenario {n}": c for n, c in enumerate(palette.SCENARIO_COLOURS)}
    assert too_close(lines) == []
    assert len(set(palette.SCENARIO_DASHES)) == len(palette.SCENARIO_COLOURS)


def test_the_cushion_lines_are_told_apart():
    lines = {
        "balance": palette.BALANCE,
        "reserve target": palette.RESERVE,
        "depletion": palette.DEPLETION,
        "break-even": palette.BREAK_EVEN,
    }
    assert too_close(lines) == []


@pytest.mark.parametrize("key", sorted(palette.V3_STYLE))
def test_grant_and_loan_bars_are_told_apart_from_bars_of_their_pattern(key):
    # v3's bars (start grant, loan paid out, interest, repayment) each have a pattern of their
    # own among themselves, and a colour apart from every cost category and income stream that
    # is drawn with the same pattern.
    colour, pattern = palette.V3_STYLE[key]
    same = {key: colour}
    same |= {
        CATEGORY_NAMES[category]: c
        for category, (c, shape) in palette.CATEGORY_STYLE.items()
        if shape == pattern
    }
    if pattern in palette.INCOME_PATTERNS:
        same |= {f"income {n}": c for n, c in enumerate(palette.INCOME_COLOURS)}
    assert len(same) > 1  # there is something to tell it apart from
    assert too_close(same) == []


def test_grant_and_loan_bars_have_patterns_of_their_own():
    patterns = [pattern for _colour, pattern in palette.V3_STYLE.values()]
    assert len(set(patterns)) == len(patterns) and "" not in patterns

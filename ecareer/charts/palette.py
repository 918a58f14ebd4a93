"""Colours of the charts: the Okabe–Ito palette, safe for the common kinds of colour blindness.

Eleven cost categories are more than any colour-blind-safe palette holds apart, so cost bars
also carry a fill pattern per category; incomes are solid, costs hatched. Issue 26: the solid
series of the cash-flow chart (incomes, taxes, insurance, VAT, living costs) are at least 10
CIEDE2000 apart from each other with normal vision and simulated deuteranopia and protanopia,
and so are the categories that share a pattern (tests/charts/test_palette.py).
"""

from ecareer.projection.model import Category

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#767676"
LIGHT_GREY = "#B0B0B0"

# Income streams take the cool colours in turn; from the fourth on they repeat, dotted.
INCOME_COLOURS = (BLUISH_GREEN, SKY_BLUE, BLUE)
INCOME_PATTERNS = ("", ".")

# Each category keeps its colour and pattern on every chart, so the legend reads the same.
CATEGORY_STYLE: dict[Category, tuple[str, str]] = {
    Category.EQUIPMENT: (ORANGE, "/"),
    Category.ROOM: (VERMILLION, "\\"),
    Category.UTILITIES: (YELLOW, "x"),
    Category.INTERNET_PHONE: (REDDISH_PURPLE, "-"),
    Category.SOFTWARE: ("#882255", "|"),
    Category.INSURANCE: ("#999933", "+"),
    Category.JOURNALS: ("#AA4499", "."),
    Category.FAIRS_TRAVEL: ("#DDCC77", "/"),
    Category.ADVERTISING: ("#CC6677", "\\"),
    Category.TRAINING: ("#117733", "x"),
    Category.GOODS: ("#44AA99", "+"),
    Category.FEES: ("#332288", "."),
    Category.OTHER: ("#9C755F", "-"),  # brown: the greys are taxes and living costs
}
LIVING = "#A0A0A0"
TAXES = "#555555"
SOCIAL_INSURANCE = "#332288"  # indigo
VAT_COLLECTED = YELLOW
VAT_PAID = "#F28E2B"  # orange, akin to the yellow of VAT collected
NET_LINE = BLACK
# v3's money beside income and costs, each hatched with its own pattern (tests/charts/
# test_palette.py: apart from the categories and income streams that share the pattern): the
# start grant and a loan paid out above zero, a loan's interest and repayment below.
V3_STYLE: dict[str, tuple[str, str]] = {
    "grants": ("#88CCEE", "|"),  # light cyan
    "loan_in": ("#4477AA", "\\"),  # steel blue
    "loan_interest": ("#EE7733", "x"),  # orange
    "loan_repayment": ("#663333", "-"),  # dark red-brown
}

BALANCE = BLUE
BAND = "rgba(86, 180, 233, 0.25)"  # sky blue, see-through
MEDIAN = SKY_BLUE
RESERVE = ORANGE
RESERVE_TEXT = "#8a5300"  # the orange darkened for text: 6.3:1 on white
ZERO = BLACK
BREAK_EVEN = BLUISH_GREEN
DEPLETION = VERMILLION
RESERVE_REACHED = ORANGE

# Lines of the compare chart, one per scenario (at most four).
SCENARIO_COLOURS = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE)
SCENARIO_DASHES = ("solid", "dash", "dot", "dashdot")

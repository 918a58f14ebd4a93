"""The dashboard's Plotly figures: a projection (and its simulation) in, figure JSON out.

Pure functions with no Django import: the caller passes the user's language and currency as a
`ChartLocale` and the translated words in `text`. Each builder returns the dict plotly.js takes
(`{"data": [...], "layout": {...}, "config": {...}}`), with amounts rounded to cents as the
tables and the CSV round them (`projection.money`).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import plotly.graph_objects as go

from ecareer.charts import objects as po
from ecareer.charts import palette
from ecareer.charts.locale import ChartLocale
from ecareer.projection.breakdown import first_year_costs
from ecareer.projection.by_year import yearly_sums, years_of
from ecareer.projection.calendar import (  # noqa: F401 (re-exported for the chart's tests)
    BIG_PAYMENTS,
    big_months,
    big_payment_months,
    stack_extremes,
)
from ecareer.projection.engine import Projection
from ecareer.projection.model import Category, YearMonth
from ecareer.projection.money import cents_array
from ecareer.projection.risk import RiskResult

# English words of the charts; the web passes its translations over these.
TEXT: dict[str, str] = {
    "cashflow_title": "Monthly cash flow",
    "cushion_title": "Safety cushion over time",
    "costs_title": "Where the money goes in the first year",
    "compare_title": "Balance of each scenario",
    "amount_axis": "Amount ({currency})",
    "balance_axis": "Balance ({currency})",
    "living_costs": "Living costs",
    "taxes": "Taxes",
    "social_insurance": "Health and care insurance",
    "vat_collected": "VAT collected",
    "vat_paid": "VAT paid to the tax office",
    "social_insurance_pension": "Health, care and pension insurance",
    "grants": "Start grant",
    "loan_in": "Loan paid out",
    "loan_interest": "Loan interest",
    "loan_repayment": "Loan repayment",
    "net_cash_flow": "Net cash flow",
    "balance": "Planned balance",
    "band": "Likely range (10–90 % of simulations)",
    "p10": "10 % of simulations below",
    "p50": "Middle of simulations",
    "reserve_target": "Reserve target",
    "break_even": "Set-up costs earned back",
    "depletion": "Money runs out",
    "reserve_reached": "Reserve in place for good",
    "reserve_deadline": "Reserve deadline",
    "no_costs": "No business costs in the first year",
    "big_payment": "{amount} to pay",
}
# The cash-flow chart labels the months with the most to pay at once (`calendar`).
CATEGORY_NAMES: dict[Category, str] = {
    Category.EQUIPMENT: "Equipment",
    Category.ROOM: "Room",
    Category.UTILITIES: "Utilities",
    Category.INTERNET_PHONE: "Internet and phone",
    Category.SOFTWARE: "Software",
    Category.INSURANCE: "Insurance",
    Category.JOURNALS: "Trade journals",
    Category.FAIRS_TRAVEL: "Trade fairs and travel",
    Category.ADVERTISING: "Advertising",
    Category.TRAINING: "Training",
    Category.GOODS: "Goods for resale",
    Category.FEES: "Payment and platform fees",
    Category.OTHER: "Other",
}
HEIGHT = 380
LEGEND_ROW = 22  # pixels
# The plot area's own height; js/charts.js grows the figure by what the legend and the axes take
# on the reader's screen, so a long legend (or a phone's narrow width) never squeezes the plot.
PLOT_HEIGHT = 260
# "sendDataToCloud" and "editInChartStudio" would post the chart's data to Plotly's servers.
_MODEBAR_REMOVE = [
    "select2d",
    "lasso2d",
    "autoScale2d",
    "sendDataToCloud",
    "editInChartStudio",
]


def literal(text: str) -> str:
    """Text that plotly.js shows as written: it reads names, legends, hover texts and titles as
    HTML (`<a href>` becomes a link), and turns `&lt;` back into `<` on screen."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cents(values: np.ndarray) -> np.ndarray:
    """Amounts rounded to cents as every other output rounds them (`projection.money`).

    Arrays, not lists: plotly.py checks an array at once but a list item by item (10x slower).
    """
    return cents_array(values)


def months_axis(months: Sequence[YearMonth]) -> np.ndarray:
    """Months as "YYYY-MM", which Plotly reads as dates."""
    return np.array([str(m) for m in months])


def _plain(value):
    """Arrays in a figure dict as plain lists of numbers: readable JSON, and no numpy for Django.

    plotly.py hands numeric arrays back base64-packed (`{"dtype", "bdata"}`); decimal text of
    amounts in cents is as short, and a person (or a test) can read it.
    """
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, dict):
        if set(value) == {"dtype", "bdata"} or set(value) == {"dtype", "bdata", "shape"}:
            return np.frombuffer(base64.b64decode(value["bdata"]), value["dtype"]).tolist()
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def plotly_config(locale: ChartLocale, filename: str) -> dict:
    """plotly.js options: responsive, PNG download kept, month names of the user's language."""
    config = {
        "responsive": True,
        "displaylogo": False,
        # Nothing on a chart may offer to send its data anywhere.
        "showSendToCloud": False,
        "showEditInChartStudio": False,
        "modeBarButtonsToRemove": _MODEBAR_REMOVE,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "locale": locale.language,
    }
    # English too: plotly.js has English names built in, but its currency symbol is "$".
    config["locales"] = {locale.language: locale.plotly_locale()}
    return config


def _base_layout(locale: ChartLocale) -> dict:
    """What every chart shares: no Plotly title (the page's figcaption is the one title), the
    legend above the plot (all entries wrap into rows on a phone), margins that grow to fit."""
    return {
        "separators": locale.separators,
        "autosize": True,
        "height": HEIGHT,
        "meta": {"plot_height": PLOT_HEIGHT},
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10, "autoexpand": True},
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        # Above the plot, where no tick label is: the top margin grows to hold every row, and
        # entries flow row by row in trace order (groups would stack them into odd columns).
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
    }


def _legend_room(layout: dict, entries: int) -> None:
    """Room above the plot for a legend of about four entries a row (a wide screen's), so the
    first drawing is usually right and js/charts.js redraws only on other screens."""
    rows = -(-entries // 4)
    layout["margin"] = {**layout["margin"], "t": LEGEND_ROW * rows + 14}
    layout["height"] = PLOT_HEIGHT + layout["margin"]["t"] + 40


def _layout(locale: ChartLocale, title: str, y_title: str) -> dict:
    del title  # the page's figcaption titles the chart
    return {
        **_base_layout(locale),
        "hovermode": "x unified",
        "xaxis": {
            "type": "date",
            "tickformat": "%b %Y",
            "hoverformat": "%B %Y",
            "gridcolor": "#e5e7eb",
            "automargin": True,
        },
        "yaxis": {
            # Set apart from the tick labels, and the margin grows to hold both: "−€20,000".
            "title": {"text": y_title.format(currency=locale.currency), "standoff": 12},
            "automargin": True,
            "tickformat": "$,.0f",  # the currency from the config's locale: −€5,000
            # Each label just above its grid line: the lowest no longer meets the first month's.
            "ticklabelposition": "outside top",
            "gridcolor": "#e5e7eb",
            "zeroline": True,
            "zerolinecolor": palette.ZERO,
            "zerolinewidth": 1,
        },
    }


def _finish(fig: go.Figure, locale: ChartLocale, filename: str) -> dict:
    # No plotly.py theme: its template would add ~7 KB to every figure; the layout sets the look.
    fig.update_layout(template=None)
    figure = fig.to_plotly_json()
    figure["layout"].pop("template", None)
    return {"data": _plain(figure["data"]), "layout": figure["layout"], **_config(locale, filename)}


def _config(locale: ChartLocale, filename: str) -> dict:
    return {"config": plotly_config(locale, filename)}


def _words(text: Mapping[str, str] | None) -> dict[str, str]:
    return {key: literal(words) for key, words in {**TEXT, **(text or {})}.items()}


def _hatched(colour: str, pattern: str) -> dict:
    """A bar's fill in `colour` with white `pattern` lines (plotly.js 4 paints the pattern's
    ground white unless told the colour)."""
    return {"color": colour, "pattern": {"shape": pattern, "fgcolor": "#ffffff", "bgcolor": colour}}


def _income_marker(index: int) -> dict:
    """The n-th income stream's fill: the cool colours in turn, dotted from the fourth on."""
    colours, patterns = palette.INCOME_COLOURS, palette.INCOME_PATTERNS
    colour = colours[index % len(colours)]
    pattern = patterns[index // len(colours) % len(patterns)]
    return _hatched(colour, pattern) if pattern else {"color": colour}


def cashflow_figure(
    projection: Projection,
    locale: ChartLocale,
    text: Mapping[str, str] | None = None,
    category_names: Mapping[Category, str] | None = None,
    period: str = "months",
) -> dict:
    """Income by stream above zero, costs by category, living costs and taxes below, net line.

    `period="years"` sums each series by calendar year (`projection.by_year`): a long plan's
    600 monthly bars would merge into one block.
    """
    words = _words(text)
    names = {
        key: literal(name) for key, name in {**CATEGORY_NAMES, **(category_names or {})}.items()
    }
    yearly = period == "years"
    x = (
        np.array([str(year) for year in years_of(projection.months)])
        if yearly
        else months_axis(projection.months)
    )

    def amounts(values: np.ndarray) -> np.ndarray:
        return yearly_sums(projection.months, values) if yearly else cents(values)

    money_y = "%{fullData.name}: " + locale.money_format("y") + "<extra></extra>"
    money_c = "%{fullData.name}: " + locale.money_format("customdata") + "<extra></extra>"
    traces = []
    for i, (stream, series) in enumerate(
        zip(projection.scenario.incomes, projection.income_by_stream, strict=True)
    ):
        traces.append(
            po.Bar(
                name=literal(stream.name),
                x=x,
                y=amounts(series),
                marker=_income_marker(i),
                legendgroup="income",
                hovertemplate=money_y,
            )
        )
    for category in Category:  # a fixed order, so the stack reads the same on every scenario
        series = projection.costs_by_category.get(category)
        if series is None:
            continue
        colour, pattern = palette.CATEGORY_STYLE[category]
        traces.append(
            po.Bar(
                name=names[category],
                x=x,
                y=amounts(-series),
                customdata=amounts(series),
                marker=_hatched(colour, pattern),
                legendgroup="costs",
                hovertemplate=money_c,
            )
        )
    traces.append(
        po.Bar(
            name=words["taxes"],
            x=x,
            y=amounts(-projection.taxes),
            customdata=amounts(projection.taxes),
            marker={"color": palette.TAXES},
            hovertemplate=money_c,
        )
    )
    # Regime de: insurance and VAT as their own series (each left out when it is 0 throughout);
    # the pension (v3) is part of the insurance, which then says so.
    pension = projection.pension_insurance is not None and np.any(projection.pension_insurance)
    insurance = "social_insurance_pension" if pension else "social_insurance"
    for key, series, sign, colour in (
        (insurance, projection.social_insurance, -1, palette.SOCIAL_INSURANCE),
        ("vat_collected", projection.vat_due, 1, palette.VAT_COLLECTED),
        ("vat_paid", projection.vat_paid, -1, palette.VAT_PAID),
    ):
        if series is None or not np.any(series):
            continue
        traces.append(
            po.Bar(
                name=words[key],
                x=x,
                y=amounts(sign * series),  # by year too in the yearly view
                customdata=amounts(series),
                marker={"color": colour},
                hovertemplate=money_c,
            )
        )
    # v3: the start grant and loans paid out above zero, loan interest and repayment below
    # (each left out when it is 0 throughout; hatched, see palette.V3_STYLE).
    for key, sign in (("grants", 1), ("loan_in", 1), ("loan_interest", -1), ("loan_repayment", -1)):
        series = getattr(projection, key)
        if series is None or not np.any(series):
            continue
        colour, pattern = palette.V3_STYLE[key]
        traces.append(
            po.Bar(
                name=words[key],
                x=x,
                y=amounts(sign * series),
                customdata=amounts(series),
                marker=_hatched(colour, pattern),
                hovertemplate=money_c,
            )
        )
    traces.append(
        po.Bar(
            name=words["living_costs"],
            x=x,
            y=amounts(-projection.living_costs),
            customdata=amounts(projection.living_costs),
            marker={"color": palette.LIVING},
            hovertemplate=money_c,
        )
    )
    traces.append(
        po.Scatter(
            name=words["net_cash_flow"],
            x=x,
            y=amounts(projection.net_cash_flow),
            mode="lines+markers",
            line={"color": palette.NET_LINE, "width": 2},
            marker={"size": 4},
            hovertemplate=money_y,
        )
    )
    layout = _layout(locale, words["cashflow_title"], words["amount_axis"])
    # One legend entry per stream and category: a taller figure for a longer legend, so the
    # bars keep their height (about four entries fit in a row of the legend); js/charts.js
    # corrects it to the legend the reader's screen draws.
    _legend_room(layout, len([trace for trace in traces if trace.showlegend is not False]))
    layout["barmode"] = "relative"
    layout["bargap"] = 0.15
    if not yearly:
        _label_big_payments(layout, projection, traces, locale, words["big_payment"])
    if yearly:
        layout["xaxis"] = {**layout["xaxis"], "type": "category"}
        del layout["xaxis"]["tickformat"], layout["xaxis"]["hoverformat"]
    return _finish(po.Figure(data=traces, layout=layout), locale, "cash-flow")


def _label_big_payments(
    layout: dict, projection: Projection, traces: list, locale: ChartLocale, words: str
) -> None:
    """An arrow and the amount under each big payment month's bar, in room kept below the
    lowest bar (the y range set here), so no label runs into the tick labels."""
    big = big_payment_months(projection)
    # A plan at the edge of what projects (amounts past what money formats) gets no labels.
    if not big or not all(Decimal(total).is_finite() and abs(total) < 10**15 for _, total in big):
        return
    bars = [np.asarray(trace.y, dtype=float) for trace in traces if trace.type == "bar"]
    below, top, bottom = stack_extremes(bars, np.asarray(traces[-1].y, dtype=float))
    if not (math.isfinite(top) and math.isfinite(bottom)):
        return
    span = (top - bottom) or 1.0
    layout["yaxis"] = {**layout["yaxis"], "range": [bottom - 0.48 * span, top + 0.06 * span]}
    # The months' range as the bars alone would have it (labels would widen it by a tick).
    first, last = projection.months[0], projection.months[-1]
    layout["xaxis"] = {
        **layout["xaxis"],
        "range": [
            str(date(first.year, first.month, 1) - timedelta(days=20)),
            str(date(last.year, last.month, 1) + timedelta(days=20)),
        ],
    }
    layout["annotations"] = [
        {
            "name": "big_payment",
            "x": str(month),
            "y": float(below[month - projection.scenario.start]),
            "text": literal(words.format(amount=locale.money(total))),
            "showarrow": True,
            "arrowhead": 2,
            "arrowwidth": 1.5,
            "ax": 0,
            # Each label on a row of its own below the lowest bar (data units): never on another.
            "ayref": "y",
            "ay": bottom - (0.06 + 0.13 * n) * span,
            "yanchor": "top",
            # Beside its arrow towards the middle, so a label at either end stays in the chart.
            "xanchor": _towards_middle(month - projection.scenario.start, len(projection.months)),
            "font": {"size": 11, "color": "#1d2433"},
            "bgcolor": "rgba(255, 255, 255, 0.85)",
        }
        for n, (month, total) in enumerate(sorted(big, key=lambda item: item[0].index))
    ]


def _towards_middle(m: int, months: int) -> str:
    if 4 * m < months:
        return "left"
    return "right" if 4 * m >= 3 * months else "center"


def _event(name: str, month: YearMonth | None, projection: Projection, colour: str, symbol: str):
    if month is None:
        return None
    m = month - projection.scenario.start
    return po.Scatter(
        name=name,
        x=[str(month)],
        y=cents(projection.balance[m : m + 1]),
        mode="markers",
        marker={
            "color": colour,
            "symbol": symbol,
            "size": 13,
            "line": {"color": "#000000", "width": 1},
        },
        hovertemplate="%{fullData.name}<extra></extra>",
    )


def simulated_traces(x, p10, p50, p90, words: Mapping[str, str], hover: str) -> list:
    """The simulated 10–90 % band (two lines filled between) and the middle line."""
    band = {"mode": "lines", "legendgroup": "band", "hovertemplate": hover}
    thin = {"color": palette.MEDIAN, "width": 0.5}
    return [
        po.Scatter(name=words["p10"], x=x, y=p10, line=thin, showlegend=False, **band),
        po.Scatter(
            name=words["band"], x=x, y=p90, line=thin, fill="tonexty",
            fillcolor=palette.BAND, **band,
        ),
        po.Scatter(
            name=words["p50"], x=x, y=p50, mode="lines", hovertemplate=hover,
            line={"color": palette.MEDIAN, "width": 2, "dash": "dash"},
        ),
    ]  # fmt: skip


def cushion_figure(
    projection: Projection,
    risk: RiskResult,
    locale: ChartLocale,
    text: Mapping[str, str] | None = None,
) -> dict:
    """Planned balance, the simulated 10–90 % band and middle line, reserve target, zero, events."""
    words = _words(text)
    x = months_axis(projection.months)
    money_y = "%{fullData.name}: " + locale.money_format("y") + "<extra></extra>"
    kpis = projection.kpis
    traces = [
        *simulated_traces(x, cents(risk.p10), cents(risk.p50), cents(risk.p90), words, money_y),
        po.Scatter(
            name=words["reserve_target"],
            x=x,
            y=cents(projection.reserve_target),
            mode="lines",
            line={"color": palette.RESERVE, "width": 2, "dash": "dashdot", "shape": "hv"},
            hovertemplate=money_y,
        ),
        po.Scatter(
            name=words["balance"],
            x=x,
            y=cents(projection.balance),
            mode="lines",
            line={"color": palette.BALANCE, "width": 3},
            hovertemplate=money_y,
        ),
    ]
    events = (
        (words["break_even"], kpis.break_even_month, palette.BREAK_EVEN, "diamond"),
        (words["depletion"], kpis.depletion_month, palette.DEPLETION, "x"),
        (words["reserve_reached"], kpis.reserve_held_month, palette.RESERVE_REACHED, "star"),
    )
    for name, month, colour, symbol in events:
        marker = _event(name, month, projection, colour, symbol)
        if marker is not None:
            traces.append(marker)
    layout = _layout(locale, words["cushion_title"], words["balance_axis"])
    shapes = [
        {
            "type": "line",
            "name": "zero",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": 0,
            "y1": 0,
            "line": {"color": palette.ZERO, "width": 1.5},
        }
    ]
    deadline = projection.scenario.reserve.deadline
    if deadline is not None and 0 <= deadline - projection.scenario.start < len(x):
        # Level at the line's top, on the side with room: right of the line in the plan's first
        # half, left of it (ending at the line) in the second, so it never runs out of the plot.
        late = 2 * (deadline - projection.scenario.start) >= len(x)
        shapes.append(
            {
                "type": "line",
                "name": "reserve_deadline",
                "yref": "paper",
                "x0": str(deadline),
                "x1": str(deadline),
                "y0": 0,
                "y1": 1,
                "line": {"color": palette.RESERVE, "width": 1, "dash": "dot"},
                # Level (a rotated label ran out of the plot), beside the line's top.
                "label": {
                    "text": words["reserve_deadline"],
                    "textposition": "end",
                    "textangle": 0,
                    "xanchor": "right" if late else "left",
                    "yanchor": "top",
                    "font": {"size": 11, "color": palette.RESERVE_TEXT},
                },
            }
        )
    layout["shapes"] = shapes
    _legend_room(layout, len([trace for trace in traces if trace.showlegend is not False]))
    return _finish(po.Figure(data=traces, layout=layout), locale, "safety-cushion")


def costs_figure(
    projection: Projection,
    locale: ChartLocale,
    text: Mapping[str, str] | None = None,
    category_names: Mapping[Category, str] | None = None,
) -> dict:
    """A donut of the first year's business costs by category."""
    words = _words(text)
    names = {
        key: literal(name) for key, name in {**CATEGORY_NAMES, **(category_names or {})}.items()
    }
    costs = first_year_costs(projection)
    layout = _base_layout(locale)
    if not costs:
        layout["annotations"] = [
            {
                "text": words["no_costs"],
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
            }
        ]
        layout["xaxis"] = layout["yaxis"] = {"visible": False}
        return _finish(po.Figure(data=[], layout=layout), locale, "costs-by-category")
    styles = [palette.CATEGORY_STYLE[c.category] for c in costs]
    pie = po.Pie(
        labels=[names[c.category] for c in costs],
        values=[float(c.amount) for c in costs],
        hole=0.45,
        # Outside the slices, on white (the hatching made shares on a slice unreadable), and only
        # for a slice of 3 % or more: the hover and the table give the small ones.
        textposition="outside",
        automargin=True,
        sort=False,
        direction="clockwise",
        marker={
            "colors": [colour for colour, _ in styles],
            "pattern": {
                "shape": [pattern for _, pattern in styles],
                "fgcolor": "#ffffff",
                "bgcolor": [colour for colour, _ in styles],
            },
            "line": {"color": "#ffffff", "width": 1},
        },
        # The shares written as the page writes them ("34 %"), not Plotly's "33.6%".
        customdata=[locale.share(c.share) for c in costs],
        text=[locale.share(c.share) if c.share >= 0.03 else "" for c in costs],
        texttemplate="%{text}",
        outsidetextfont={"size": 12, "color": "#1d2433"},
        hovertemplate="%{label}<br>"
        + locale.money_format("value")
        + "<br>%{customdata}<extra></extra>",
    )
    _legend_room(layout, len(costs))
    return _finish(po.Figure(data=[pie], layout=layout), locale, "costs-by-category")


def compare_figure(
    named: Sequence[tuple[str, Projection]],
    locale: ChartLocale,
    text: Mapping[str, str] | None = None,
) -> dict:
    """The planned balance of each scenario on one chart, told apart by colour and dash."""
    words = _words(text)
    money_y = "%{fullData.name}: " + locale.money_format("y") + "<extra></extra>"
    traces = [
        po.Scatter(
            name=literal(name),
            x=months_axis(projection.months),
            y=cents(projection.balance),
            mode="lines",
            line={
                "color": palette.SCENARIO_COLOURS[i % len(palette.SCENARIO_COLOURS)],
                "dash": palette.SCENARIO_DASHES[i % len(palette.SCENARIO_DASHES)],
                "width": 2.5,
            },
            hovertemplate=money_y,
        )
        for i, (name, projection) in enumerate(named)
    ]
    layout = _layout(locale, words["compare_title"], words["balance_axis"])
    return _finish(po.Figure(data=traces, layout=layout), locale, "compare-balance")

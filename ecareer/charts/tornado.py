"""The "What matters most" tornado charts: each input moved down and up, and what that does.

Pure functions with no Django import, like `figures`: the caller passes the translated row labels
and words. One figure for the final balance (money) and one for the chance of running out
(percentage points); the largest effect on top.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from ecareer.charts import palette
from ecareer.charts.figures import _finish, literal
from ecareer.charts.locale import ChartLocale
from ecareer.projection.sensitivity import SensitivityRow

ROW_HEIGHT = 34  # pixels per input
BASE_HEIGHT = 140

TEXT: dict[str, str] = {
    "balance_title": "What moves the final balance most",
    "depletion_title": "What moves the chance of running out most",
    "low": "Input lower",
    "high": "Input higher",
    "balance_axis": "Change of the final balance ({currency})",
    "depletion_axis": "Change of the chance of running out (points)",
}


def _layout(axis: str, rows: int, locale: ChartLocale, tickformat: str) -> dict:
    """No Plotly title (the page's figcaption is the one title), the legend above the plot, the
    axis titled and its ticks written as the other charts write them ("−10.000 €", not "-10k")."""
    return {
        "separators": locale.separators,
        "autosize": True,
        "height": BASE_HEIGHT + ROW_HEIGHT * max(rows, 1),
        "margin": {"l": 10, "r": 20, "t": 40, "b": 10, "autoexpand": True},
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "barmode": "overlay",
        "bargap": 0.3,
        "xaxis": {
            "title": {"text": axis, "standoff": 8},
            "automargin": True,
            "tickformat": tickformat,
            "zeroline": True,
            "zerolinewidth": 2,
            "gridcolor": "#e5e7eb",
        },
        "yaxis": {"autorange": "reversed", "automargin": True},
        # js/charts.js reads this: on a phone each input's name goes above its bars, so the
        # bars get the chart's whole width (beside them, long names left the bars ~60 px).
        "meta": {"kind": "tornado", "row_height": ROW_HEIGHT, "base_height": BASE_HEIGHT},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
        },
    }


def tornado_figure(
    rows: Sequence[SensitivityRow],
    labels: Sequence[str],
    locale: ChartLocale,
    what: str,
    text: Mapping[str, str] | None = None,
) -> dict:
    """A horizontal bar per input, lower and higher side by side; `what` "balance"/"depletion"."""
    words = {**TEXT, **(text or {})}
    if what == "balance":
        low = [float(r.final_balance_low) for r in rows]
        high = [float(r.final_balance_high) for r in rows]
        hover = locale.money_format("x")
        axis = words["balance_axis"].format(currency=locale.currency)
        tickformat = "$,.0f"  # the currency from the config's locale, as on the other charts
    else:  # chance as points: 0.05 -> 5
        low = [r.depletion_low * 100 for r in rows]
        high = [r.depletion_high * 100 for r in rows]
        hover = "%{x:+.1f}"
        axis = words["depletion_axis"]
        tickformat = "+,.1~f"  # points: "+2", "+0.5"
    colours = {"low": palette.BLUE, "high": palette.VERMILLION}
    # Names as text, as in every other chart: plotly.js reads tick labels and names as HTML.
    shown = [literal(label) for label in labels]
    traces = [
        go.Bar(
            name=literal(words[side]),
            y=shown,
            x=values,
            orientation="h",
            marker={
                "color": colours[side],
                "pattern": {"shape": "" if side == "low" else "/"},
            },
            hovertemplate="%{y}<br>%{fullData.name}: " + hover + "<extra></extra>",
        )
        for side, values in (("low", low), ("high", high))
    ]
    layout = _layout(literal(axis), len(rows), locale, tickformat)
    layout["meta"]["names"] = shown
    return _finish(go.Figure(data=traces, layout=layout), locale, f"what-matters-{what}")

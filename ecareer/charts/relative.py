"""The safety-cushion chart without amounts: balances as a share of the reserve target.

For share links with "hide amounts": the viewer sees when and how far the cushion fills, never
the money itself (hover texts and axis show percentages only).
"""

from collections.abc import Mapping

import numpy as np

from ecareer.charts import objects as po
from ecareer.charts import palette
from ecareer.charts.figures import (
    _finish,
    _layout,
    _legend_room,
    _words,
    months_axis,
    simulated_traces,
)
from ecareer.charts.locale import ChartLocale
from ecareer.projection.breakdown import share_of_target
from ecareer.projection.engine import Projection
from ecareer.projection.risk import RiskResult


def cushion_share_figure(
    projection: Projection,
    risk: RiskResult,
    locale: ChartLocale,
    text: Mapping[str, str] | None = None,
) -> dict | None:
    """Planned and simulated balance in % of the reserve target; None when the target is 0."""
    target = projection.reserve_target
    if not np.any(target > 0):
        return None
    words = _words(text)
    x = months_axis(projection.months)
    hover = "%{fullData.name}: %{y:,.0f} %<extra></extra>"
    shares = [share_of_target(values, target) for values in (risk.p10, risk.p50, risk.p90)]
    traces = [
        *simulated_traces(x, *shares, words, hover),
        # The target as a legend entry, as on the chart with amounts: a label at the line's end
        # sat on the balance line where the plan ends near its target.
        po.Scatter(
            name=words["reserve_target"],
            x=x,
            y=[100] * len(x),
            mode="lines",
            line={"color": palette.RESERVE, "width": 2, "dash": "dashdot"},
            hovertemplate=hover,
        ),
        po.Scatter(
            name=words["balance"],
            x=x,
            y=share_of_target(projection.balance, target),
            mode="lines",
            line={"color": palette.BALANCE, "width": 3},
            hovertemplate=hover,
        ),
    ]
    layout = _layout(locale, words["cushion_title"], "%")
    layout["yaxis"].update(tickprefix="", ticksuffix=" %", tickformat=",.0f")
    layout["shapes"] = [
        {
            "type": "line",
            "name": "zero",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "y0": 0,
            "y1": 0,
            "line": {"color": palette.ZERO, "width": 1.5},
        },
    ]
    _legend_room(layout, len([trace for trace in traces if trace.showlegend is not False]))
    return _finish(po.Figure(data=traces, layout=layout), locale, "safety-cushion")

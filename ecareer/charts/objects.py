"""plotly.graph_objects' Bar, Scatter, Pie and Figure, built with or without plotly.py's checks.

plotly.py checks every property it is given against the schema; for a 50-item dashboard that is
about 45 of the 75 ms its three figures take to build. The checks change nothing in valid input:
tests/charts/test_figures.py builds every figure both ways and compares the JSON, with the
checks on, so a misspelt property still fails there. The pages build with them off.
"""

import plotly.graph_objects as go

CHECK = False


def Bar(**properties) -> go.Bar:  # named as plotly's own
    return go.Bar(_validate=CHECK, **properties)


def Scatter(**properties) -> go.Scatter:
    return go.Scatter(_validate=CHECK, **properties)


def Pie(**properties) -> go.Pie:
    return go.Pie(_validate=CHECK, **properties)


def Figure(**properties) -> go.Figure:
    return go.Figure(_validate=CHECK, **properties)

"""The planning views, one module per thing the user does.

- `scenarios`: the list, new, rename, copy, delete, import and export of whole scenarios
- `editor`: the scenario page and its settings, reserve and risks cards
- `items`: cost items and income streams, added, edited and deleted in place
- `dashboard`: the KPI and chart fragment, saving a what-if, the CSV table
- `compare`: 2 to 4 scenarios side by side
"""

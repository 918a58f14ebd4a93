"""Scenario paths of DESIGN.md (stable), and the editor's fragment endpoints."""

from django.urls import path

from ecareer.planning import dashboard, editor, views

app_name = "planning"
urlpatterns = [
    # The list, creating, importing, and whole-scenario actions (views.py).
    path("", views.scenario_list, name="list"),
    path("new/", views.scenario_new, name="new"),
    path("import/", views.scenario_import, name="import"),
    path("<int:pk>/rename/", views.scenario_rename, name="rename"),
    path("<int:pk>/duplicate/", views.scenario_duplicate, name="duplicate"),
    path("<int:pk>/delete/", views.scenario_delete, name="delete"),
    path("<int:pk>/export.json", views.scenario_export, name="export"),
    # KPIs, charts, what-if, the CSV table and the comparison (dashboard.py).
    path("compare/", dashboard.compare, name="compare"),
    path("<int:pk>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/what-if/", dashboard.what_if_save, name="what_if_save"),
    path("<int:pk>/projection.csv", dashboard.projection_csv, name="projection_csv"),
    # The scenario page and its in-place editor (editor.py).
    path("<int:pk>/", editor.scenario_detail, name="detail"),
    path("<int:pk>/settings/", editor.scenario_settings, name="settings"),
    path("<int:pk>/reserve/", editor.reserve_edit, name="reserve"),
    path("<int:pk>/risks/", editor.risks_edit, name="risks"),
    path("<int:pk>/<kind>/new/", editor.item_new, name="item_new"),
    path("<int:pk>/<kind>/<int:item_id>/", editor.item_row, name="item_row"),
    path("<int:pk>/<kind>/<int:item_id>/edit/", editor.item_edit, name="item_edit"),
    path("<int:pk>/<kind>/<int:item_id>/delete/", editor.item_delete, name="item_delete"),
]

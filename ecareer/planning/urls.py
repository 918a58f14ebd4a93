"""Scenario paths of DESIGN.md (stable), and the editor's fragment endpoints."""

from django.urls import path

from ecareer.planning.views import (
    compare,
    dashboard,
    decisions,
    editor,
    financial_plan,
    items,
    scenarios,
)

app_name = "planning"
urlpatterns = [
    path("", scenarios.scenario_list, name="list"),
    path("new/", scenarios.scenario_new, name="new"),
    path("import/", scenarios.scenario_import, name="import"),
    path("<int:pk>/rename/", scenarios.scenario_rename, name="rename"),
    path("<int:pk>/duplicate/", scenarios.scenario_duplicate, name="duplicate"),
    path("<int:pk>/delete/", scenarios.scenario_delete, name="delete"),
    path("<int:pk>/export.json", scenarios.scenario_export, name="export"),
    path("compare/", compare.compare, name="compare"),
    path("<int:pk>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/what-if/", dashboard.what_if_save, name="what_if_save"),
    path("<int:pk>/table/<str:chart>/", dashboard.monthly_table_page, name="monthly_table"),
    path("<int:pk>/decisions/", decisions.decisions, name="decisions"),
    path("<int:pk>/decisions/use/", decisions.decision_use, name="decision_use"),
    path("<int:pk>/decisions/undo/", decisions.decision_undo, name="decision_undo"),
    path("<int:pk>/decisions/sick-pay/", decisions.sick_pay, name="sick_pay"),
    path("<int:pk>/what-matters/", decisions.what_matters, name="what_matters"),
    path("<int:pk>/required-price/", decisions.required_price, name="required_price"),
    path("<int:pk>/projection.csv", dashboard.projection_csv, name="projection_csv"),
    path("<int:pk>/financial-plan/", financial_plan.financial_plan, name="financial_plan"),
    path(
        "<int:pk>/financial-plan.xlsx",
        financial_plan.financial_plan_xlsx,
        name="financial_plan_xlsx",
    ),
    path(
        "<int:pk>/projection-spreadsheet.csv",
        dashboard.projection_spreadsheet,
        name="projection_spreadsheet",
    ),
    path("<int:pk>/", editor.scenario_detail, name="detail"),
    path("<int:pk>/settings/", editor.scenario_settings, name="settings"),
    path("<int:pk>/tax/", editor.tax_edit, name="tax"),
    path("<int:pk>/reserve/", editor.reserve_edit, name="reserve"),
    path("<int:pk>/risks/", editor.risks_edit, name="risks"),
    path("<int:pk>/<kind>/new/", items.item_new, name="item_new"),
    path("<int:pk>/<kind>/<int:item_id>/", items.item_row, name="item_row"),
    path("<int:pk>/<kind>/<int:item_id>/edit/", items.item_edit, name="item_edit"),
    path("<int:pk>/<kind>/<int:item_id>/delete/", items.item_delete, name="item_delete"),
]

"""Scenario paths of DESIGN.md."""

from django.urls import path

from ecareer.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.scenario_list, name="list"),
]

"""Scenario views."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@login_required
@require_safe
def scenario_list(request: HttpRequest) -> HttpResponse:
    """The signed-in user's scenarios."""
    return render(request, "planning/scenario_list.html", {})

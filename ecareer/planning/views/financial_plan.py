"""The founder's financial plan (Finanzplan) of a scenario: the page and the workbook.

Thin: `projection.finplan` assembles the parts from the projection, `finplan_web` words them,
`finplan_xlsx` writes the workbook. The shared report's token-based copies use `render_plan`
and `workbook_response` too (sharing.views), only where the link shows amounts.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ecareer.planning import finplan_web, finplan_xlsx, services
from ecareer.planning.views.common import currency
from ecareer.projection import finplan
from ecareer.projection.model import Scenario as Plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE = "planning/financial_plan.html"


def render_plan(request: HttpRequest, scenario, data: Plan, **links) -> HttpResponse:
    """The page of the financial plan; `links`: back_url, back_text, xlsx_url, base."""
    context = {"scenario": scenario, "plan": data, "currency": data.currency, **links}
    context["produced_at"] = timezone.now()
    try:
        built = finplan.build(services.projection_of(data))
    except services.TooLarge:
        context["too_large"] = services.TOO_LARGE
        return render(request, TEMPLATE, context, status=422)
    context["parts"] = finplan_web.parts(built)
    context["notes"] = finplan_web.notes(built)
    context["share_heading"] = finplan_web.SHARE_HEADING
    context["full_period"] = built.full_period
    return render(request, TEMPLATE, context)


def workbook_response(scenario, data: Plan) -> HttpResponse:
    """The workbook as a download, or 422 in words when the plan is too large to project."""
    try:
        built = finplan.build(services.projection_of(data))
    except services.TooLarge:
        return HttpResponse(services.TOO_LARGE, status=422, content_type="text/plain")
    heading = _("Financial plan of “%(name)s”") % {"name": scenario.name}
    body = finplan_xlsx.workbook(
        finplan_web.parts(built), finplan_web.notes(built), data.currency, heading
    )
    response = HttpResponse(body, content_type=XLSX)
    filename = (slugify(scenario.name) or "scenario") + "-financial-plan.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def financial_plan(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    data = services.plan_of(scenario, currency(request))
    return render_plan(
        request,
        scenario,
        data,
        base="base.html",
        back_url=scenario.get_absolute_url(),
        back_text=_("Back to “%(name)s”") % {"name": scenario.name},
        xlsx_url=reverse("planning:financial_plan_xlsx", args=[scenario.pk]),
    )


@login_required
@require_safe
def financial_plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = services.owned_scenario(request.user, pk, with_items=True)
    return workbook_response(scenario, services.plan_of(scenario, currency(request)))

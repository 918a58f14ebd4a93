"""URL paths; those in DESIGN.md are stable across releases."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from ecareer import views
from ecareer.accounts import views as account_views
from ecareer.sharing import views as sharing_views

# The admin signs in through allauth (second factor, lock-out); its own email-and-password form
# would skip both, so it only sends a visitor to allauth's sign-in (403 for non-staff).
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("ecareer.accounts.urls")),
    path("privacy/", account_views.privacy, name="privacy"),
    path("scenarios/", include("ecareer.planning.urls")),
    path("scenarios/<int:pk>/share/", include("ecareer.sharing.urls")),
    path("r/<str:token>/", sharing_views.report, name="report"),
    path(
        "r/<str:token>/financial-plan/",
        sharing_views.report_financial_plan,
        name="report_financial_plan",
    ),
    path(
        "r/<str:token>/financial-plan.xlsx",
        sharing_views.report_financial_plan_xlsx,
        name="report_financial_plan_xlsx",
    ),
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
]

handler404 = "ecareer.views.page_not_found"
handler500 = "ecareer.views.server_error"

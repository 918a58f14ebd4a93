"""Account paths of DESIGN.md: ecareer's own pages first, then django-allauth's."""

from django.urls import include, path
from django.views.generic import RedirectView

from ecareer.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="account_login"),
    path("profile/", views.profile, name="profile"),
    path("export/", views.export, name="account_export"),
    path("delete/", views.delete_account, name="account_delete"),
    path("hints/<slug:key>/dismiss/", views.dismiss_hint, name="dismiss_hint"),
    # The paths of the hand-written views before allauth, kept for bookmarks and old mails.
    path(
        "password_reset/",
        RedirectView.as_view(pattern_name="account_reset_password", permanent=True),
    ),
    path(
        "password_change/",
        RedirectView.as_view(pattern_name="account_change_password", permanent=True),
    ),
    path("", include("allauth.urls")),
]

"""Share-link management under a scenario."""

from django.urls import path

from ecareer.sharing import views

app_name = "sharing"
urlpatterns = [
    path("", views.share_links, name="links"),
    path("<int:link_id>/revoke/", views.revoke, name="revoke"),
]

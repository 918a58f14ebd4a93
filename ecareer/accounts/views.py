"""Profile, the user's data (download, delete) and privacy; allauth does sign-in and the rest."""

import io
import json
import zipfile
from http import HTTPStatus
from importlib import import_module

from allauth.account import views as allauth_views
from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ecareer.accounts.forms import DeleteAccountForm, ProfileForm
from ecareer.accounts.hints import ALL, HINTS
from ecareer.planning import services
from ecareer.projection import scenario_file
from ecareer.sharing.models import ShareLink

EXPORT_FORMAT = "ecareer.account-export/1"


class LoginView(allauth_views.LoginView):
    """allauth's sign-in; a lock-out after too many failures answers 429, not 200."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if _locked_out(form):
            response.status_code = HTTPStatus.TOO_MANY_REQUESTS
        return response


def _locked_out(form) -> bool:
    """Whether the sign-in form was refused because of the failure limit."""
    return any(
        error.code == "too_many_login_attempts"
        for errors in form.errors.as_data().values()
        for error in errors
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Show and change the display name, currency, language and tax country; link to security
    and data."""
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        translation.activate(saved.language)
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    context = {
        "form": form,
        "email": EmailAddress.objects.get_primary(request.user),
        "has_mfa": Authenticator.objects.filter(user=request.user).exists(),
        "session_count": UserSession.objects.filter(user=request.user).count(),
    }
    return render(request, "accounts/profile.html", context)


@require_POST
@login_required
def dismiss_hint(request: HttpRequest, key: str) -> HttpResponse:
    """Hide one guided hint of the scenario page (or all of them) for good."""
    if key != ALL and key not in HINTS:
        raise Http404("no such hint")
    profile = request.user.profile
    on_page = [name for name in HINTS if name not in profile.dismissed_hints]
    if key not in profile.dismissed_hints:
        profile.dismissed_hints = [*profile.dismissed_hints, key]
        profile.save(update_fields=["dismissed_hints", "updated_at"])
    if request.htmx:
        # The hint asked about goes; with "all", every other one on the page goes too.
        shown = request.POST.get("shown", "")  # the one htmx swaps out itself
        others = [name for name in on_page if name != shown] if key == ALL else []
        removed = "".join(f'<div id="hint-{name}" hx-swap-oob="delete"></div>' for name in others)
        return HttpResponse(removed)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/scenarios/"
    return redirect(target)


def _profile_data(user) -> dict:
    profile = user.profile
    return {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "email": user.email,
        "email_verified": EmailAddress.objects.filter(user=user, verified=True).exists(),
        "date_joined": user.date_joined.isoformat(timespec="seconds"),
        "last_login": user.last_login.isoformat(timespec="seconds") if user.last_login else None,
        "display_name": profile.display_name,
        "currency": profile.currency,
        "language": profile.language,
        "tax_country": profile.tax_country,
        "hidden_tips": profile.dismissed_hints,
        "two_factor": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


def _share_link_data(user) -> list[dict]:
    """Share links without their tokens: a download must not hand out working links."""
    links = ShareLink.objects.filter(scenario__user=user).select_related("scenario")
    return [
        {
            "scenario": link.scenario.name,
            "scenario_file": None,  # filled in by the caller
            "label": link.label,
            "created": link.created_at.isoformat(timespec="seconds"),
            "expires_on": link.expires_on.isoformat() if link.expires_on else None,
            "revoked": link.revoked_at.isoformat(timespec="seconds") if link.revoked_at else None,
            "hide_amounts": link.hide_amounts,
            "views": link.view_count,
            "last_viewed": (
                link.last_viewed_at.isoformat(timespec="seconds") if link.last_viewed_at else None
            ),
            "_scenario_id": link.scenario_id,
        }
        for link in links
    ]


@login_required
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    """A ZIP of everything stored about the user: profile, every scenario as a file, share links."""
    user = request.user
    currency = user.profile.currency
    buffer = io.BytesIO()
    names: dict[int, str] = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.json", _json(_profile_data(user)))
        for number, scenario in enumerate(services.scenarios_with_items(user), start=1):
            # The same file the scenario page's export gives, so each one imports back.
            data = scenario_file.to_dict(services.plan_of(scenario, currency))
            name = f"scenarios/{number:03d}-{slugify(scenario.name) or 'scenario'}.json"
            names[scenario.pk] = name
            archive.writestr(name, _json(data))
        links = _share_link_data(user)
        for link in links:
            link["scenario_file"] = names.get(link.pop("_scenario_id"))
        archive.writestr("share_links.json", _json(links))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="ecareer-data-{stamp}.zip"'
    response["Cache-Control"] = "no-store"
    return response


def _json(data) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Erase the user with everything they own, after the password (and second factor)."""
    user = request.user
    needs_code = (
        Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN).exists()
    )
    form = DeleteAccountForm(request.POST or None, user=user, needs_code=needs_code)
    status = HTTPStatus.OK
    if request.method == "POST":
        if not ratelimit.consume(request, action="reauthenticate", user=user):
            return ratelimit.respond_429(request)
        if form.is_valid():
            keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
            with transaction.atomic():
                # Scenarios, items, share links, profile, addresses, authenticators go with it.
                user.delete()
            store = import_module(settings.SESSION_ENGINE).SessionStore()
            for key in keys:  # signed in elsewhere: those sessions end too
                store.delete(key)
            logout(request)
            messages.success(request, _("Your account and all its data have been deleted."))
            return redirect("home")
        status = HTTPStatus.UNPROCESSABLE_ENTITY
    return render(
        request, "accounts/delete.html", {"form": form, "needs_code": needs_code}, status=status
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """What ecareer stores, the cookies it sets, and that nothing goes to anyone else."""
    return render(request, "privacy.html")

"""Sign-up and the profile page; sign-in, sign-out and passwords use Django's own views."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ecareer.accounts.forms import ProfileForm, SignupForm
from ecareer.accounts.hints import ALL, HINTS


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account with email and password, sign in and go to the scenarios."""
    if request.user.is_authenticated:
        return redirect("planning:list")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="ecareer.accounts.backends.EmailBackend")
        messages.success(request, _("Welcome to ecareer! Start with a template or a blank plan."))
        return redirect("planning:list")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """Show and change the display name, currency and language."""
    form = ProfileForm(request.POST or None, instance=request.user.profile)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        translation.activate(saved.language)
        messages.success(request, _("Your profile has been saved."))
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


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

"""Read-only share links to one scenario's report."""

import hashlib
import secrets

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ecareer.planning.models import Scenario

TOKEN_BYTES = 24  # 192 bits from the OS's CSPRNG, 32 URL-safe characters


def new_token() -> str:
    """An unguessable, URL-safe token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """The SHA-256 of a token: links are looked up by it, so lookup time says nothing of tokens."""
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(models.QuerySet):
    def usable(self):
        """Links that open a report today: not revoked, not past their expiry date."""
        today = timezone.localdate()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=today)
        )


class ShareLink(models.Model):
    """A read-only link to a scenario's report: revocable, optionally expiring, counts views."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="share_links")
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    token_sha256 = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(_("label"), max_length=120, blank=True)
    expires_on = models.DateField(
        _("expires after"), null=True, blank=True, help_text=_("Empty: never expires.")
    )
    hide_amounts = models.BooleanField(
        _("hide amounts"),
        default=False,
        help_text=_("Show months and percentages only, no money amounts."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)
    last_viewed_at = models.DateTimeField(null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return self.label or f"share link {self.pk}"

    def save(self, *args, **kwargs):
        self.token_sha256 = token_digest(self.token)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("report", args=[self.token])

    @property
    def is_usable(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_on is None or self.expires_on >= timezone.localdate()

    def count_view(self) -> None:
        """Add one view in the database itself (F expression), so concurrent views all count."""
        ShareLink.objects.filter(pk=self.pk).update(
            view_count=F("view_count") + 1, last_viewed_at=timezone.now()
        )

from django.contrib import admin

from ecareer.sharing.models import ShareLink


@admin.register(ShareLink)
class ShareLinkAdmin(admin.ModelAdmin):
    list_display = ("scenario", "label", "created_at", "expires_on", "revoked_at", "view_count")
    readonly_fields = ("token", "token_sha256", "view_count", "last_viewed_at")

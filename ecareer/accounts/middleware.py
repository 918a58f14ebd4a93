"""Language per request: the profile's for signed-in users, the browser's for visitors."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from ecareer.accounts.models import Profile


class ProfileLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, overridden by the signed-in user's profile language."""

    def process_request(self, request):
        super().process_request(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            language = Profile.objects.filter(user=user).values_list("language", flat=True).first()
            if language:
                translation.activate(language)
                request.LANGUAGE_CODE = language

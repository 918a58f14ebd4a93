"""Sign-in by email, case-insensitively."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Django's model backend, looking the user up by email in any letter case."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        """Return the active user whose email and password match, else None."""
        if username is None or password is None:
            return None
        user_model = get_user_model()
        try:
            user = user_model.objects.get(email__iexact=username.strip())
        except user_model.DoesNotExist:
            # Run the hasher anyway so a missing account takes as long as a wrong password.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

"""Every user gets a profile the moment the account exists; the session knows whether the
address still needs confirming (so the reminder costs no query per page)."""

import time

from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from ecareer.accounts.models import Profile

UNCONFIRMED = "_ecareer_email_unconfirmed"
SEEN_AT = "_ecareer_seen_at"  # when the sessions list last heard of this session


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, raw=False, **kwargs):
    """Create the profile of a new user (not when loading fixtures)."""
    if created and not raw:
        Profile.objects.get_or_create(user=instance)


@receiver(user_logged_in)
def note_sign_in(sender, request, user, **kwargs):
    """Remember in the session whether the reminder to confirm the address is due; put the
    session in the sessions list now (allauth does so for its own sign-ins only, not the
    admin's), so the middleware need not look for five minutes."""
    if request is not None and hasattr(request, "session"):
        confirmed = EmailAddress.objects.filter(user=user, verified=True).exists()
        request.session[UNCONFIRMED] = not confirmed
        if request.META.get("REMOTE_ADDR"):  # a real request, not the test client's login
            UserSession.objects.create_from_request(request, user=user)
        request.session[SEEN_AT] = time.time()


@receiver(email_confirmed)
def forget_unconfirmed_email(sender, request, email_address, **kwargs):
    """The address is confirmed: no more reminder in this session."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and email_address.user_id == user.pk:
        request.session[UNCONFIRMED] = False

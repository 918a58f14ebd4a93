"""Create the demo account (once) with a random password printed on the console."""

import secrets

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand
from django.db import transaction

from ecareer.accounts.models import User

DEMO_EMAIL = "demo@ecareer.localhost"


class Command(BaseCommand):
    help = (
        "Create the demo account demo@ecareer.localhost with a random password, printed once, "
        "and fill it with the demo scenarios (its address counts as confirmed). Does nothing "
        "when the account exists, unless --reset-password is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset-password",
            action="store_true",
            help="give the existing demo account a new random password and print it",
        )

    @transaction.atomic
    def handle(self, *args, reset_password=False, **options):
        user = User.objects.filter(email=DEMO_EMAIL).first()
        if user is not None and not reset_password:
            self.stdout.write(
                f"Demo account: {DEMO_EMAIL} (password printed when it was created; "
                "`make demo-password` sets a new one)"
            )
            return
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_user(DEMO_EMAIL, password)
            user.profile.display_name = "Demo"
            user.profile.save()
            fill_demo(user)
        else:
            user.set_password(password)
            user.save(update_fields=["password"])
        # The demo address needs no confirmation mail (it has no mailbox).
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_EMAIL, defaults={"primary": True, "verified": True}
        )
        self.stdout.write(self.style.SUCCESS(f"Demo account: {DEMO_EMAIL}  password: {password}"))
        link = user.scenarios.filter(share_links__isnull=False).first()
        if link is not None:
            token = link.share_links.first().token
            self.stdout.write(f"Shared demo report: /r/{token}/")


def fill_demo(user: User) -> None:
    """Give the demo account the starter scenarios and a share link."""
    from ecareer.planning.demo import fill_demo_account

    fill_demo_account(user)

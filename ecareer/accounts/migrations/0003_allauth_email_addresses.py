"""Give every existing user allauth's email address row (primary, not yet verified)."""

from django.db import migrations


def add_addresses(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    have = set(EmailAddress.objects.values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user.pk, email=user.email.strip().lower(), primary=True, verified=False)
        for user in User.objects.exclude(pk__in=have).only("pk", "email")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_dismissed_hints"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(add_addresses, migrations.RunPython.noop)]

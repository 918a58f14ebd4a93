"""Where the founder pays taxes: Germany for German speakers and for EUR, elsewhere otherwise."""

from django.db import migrations, models
from django.db.models import Q


def by_language_and_currency(apps, schema_editor):
    """Existing profiles: Germany for a German speaker or an EUR account, else a flat rate."""
    Profile = apps.get_model("accounts", "Profile")
    Profile.objects.exclude(Q(language="de") | Q(currency="EUR")).update(tax_country="other")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_allauth_email_addresses")]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="tax_country",
            field=models.CharField(
                choices=[("de", "Germany"), ("other", "elsewhere (flat rate)")],
                default="de",
                help_text=(
                    "New plans and starters count Germany's income tax, trade tax, health "
                    "insurance and VAT, or one flat rate on the profit that you set for any "
                    "other country."
                ),
                max_length=5,
                verbose_name="where you pay taxes",
            ),
        ),
        migrations.RunPython(by_language_and_currency, migrations.RunPython.noop),
    ]

"""Users sign in with their email; each has one profile with display preferences."""

from babel.numbers import list_currencies
from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils.translation import gettext_lazy as _

from ecareer import rows

CURRENCY_CODES = frozenset(list_currencies())


class EmailUserManager(UserManager):
    """Creates users keyed by a normalised (lower-case) email."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("an email is required")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def get(self, *args, **kwargs):
        """`get(pk=…)` (how every signed-in request loads its user) by a raw query.

        The same row and instance as the ORM's `get`, without building the query through the
        ORM on every request; any other lookup goes the usual way.
        """
        if args or kwargs.keys() != {"pk"}:
            return super().get(*args, **kwargs)
        pk = self.model._meta.pk.to_python(kwargs["pk"])
        sql = _by_pk_sql(self.model, connections[self.db])
        found = rows.rows_of(self.model, sql, [pk], using=self.db)
        if not found:
            raise self.model.DoesNotExist(
                f"{self.model._meta.object_name} matching query does not exist."
            )
        return found[0]


def _by_pk_sql(model, connection) -> str:
    """SELECT every concrete column of `model` by its primary key (names from the model)."""
    quote = connection.ops.quote_name
    columns = rows.columns(model, using=connection.alias)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return f"SELECT {columns} FROM {table} WHERE {pk} = %s"  # noqa: S608


def normalize_email(email: str) -> str:
    """Emails compare case-insensitively: store them trimmed and lower-cased."""
    return email.strip().lower()


class User(AbstractUser):
    """A person with an account; the email is the sign-in name."""

    username = None
    email = models.EmailField(_("email"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    def __str__(self) -> str:
        return self.email

    def clean(self) -> None:
        """Forms (the admin's too) store the email as sign-in compares it."""
        super().clean()
        self.email = normalize_email(self.email)


def validate_currency(code: str) -> None:
    """Accept ISO 4217 codes only."""
    if code not in CURRENCY_CODES:
        raise ValidationError(
            _("%(code)s is not an ISO 4217 currency code (e.g. EUR, USD, CHF)."),
            code="currency",
            params={"code": code},
        )


class Profile(models.Model):
    """Display name, currency, language and tax country of one user."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        GERMAN = "de", _("German")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[validate_currency],
        help_text=_("ISO 4217 code, used for display only."),
    )

    class TaxCountry(models.TextChoices):
        GERMANY = "de", _("Germany")
        ELSEWHERE = "other", _("elsewhere (flat rate)")

    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # Where the founder pays taxes: new plans and starters count Germany's taxes or one flat
    # rate by it, whatever the language (a German may live abroad, an English speaker here).
    tax_country = models.CharField(
        _("where you pay taxes"),
        max_length=5,
        choices=TaxCountry.choices,
        default=TaxCountry.GERMANY,
        help_text=_(
            "New plans and starters count Germany's income tax, trade tax, health insurance "
            "and VAT, or one flat rate on the profit that you set for any other country."
        ),
    )
    # Keys of the scenario page's guided hints the user has hidden ("all" hides every one).
    dismissed_hints = models.JSONField(_("hidden tips"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name or self.user.email

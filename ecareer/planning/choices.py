"""Choices of the planning models that more than one model or form names."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    ONCE = "once", _("once")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    YEARLY = "yearly", _("yearly")


class CostCategory(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    ROOM = "room", _("Room")
    UTILITIES = "utilities", _("Utilities")
    INTERNET_PHONE = "internet_phone", _("Internet and phone")
    SOFTWARE = "software", _("Software")
    INSURANCE = "insurance", _("Insurance")
    JOURNALS = "journals", _("Trade journals")
    FAIRS_TRAVEL = "fairs_travel", _("Trade fairs and travel")
    ADVERTISING = "advertising", _("Advertising")
    TRAINING = "training", _("Training")
    GOODS = "goods", _("Goods for resale")
    FEES = "fees", _("Payment and platform fees")
    OTHER = "other", _("Other")

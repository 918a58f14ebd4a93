"""The tax settings in words, for the comparison's rows (the scenario page and the report show
them with the `tax-facts` partial of planning/scenario_detail.html)."""

from django.utils.translation import gettext as _

from ecareer.planning.models import HealthInsurance, Prepayments, TaxRegime, VatStatus
from ecareer.planning.templatetags.ecareer_format import percent
from ecareer.projection import model as plan


def _de(show):
    """A row's value in regime de; a dash under flat, where the setting means nothing."""
    return lambda p: show(p.tax) if p.tax.regime == plan.TaxRegime.DE else "—"


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def compare_settings() -> list[tuple[str, object]]:
    """(label, plan -> text) for every tax setting; the comparison keeps the rows that differ."""
    return [
        (_("Tax regime"), lambda p: str(TaxRegime(p.tax.regime).label)),
        (
            _("Tax rate"),
            lambda p: percent(p.tax_rate_pct) if p.tax.regime == plan.TaxRegime.FLAT else "—",
        ),
        (_("Trade business"), _de(lambda t: _yes_no(t.trade))),
        (_("Trade-tax multiplier"), _de(lambda t: percent(t.trade_tax_multiplier_pct))),
        (_("Church tax"), _de(lambda t: percent(t.church_tax_pct))),
        (_("Health insurance"), _de(lambda t: str(HealthInsurance(t.health_insurance).label))),
        (_("Sick pay from day 43"), _de(lambda t: _yes_no(t.sick_pay))),
        (_("Additional health contribution"), _de(lambda t: percent(t.health_extra_pct))),
        (_("Long-term care insurance"), _de(lambda t: percent(t.care_pct))),
        (_("Tax prepayments"), _de(lambda t: str(Prepayments(t.prepayments).label))),
        (_("Months until the tax assessment"), _de(lambda t: str(t.assessment_delay_months))),
        (_("VAT"), _de(lambda t: str(VatStatus(t.vat).label))),
    ]

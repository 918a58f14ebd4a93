"""The tax settings in words, for the comparison's rows (the scenario page and the report show
them with the `tax-facts` partial of planning/scenario_detail.html)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ecareer.planning.tax_models import (
    HealthInsurance,
    Household,
    Pension,
    Prepayments,
    TaxRegime,
    VatStatus,
)
from ecareer.planning.templatetags.ecareer_format import money, percent
from ecareer.projection import model as plan


def _de(show):
    """A row's value in regime de; a dash under flat, where the setting means nothing."""
    return lambda p: show(p.tax) if p.tax.regime == plan.TaxRegime.DE else "—"


def _other_income(p) -> str:
    """The household's other taxable income (regime de), with the scenario's currency."""
    if p.tax.regime != plan.TaxRegime.DE:
        return "—"
    return money(p.tax.other_taxable_income, p.currency)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _grant(p) -> str:
    """The start grant in words: none, or its benefit and phases."""
    grant = p.start_grant
    if grant is None:
        return pgettext("start grant", "none")
    values = {"benefit": money(grant.benefit, p.currency)}
    if grant.second_phase:
        return _("benefit %(benefit)s plus EUR 300 for six months, then EUR 300 for nine") % values
    return _("benefit %(benefit)s plus EUR 300 for six months") % values


def situation_rows(p, amounts: bool = True) -> list[tuple[str, str]]:
    """The founder's situation as the report's assumptions state it (label, text); without
    `amounts` (a report that hides them) the sums are left out."""
    tax = p.tax
    rows = []
    if tax.regime == plan.TaxRegime.DE:
        household = str(Household(tax.household).label)
        if amounts and tax.other_taxable_income:
            household = _("%(household)s; other taxable income %(income)s a year") % {
                "household": household,
                "income": money(tax.other_taxable_income, p.currency),
            }
        rows += [
            (_("Household"), household),
            (_("Health insurance"), str(HealthInsurance(tax.health_insurance).label)),
            (_("Statutory pension"), str(Pension(tax.pension).label)),
        ]
    if p.start_grant is not None:
        rows.append((_("Start grant"), _grant(p) if amounts else _("yes")))
    else:
        rows.append((_("Start grant"), pgettext("start grant", "none")))
    return rows


def compare_settings() -> list[tuple[str, object]]:
    """(label, plan -> text) for every tax setting; the comparison keeps the rows that differ."""
    return [
        (_("Tax regime"), lambda p: str(TaxRegime(p.tax.regime).label)),
        (
            _("Tax rate"),
            lambda p: percent(p.tax_rate_pct) if p.tax.regime == plan.TaxRegime.FLAT else "—",
        ),
        (_("Household"), _de(lambda t: str(Household(t.household).label))),
        (_("Other taxable income a year"), lambda p: _other_income(p)),
        (_("Statutory pension"), _de(lambda t: str(Pension(t.pension).label))),
        (_("Start grant"), _grant),
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

"""The payment calendar's words: what each tax, insurance and VAT payment is for, the warning
ahead of the month with the most to pay, and what the end of the small-business status means.

The payments and their sums come from `ecareer.projection.calendar`; nothing is computed here.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ecareer.planning.templatetags.ecareer_format import money, month, month_long
from ecareer.projection import calendar
from ecareer.projection.engine import Projection
from ecareer.projection.model import HealthInsurance, Scenario, TaxRegime


def _month_names(months: tuple[int, ...]) -> str:
    """Calendar months 1..12 as their names joined with "and" (March and June)."""
    names = [date_format(date(2000, m, 1), "F") for m in months]
    if len(names) == 1:
        return names[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def chart_words() -> dict[str, str]:
    """The cash-flow chart's names of the insurance, VAT, grant and loan series."""
    return {
        "social_insurance": _("Health and care insurance"),
        "vat_collected": _("VAT collected"),
        "vat_paid": _("VAT paid to the tax office"),
        "social_insurance_pension": _("Health, care and pension insurance"),
        "grants": _("Start grant"),
        "loan_in": _("Loan paid out"),
        "loan_interest": _("Loan interest"),
        "loan_repayment": _("Loan repayment"),
        # The label under a month with much to pay at once, e.g. "€4,114.39 to pay".
        "big_payment": _("{amount} to pay"),
    }


def label(p: calendar.Payment, ksk: bool = False) -> str:
    """What one payment is for, e.g. "income tax 2027: settlement" or "VAT Q2 2027"; `ksk`:
    the contributions go to the artists' social insurance (KSK)."""
    year = {"year": p.year}
    if p.kind == calendar.LOAN:
        if p.what == "interest":
            return _("%(name)s: interest only") % {"name": p.name}
        return _("%(name)s: interest and repayment") % {"name": p.name}
    if ksk and p.kind == calendar.PENSION:
        return _("artists' social insurance (KSK): pension, monthly contribution")
    if ksk and p.kind == calendar.INSURANCE and p.what == "contribution":
        return _("artists' social insurance (KSK): health and care, monthly contribution")
    if p.kind == calendar.TAX:
        texts = {
            "settlement": _("income tax %(year)s: settlement"),
            "catch_up": _("prepayments %(year)s: catch-up for %(months)s"),
            "prepayment": _("prepayment %(year)s"),
            "estimate": _("prepayment %(year)s (on your estimate)"),
            "ytd": _("tax on the profit of %(year)s so far"),
        }
        months = _month_names(p.months) if p.months else ""
        return texts[p.what] % {**year, "months": months}
    if p.kind == calendar.TRADE_TAX:  # paid to the town, on its own dates
        texts = {
            "settlement": _("trade tax %(year)s: settlement"),
            "catch_up": _("trade tax prepayments %(year)s: catch-up for %(months)s"),
            "prepayment": _("trade tax prepayment %(year)s"),
            "estimate": _("trade tax prepayment %(year)s (on your estimate)"),
        }
        months = _month_names(p.months) if p.months else ""
        return texts[p.what] % {**year, "months": months}
    if p.kind == calendar.PENSION:
        return _("pension insurance: monthly contribution")
    if p.kind == calendar.INSURANCE:
        if p.what == "settlement":
            if p.amount < 0:
                return _("health insurance %(year)s: refund") % year
            return _("health insurance %(year)s: back-payment") % year
        return _("health insurance: monthly contribution")
    if p.what == "month":
        return _("VAT %(month)s") % {"month": month(f"{p.year:04d}-{p.period:02d}")}
    return _("VAT Q%(quarter)s %(year)s") % {**year, "quarter": p.period}


def _joined(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def payments_context(data: Scenario, projection: Projection) -> dict:
    """The calendar's rows, the warning ahead of its largest month and the VAT sentence.

    Regime de: taxes, insurance and VAT, with the loans' payments on lines of their own (the
    warning and the big months read the taxes, insurance and VAT alone); any other regime: the
    loans' payments, if there are loans.
    """
    loans = calendar.loan_payments(projection)
    german = data.tax.regime == TaxRegime.DE
    if not german and not loans:
        return {}
    cur = data.currency
    ksk = data.tax.health_insurance == HealthInsurance.KSK
    entries = calendar.payments(projection) if german else []
    shown = sorted([*entries, *loans], key=lambda p: p.month.index)  # stable: taxes first
    rows = [
        {"month": month(p.month), "amount": money(p.amount, cur), "label": label(p, ksk)}
        for p in shown
    ]
    months = calendar.by_month(projection, shown)
    groups = [
        {
            "month": month(m.month),
            "total": money(m.total, cur),
            "count": len(m.payments),
            "rows": [
                {"month": month(p.month), "amount": money(p.amount, cur), "label": label(p, ksk)}
                for p in m.payments
            ],
        }
        for m in months
    ]
    big = [
        {
            "month": month(m.month),
            "total": money(m.total, cur),
            "what": _joined([label(p, ksk) for p in m.payments]),
            "balance": money(m.balance, cur),
            "short": m.balance < 0,
        }
        for m in calendar.largest_months(calendar.by_month(projection, entries))
    ]
    peak = calendar.peak_month(projection, entries)
    warning = None
    if peak is not None:
        warning = _(
            "In %(month)s the tax office and your health insurer ask for %(total)s at once: "
            "%(parts)s. Your balance then falls to %(balance)s."
        ) % {
            "month": month_long(peak.month),
            "total": money(peak.total, cur),
            "parts": _joined([label(p, ksk) for p in peak.payments]),
            "balance": money(peak.balance, cur),
        }
    ended = calendar.small_business_end(projection)
    vat_end = None
    if ended is not None:
        vat_end = _(
            "From %(month)s your turnover is past the small-business limit: you charge VAT from "
            "then on. Prices that include VAT keep only the net part (100/119 at 19 %%), and "
            "business clients pay the VAT on top of your prices."
        ) % {"month": month_long(ended)}
    return {
        "payments": rows,
        "has_loan_payments": bool(loans),
        "payment_months": groups,
        "big_payments": big,
        "payment_warning": warning,
        "vat_end": vat_end,
    }


def owed_card(data: Scenario, projection: Projection) -> list[dict]:
    """Regime de: the KPI card of what is still owed (or refunded) when the plan ends."""
    if data.tax.regime != TaxRegime.DE:
        return []
    owed = projection.kpis.owed_at_end
    values = {"amount": money(abs(owed), data.currency), "month": month_long(projection.months[-1])}
    if owed > 0:
        text = _(
            "After %(month)s the tax office and your health insurer still ask for %(amount)s "
            "for the plan's last years: keep it aside."
        )
    elif owed < 0:
        text = _("After %(month)s you get %(amount)s back for the plan's last years.")
    else:
        text = _("Nothing of the plan's taxes and contributions is still owed after %(month)s.")
    tone = "bad" if owed > 0 else ""
    title = _("Still owed when the plan ends")
    return [
        {
            "key": "owed_at_end",
            "title": title,
            "value": money(owed, data.currency),
            "sentence": text % values,
            "tone": tone,
        }
    ]

"""v3's forms of money over time (DESIGN.md v3): the loan form of the scenario page's loans table,
and the cost form's "written off over N years"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ecareer.planning.fields import MonthField, number_formfield
from ecareer.planning.models import CostItem, Frequency, Loan
from ecareer.planning.templatetags.ecareer_format import month_long
from ecareer.planning.versions import VersionedForm
from ecareer.projection.model import YearMonth

NUMBER = {"inputmode": "decimal"}
USEFUL_LIFE_HELP = _(
    "0: deducted when paid. Usual lives: computers and software 1 year, office furniture 13 "
    "years. Only for one-off costs of a fixed amount."
)


class WrittenOffMixin:
    """The cost form's `useful_life_years`: empty means 0 (deducted when paid), and only a
    one-off cost of a fixed amount is written off over years."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["useful_life_years"].required = False

    def clean_useful_life_years(self) -> int:
        return self.cleaned_data.get("useful_life_years") or 0

    def clean(self):
        cleaned = super().clean()
        years = cleaned.get("useful_life_years") or 0
        once = cleaned.get("frequency") == Frequency.ONCE
        if years and not (once and cleaned.get("basis") == CostItem.Basis.FIXED):
            self.add_error(
                "useful_life_years",
                _("Only a one-off cost of a fixed amount is written off over years: enter 0."),
            )
        return cleaned


class LoanForm(VersionedForm):
    """One loan: paid out in a month of the plan, interest only for a while, then repaid."""

    start_month = MonthField(label=_("Paid out in"))

    class Meta:
        model = Loan
        formfield_callback = number_formfield  # ASCII digits only
        fields = (
            "name",
            "amount",
            "start_month",
            "interest_pct",
            "grace_months",
            "repay_months",
            "kind",
        )
        widgets = {name: forms.TextInput(attrs=NUMBER) for name in ("amount", "interest_pct")}
        localized_fields = ("amount", "interest_pct")
        help_texts = {
            "amount": _("What the bank pays out, e.g. a start-up loan from the KfW."),
            "interest_pct": _("The nominal rate a year, 0 to 30 %; interest is paid monthly."),
            "grace_months": _(
                "Months after the payout in which you pay only interest (0 to 120); the loan "
                "agreement calls them repayment-free months."
            ),
            "repay_months": _("Over how many months it is repaid after them (1 to 600)."),
            "kind": _(
                "Annuity: the same payment every month, interest falling and repayment rising. "
                "Linear: the same repayment every month plus the interest, so payments fall."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grace_months"].required = False  # empty: repaid from the next month

    def clean_grace_months(self) -> int:
        return self.cleaned_data.get("grace_months") or 0

    def clean_start_month(self):
        """A loan is paid out in a month inside the plan."""
        paid_out = self.cleaned_data.get("start_month")
        scenario = getattr(self.instance, "scenario", None)
        if paid_out is None or scenario is None:
            return paid_out
        first = YearMonth(scenario.start_month.year, scenario.start_month.month)
        last = first + (scenario.horizon_months - 1)
        if not 0 <= YearMonth(paid_out.year, paid_out.month) - first < scenario.horizon_months:
            raise forms.ValidationError(
                _("Choose a month inside the plan: %(first)s to %(last)s.")
                % {"first": month_long(first), "last": month_long(last)}
            )
        return paid_out


def check_loans_inside(form, scenario, cleaned) -> None:
    """The settings form: a new start or horizon must keep every loan's payout inside the plan
    (a scenario file with a loan outside it would not import again)."""
    start, horizon = cleaned.get("start_month"), cleaned.get("horizon_months")
    if start is None or horizon is None or scenario.pk is None:
        return
    first = YearMonth(start.year, start.month)
    outside = [
        loan.name
        for loan in scenario.loans.all()
        if not 0 <= YearMonth(loan.start_month.year, loan.start_month.month) - first < horizon
    ]
    if outside:
        form.add_error(
            "horizon_months",
            _("The loan “%(name)s” is paid out outside this plan: change its month first.")
            % {"name": outside[0]},
        )

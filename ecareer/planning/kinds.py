"""The kinds of scenario items, described once: cost items, income streams and (v3) loans.

A view reads what differs between them here (form, related name, partials, messages) instead of
asking `kind == "costs"`.
"""

from dataclasses import dataclass

from django.forms import ModelForm
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ecareer.planning.finance_forms import LoanForm
from ecareer.planning.forms import CostItemForm, IncomeStreamForm
from ecareer.planning.models import CostItem, IncomeStream, Loan, Scenario
from ecareer.projection import limits

TOO_MANY_ITEMS = _("A scenario holds at most %(max)d cost items and income streams together.")
TOO_MANY_LOANS = _(
    "A scenario holds at most %(max)d loans. Put two loans of one lender together, or delete "
    "one first."
)


@dataclass(frozen=True, slots=True)
class ItemKind:
    """What the editor needs to know about one kind of item; `key` is its part of the URL."""

    key: str
    model: type[CostItem] | type[IncomeStream] | type[Loan]
    form: type[ModelForm]
    row_partial: str  # the display row in planning/scenario_detail.html
    saved_partial: str  # what an edit that keeps the row in place sends back
    has_totals: bool  # the table shows monthly equivalents with subtotals and a total
    group_by: str | None  # the field its table groups rows by; a change there moves the row
    gone: Promise
    counted_with: tuple[str, ...]  # the related names counted together against `limit`
    limit: int
    too_many: Promise  # the reason a new one is refused at the limit (%(max)d)

    def is_full(self, scenario: Scenario) -> bool:
        """The scenario (locked by the caller) holds as many of these as it may."""
        held = 0
        for key in self.counted_with:
            held += getattr(scenario, key).count()
        return held >= self.limit

    def items(self, scenario: Scenario):
        """The scenario's items of this kind (its related manager)."""
        return getattr(scenario, self.key)

    def group_of(self, item) -> str | None:
        """The group (table section) the item's row stands in, or None for an ungrouped table."""
        return getattr(item, self.group_by) if self.group_by else None

    def item(self, scenario: Scenario, item_id: int):
        """The scenario's item, or None when it is gone (deleted in another tab, or not its own)."""
        return self.items(scenario).filter(pk=item_id).first()


COSTS = ItemKind(
    key="costs",
    model=CostItem,
    form=CostItemForm,
    row_partial="cost-row",
    saved_partial="cost-saved",
    has_totals=True,
    group_by="category",
    gone=_("This cost item no longer exists; it may have been deleted in another tab."),
    counted_with=("costs", "incomes"),
    limit=limits.MAX_ITEMS,
    too_many=TOO_MANY_ITEMS,
)
INCOMES = ItemKind(
    key="incomes",
    model=IncomeStream,
    form=IncomeStreamForm,
    row_partial="income-row",
    saved_partial="income-row",
    has_totals=False,
    group_by=None,
    gone=_("This income stream no longer exists; it may have been deleted in another tab."),
    counted_with=("costs", "incomes"),
    limit=limits.MAX_ITEMS,
    too_many=TOO_MANY_ITEMS,
)
LOANS = ItemKind(
    key="loans",
    model=Loan,
    form=LoanForm,
    row_partial="loan-row",
    saved_partial="loan-row",
    has_totals=False,
    group_by=None,
    gone=_("This loan no longer exists; it may have been deleted in another tab."),
    counted_with=("loans",),
    limit=limits.MAX_LOANS,
    too_many=TOO_MANY_LOANS,
)
KINDS = {kind.key: kind for kind in (COSTS, INCOMES, LOANS)}


def kind_or_404(key: str) -> ItemKind:
    """The kind named in the URL; anything but "costs", "incomes" and "loans" is not found."""
    try:
        return KINDS[key]
    except KeyError:
        raise Http404("no such kind of item") from None

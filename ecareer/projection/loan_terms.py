"""What the loans table shows of each loan: its first repayment month, the payment of that month
and the interest of its first year (DESIGN.md v3, "Loans").

Read off `flows.loan_schedule`, the schedule the projection's `loan_in`, `loan_interest` and
`loan_repayment` columns are the sums of (one loan: exactly its columns); nothing is worked out a
second time here.
"""

from dataclasses import dataclass
from decimal import Decimal

from ecareer.projection.flows import loan_schedule
from ecareer.projection.model import Loan, YearMonth


@dataclass(frozen=True, slots=True)
class LoanTerms:
    first_repayment: YearMonth  # the month after the payout and the months of interest only
    payment: Decimal | None  # interest + repayment in that month; None past the plan's end
    first_year_interest: Decimal  # interest of the 12 months after the payout inside the plan
    first_year_months: int  # how many of those 12 months lie inside the plan


def loan_terms(loan: Loan, origin: YearMonth, horizon: int) -> LoanTerms:
    """The loans table's figures for `loan` in a plan of `horizon` months from `origin`."""
    _paid, interest, repayment = loan_schedule(loan, origin, horizon)
    s = loan.start - origin
    first = s + int(loan.grace_months) + 1
    inside = 0 <= first < horizon
    year = range(max(s + 1, 0), min(s + 13, horizon))
    return LoanTerms(
        first_repayment=loan.start + (int(loan.grace_months) + 1),
        payment=interest[first] + repayment[first] if inside else None,
        first_year_interest=sum((interest[m] for m in year), Decimal("0.00")),
        first_year_months=len(year),
    )

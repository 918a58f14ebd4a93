"""A second, independent reading of DESIGN.md's planning model, in exact Decimal arithmetic.

Written from DESIGN.md alone, month by month and item by item, with none of the engine's
numpy, float or code: the property tests compare the engine with it on random scenarios. It is
slow and simple on purpose; only the deterministic projection and its KPIs are covered.
"""

from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, localcontext

from ecareer.projection.model import Frequency, Pricing, ReserveKind, Scenario

STEP = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}
CENT = Decimal("0.01")


def _occurs(item, m: int) -> bool:
    """Does the item fall due in absolute month m (YearMonth.index)?"""
    start = item.start.index
    if m < start or (item.end is not None and m > item.end.index):
        return False
    if item.frequency == Frequency.ONCE:
        return m == start
    return (m - start) % STEP[item.frequency] == 0


def _active(item, m: int) -> bool:
    return item.start.index <= m and (item.end is None or m <= item.end.index)


def _growth(item, m: int) -> Decimal:
    """(1 + increase) to the power of whole years since the item's own start."""
    return (1 + item.annual_increase_pct / 100) ** ((m - item.start.index) // 12)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP) + 0  # + 0: no negative zero


def reference(scenario: Scenario) -> tuple[list[dict], dict]:
    """The monthly rows (Decimal cents) and the KPIs, as DESIGN.md defines them."""
    with localcontext(prec=60):
        return _reference(scenario)


def _reference(sc: Scenario) -> tuple[list[dict], dict]:
    origin = sc.start.index
    rows, after_tax = [], []
    ytd_before = Decimal(0)
    balance = sc.starting_balance
    for m in range(sc.horizon_months):
        month = origin + m
        income = Decimal(0)
        for stream in sc.incomes:
            if _occurs(stream, month):
                if stream.pricing == Pricing.FIXED:
                    base = stream.amount
                else:
                    base = stream.rate * stream.quantity
                ramp = Decimal(1)
                if stream.ramp_up_months and stream.frequency != Frequency.ONCE:
                    elapsed = month - stream.start.index + 1
                    ramp = min(Decimal(1), Decimal(elapsed) / stream.ramp_up_months)
                income += base * _growth(stream, month) * ramp
        costs = recurring = Decimal(0)
        for item in sc.costs:
            business = item.amount * item.share_pct / 100 * _growth(item, month)
            if _occurs(item, month):
                costs += business
            if _active(item, month) and item.frequency != Frequency.ONCE:
                recurring += business / STEP[item.frequency]
        profit = income - costs
        if m == 0 or month % 12 == 0:  # month 0, or a January: the year to date starts again
            ytd_before = Decimal(0)
        ytd = ytd_before + profit
        taxes = sc.tax_rate_pct / 100 * (max(Decimal(0), ytd) - max(Decimal(0), ytd_before))
        ytd_before = ytd
        living = sc.living_monthly * (1 + sc.living_increase_pct / 100) ** (m // 12)
        net = income - costs - taxes - living
        balance += net
        outgoings = living + recurring
        reserve = sc.reserve
        if reserve.kind == ReserveKind.MONTHS:
            target = (reserve.months or 0) * outgoings
        else:
            target = reserve.amount or Decimal(0)
        after_tax.append(income - costs - taxes)
        rows.append(
            {
                "month": str(sc.start + m),
                "income": income,
                "business_costs": costs,
                "taxes": taxes,
                "living_costs": living,
                "net_cash_flow": net,
                "balance": balance,
                "reserve_target": target,
                "outgoings": outgoings,
            }
        )

    def first(condition):
        return next((row["month"] for m, row in enumerate(rows) if condition(m, row)), None)

    cumulative = [sum(after_tax[: m + 1], Decimal(0)) for m in range(len(rows))]
    lowest = min(row["balance"] for row in rows)
    outgoings_0 = rows[0]["outgoings"]
    kpis = {
        "break_even_month": first(lambda m, row: cumulative[m] >= 0),
        "self_sufficient_month": first(lambda m, row: after_tax[m] >= row["living_costs"]),
        "depletion_month": first(lambda m, row: row["balance"] < 0),
        "min_balance": _cents(lowest),
        "min_balance_month": first(lambda m, row: row["balance"] == lowest),
        "final_balance": _cents(rows[-1]["balance"]),
        "reserve_reached_month": first(lambda m, row: row["balance"] >= row["reserve_target"]),
        "runway_months": None
        if outgoings_0 == 0
        else (sc.starting_balance / outgoings_0).quantize(Decimal("0.1"), rounding=ROUND_FLOOR) + 0,
    }
    rounded = [
        {key: value if key == "month" else _cents(value) for key, value in row.items()}
        for row in rows
    ]
    return rounded, kpis

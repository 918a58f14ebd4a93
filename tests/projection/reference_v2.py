"""A second, independent reading of DESIGN.md's planning model v2 (regimes `flat` and `de`).

Written from DESIGN.md alone ("The planning model", "Tax regime `flat`", "Tax regime `de`", "VAT
in regime `de`", the KPIs and "Scenario file"), with none of the engine's code: it reads a
scenario FILE dict (`ecareer.scenario/1` or `/2`, as json.loads gives it) and returns the CLI's
monthly rows and KPIs. Month by month and item by item, slow and plain on purpose.

The arithmetic is exact: every amount is a Fraction, so no division (x / 1.19, T_Y / n_Y, a
ramp of 1/3) rounds anywhere and a true half cent is a half cent. Rounding happens only where
DESIGN.md says so (the yearly amounts of regime `de`, in cents or whole euros) and at output
(half-up to cents, away from zero for negative amounts, like the CLI's `money`).
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor

ZERO = Fraction(0)
STEP = {"monthly": 1, "quarterly": 3, "yearly": 12}
PREPAYMENT_MONTHS = (3, 6, 9, 12)  # March, June, September, December

COLUMNS = (
    "income",
    "business_costs",
    "taxes",
    "living_costs",
    "net_cash_flow",
    "balance",
    "reserve_target",
    "social_insurance",
    "taxes_accrued",
    "social_insurance_accrued",
    "vat_due",
    "vat_paid",
    "outgoings",
)

# DESIGN.md's constants by year; a year before 2025 uses 2025's, a year after 2026 uses 2026's.
CONSTANTS = {
    2025: {
        "GFB": 12096,
        "E2": 17443,
        "E3": 68480,
        "E4": 277825,
        "a": "932.30",
        "b": "176.64",
        "c": "1015.13",
        "d": "10911.92",
        "e": "19246.67",
        "F": 19950,
        "health_min": "1248.33",
        "health_max": "5512.50",
    },
    2026: {
        "GFB": 12348,
        "E2": 17799,
        "E3": 69878,
        "E4": 277825,
        "a": "914.51",
        "b": "173.10",
        "c": "1034.87",
        "d": "11135.63",
        "e": "19470.38",
        "F": 20350,
        "health_min": "1318.33",
        "health_max": "5812.50",
    },
}


def constants(year: int) -> dict[str, Fraction]:
    table = CONSTANTS[min(max(year, 2025), 2026)]
    return {key: Fraction(value) for key, value in table.items()}


def num(value) -> Fraction:
    """A decimal string (or JSON number) of the file, exactly."""
    return Fraction(Decimal(str(value)))


def month_index(text: str) -> int:
    """ "YYYY-MM" as months since January of year 0."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def cents(value: Fraction) -> Fraction:
    """Half-up to cents (a negative half cent goes away from zero)."""
    sign = -1 if value < 0 else 1
    return sign * Fraction(floor(abs(value) * 100 + Fraction(1, 2)), 100)


def cents_down(value: Fraction) -> Fraction:
    return Fraction(floor(value * 100), 100)


def out(value: Fraction) -> Decimal:
    """An output amount: Decimal with two places, no negative zero."""
    rounded = cents(value)
    return Decimal(rounded.numerator * 100 // rounded.denominator).scaleb(-2)


@dataclass
class Item:
    """An income stream or a cost item, read from the file (defaults as DESIGN.md names them)."""

    name: str
    base: Fraction  # income: amount or rate x quantity; cost: amount (x share for `fixed`)
    frequency: str
    start: int
    end: int | None
    increase: Fraction
    vat_rate: Fraction
    ramp_up: int = 0
    prices_include_vat: bool = False
    basis: str = "fixed"
    income: str | None = None  # an income-share cost: the stream it names (None: all)
    share: Fraction = Fraction(100)

    def occurs(self, a: int) -> bool:
        if a < self.start or (self.end is not None and a > self.end):
            return False
        if self.frequency == "once":
            return a == self.start
        return (a - self.start) % STEP[self.frequency] == 0

    def active(self, a: int) -> bool:
        return self.start <= a and (self.end is None or a <= self.end)

    def growth(self, a: int) -> Fraction:
        return (1 + self.increase / 100) ** ((a - self.start) // 12)


def _income(data: dict) -> Item:
    if data["pricing"] == "fixed":
        base = num(data["amount"])
    else:
        base = num(data["rate"]) * num(data["quantity"])
    return Item(
        name=data["name"],
        base=base,
        frequency=data["frequency"],
        start=month_index(data["start"]),
        end=month_index(data["end"]) if data.get("end") else None,
        increase=num(data["annual_increase_pct"]),
        vat_rate=num(data.get("vat_rate_pct", "19")),
        ramp_up=data["ramp_up_months"],
        prices_include_vat=data.get("prices_include_vat", False),
    )


def _cost(data: dict) -> Item:
    return Item(
        name=data["name"],
        base=num(data["amount"]),
        frequency=data["frequency"],
        start=month_index(data["start"]),
        end=month_index(data["end"]) if data.get("end") else None,
        increase=num(data["annual_increase_pct"]),
        vat_rate=num(data.get("vat_rate_pct", "19")),
        basis=data.get("basis", "fixed"),
        income=data.get("income"),
        share=num(data["share_pct"]),
    )


TAX_DEFAULTS = {
    "trade": False,
    "trade_tax_multiplier_pct": "400",
    "church_tax_pct": "0",
    "health_insurance": "statutory",
    "sick_pay": True,
    "health_extra_pct": "2.9",
    "care_pct": "3.6",
    "prepayments": "assessment",
    "assessment_delay_months": 9,
    "vat": "small_business",
}


def reference_v2(data: dict, noise: Fraction = ZERO) -> tuple[list[dict], dict]:
    """The monthly rows (Decimal cents, the CLI's column names) and the KPIs of a scenario file.

    `noise` > 0 decides the KPIs' comparisons (>= 0, < 0, >= living, >= target, the lowest
    balance) as if the amounts were that much in the month's favour: the reading of an engine
    that computes in float64 (DESIGN.md allows it) and so cannot tell sums equal on paper apart.
    """
    a0 = month_index(data["start"])
    horizon = data["horizon_months"]
    plan = range(a0, a0 + horizon)  # absolute months a; plan month m = a - a0
    tax = {**TAX_DEFAULTS, **data.get("tax", {"regime": "flat"})}
    de = tax["regime"] == "de"
    incomes = [_income(item) for item in data["incomes"]]
    costs = [_cost(item) for item in data["costs"]]
    living = data["living_costs"]
    living_monthly, living_increase = num(living["monthly"]), num(living["annual_increase_pct"])

    # 1. Income, costs and VAT, month by month (the VAT status follows the turnover so far).
    months = []
    turnover_of_year: dict[int, Fraction] = {}
    registered = False
    threshold = ZERO
    for a in plan:
        year = a // 12
        if year not in turnover_of_year:  # a new calendar year of the plan starts
            turnover_of_year[year] = ZERO
            if tax["vat"] == "registered":
                registered = True
            elif year == a0 // 12:  # the founding year
                registered, threshold = False, Fraction(25000)
            elif turnover_of_year[year - 1] > 25000:
                registered = True  # the whole year
            else:
                registered, threshold = False, Fraction(100000)
        gross = {}
        for stream in incomes:
            x = ZERO
            if stream.occurs(a):
                ramp = Fraction(1)
                if stream.ramp_up >= 1 and stream.frequency != "once":
                    ramp = min(Fraction(1), Fraction(a - stream.start + 1, stream.ramp_up))
                x = stream.base * stream.growth(a) * ramp
            gross[stream.name] = x
        rated = sum((gross[s.name] for s in incomes if s.vat_rate > 0), ZERO)
        if de and not registered and turnover_of_year[year] + rated > threshold:
            registered = True  # from this month to the end of the year
        vat_on = de and registered

        net_income, output_vat = {}, ZERO
        for stream in incomes:
            x, rate = gross[stream.name], stream.vat_rate
            if vat_on and stream.prices_include_vat:
                net = x / (1 + rate / 100)
                output_vat += x - net
            elif vat_on:
                net = x
                output_vat += x * rate / 100
            else:
                net = x
            net_income[stream.name] = net
        income = sum(net_income.values(), ZERO)
        turnover_of_year[year] += sum((net_income[s.name] for s in incomes if s.vat_rate > 0), ZERO)

        business_costs = input_vat = recurring = ZERO
        for item in costs:
            if item.basis == "income_share":
                if not item.active(a):
                    continue
                base = income if item.income is None else net_income[item.income]
                x = item.base / 100 * item.share / 100 * base
            else:
                x = item.base * item.share / 100 * item.growth(a)
                if item.active(a) and item.frequency != "once":
                    recurring += x / STEP[item.frequency]  # as entered, VAT included
                if not item.occurs(a):
                    continue
            if vat_on:
                net = x / (1 + item.vat_rate / 100)
                input_vat += x - net
                x = net
            business_costs += x

        months.append(
            {
                "a": a,
                "year": year,
                "income": income,
                "business_costs": business_costs,
                "profit": income - business_costs,
                "vat_due": output_vat - input_vat,
                "living_costs": living_monthly * (1 + living_increase / 100) ** ((a - a0) // 12),
                "recurring": recurring,
            }
        )

    # 2. Taxes and social insurance: what each month owes and when the money leaves.
    if de:
        owed_at_end = _regime_de(months, tax, a0, horizon)
    else:
        owed_at_end = _regime_flat(months, num(data["tax_rate_pct"]))

    # 3. VAT returns: quarterly, or monthly after a year whose vat_due summed above 9,000.
    vat_of_year: dict[int, Fraction] = {}
    for row in months:
        vat_of_year[row["year"]] = vat_of_year.get(row["year"], ZERO) + row["vat_due"]
        row["vat_paid"] = ZERO
    for row in months:
        a, year = row["a"], row["year"]
        if vat_of_year.get(year - 1, ZERO) > 9000:
            payment = a + 1  # the month after the month
        else:
            payment = year * 12 + (a % 12) // 3 * 3 + 3  # the month after the calendar quarter
        if payment - a0 < horizon:
            months[payment - a0]["vat_paid"] += row["vat_due"]
        else:
            owed_at_end += row["vat_due"]

    # 4. Cash, balance, outgoings and the reserve target.
    reserve = data.get("reserve") or {"kind": "amount", "amount": "0"}
    balance = num(data["starting_balance"])
    for row in months:
        row["net_cash_flow"] = (
            row["income"]
            + row["vat_due"]
            - row["business_costs"]
            - row["vat_paid"]
            - row["taxes"]
            - row["social_insurance"]
            - row["living_costs"]
        )
        balance += row["net_cash_flow"]
        row["balance"] = balance
        row["outgoings"] = row["living_costs"] + row["social_insurance_accrued"] + row["recurring"]
        if reserve["kind"] == "months":
            row["reserve_target"] = num(reserve.get("months") or 0) * row["outgoings"]
        else:
            row["reserve_target"] = num(reserve.get("amount") or 0)

    kpis = _kpis(months, num(data["starting_balance"]), owed_at_end, noise)
    rows = [
        {"month": month_text(row["a"]), **{key: out(row[key]) for key in COLUMNS}} for row in months
    ]
    return rows, kpis


def _regime_flat(months: list[dict], rate: Fraction) -> Fraction:
    """Tax on the year-to-date profit, paid as it accrues; no social insurance."""
    ytd_before = ZERO
    for m, row in enumerate(months):
        if m == 0 or row["a"] % 12 == 0:
            ytd_before = ZERO
        ytd = ytd_before + row["profit"]
        row["taxes"] = row["taxes_accrued"] = rate / 100 * (max(ZERO, ytd) - max(ZERO, ytd_before))
        ytd_before = ytd
        row["social_insurance"] = row["social_insurance_accrued"] = ZERO
    return ZERO


def income_tax(x: int, year: int) -> int:
    """ESt by the year's tariff (§ 32a EStG as DESIGN.md gives it), in whole euros, rounded down."""
    k = constants(year)
    if x <= k["GFB"]:
        return 0
    if x <= k["E2"]:
        y = (x - k["GFB"]) / 10000
        return floor((k["a"] * y + 1400) * y)
    if x <= k["E3"]:
        z = (x - k["E2"]) / 10000
        return floor((k["b"] * z + 2397) * z + k["c"])
    if x <= k["E4"]:
        return floor(Fraction(42, 100) * x - k["d"])
    return floor(Fraction(45, 100) * x - k["e"])


def _health_rate(tax: dict) -> Fraction:
    if tax["health_insurance"] != "statutory":
        return ZERO  # `other`: private or through someone else, 0 here
    general = Fraction(146, 10) if tax["sick_pay"] else Fraction(14)
    return general + num(tax["health_extra_pct"]) + num(tax["care_pct"])


def yearly_amounts(months: list[dict], tax: dict) -> dict[int, dict]:
    """P_Y, n_Y, S_Y and T_Y (with its parts) for every calendar year of the plan."""
    rate = _health_rate(tax)
    carry = ZERO
    years: dict[int, dict] = {}
    for row in months:
        year = years.setdefault(row["year"], {"n": 0, "profit": ZERO})
        year["n"] += 1
        year["profit"] += row["profit"]
    for y, year in sorted(years.items()):
        k = constants(y)
        n = year["n"]
        P = year["P"] = cents(year["profit"])
        base = cents(min(k["health_max"], max(k["health_min"], P / n)))
        S = year["S"] = cents(rate / 100 * base)
        if P < 0:
            carry, U = carry - P, ZERO
        else:
            used = min(carry, P)
            carry, U = carry - used, P - used
        year["U"] = U
        if tax["trade"]:
            M = cents(Fraction(35, 1000) * max(0, floor(U / 100) * 100 - 24500))
            trade_tax = cents(M * num(tax["trade_tax_multiplier_pct"]) / 100)
        else:
            M = trade_tax = ZERO
        x = floor(max(ZERO, U - n * S))
        est = income_tax(x, y)
        credit = min(4 * M, trade_tax, Fraction(est))
        est_after = est - credit
        if est_after <= k["F"]:
            solidarity = ZERO
        else:
            solidarity = cents_down(
                min(Fraction(55, 1000) * est_after, Fraction(119, 1000) * (est_after - k["F"]))
            )
        church = cents_down(num(tax["church_tax_pct"]) / 100 * est)
        year.update(x=x, ESt=est, M=M, GewSt=trade_tax, K=credit, soli=solidarity, church=church)
        year["T"] = est_after + solidarity + church + trade_tax
    return years


def _regime_de(months: list[dict], tax: dict, a0: int, horizon: int) -> Fraction:
    """Accrued and paid taxes and contributions by DESIGN.md's "When the money leaves"."""
    years = yearly_amounts(months, tax)
    rate = _health_rate(tax)
    delay = tax["assessment_delay_months"]

    def assessed(y: int) -> int:  # A(Y) as an absolute month
        return y * 12 + 11 + delay

    def prepayment_months_before(y: int, a: int) -> int:
        return sum(
            1
            for row in months
            if row["year"] == y and row["a"] < a and row["a"] % 12 + 1 in PREPAYMENT_MONTHS
        )

    for row in months:
        year = years[row["year"]]
        row["taxes_accrued"] = year["T"] / year["n"]
        row["social_insurance_accrued"] = year["S"]
        row["taxes"] = row["social_insurance"] = ZERO
    for year in years.values():
        year["prepaid"] = year["provisional"] = ZERO

    if tax["prepayments"] == "estimate":
        for y, year in years.items():
            q = prepayment_months_before(y, (y + 1) * 12)
            for row in months:
                if row["year"] == y:
                    row["social_insurance"] = year["S"]
                    if q and row["a"] % 12 + 1 in PREPAYMENT_MONTHS:
                        row["taxes"] += year["T"] / q
                        year["prepaid"] += year["T"] / q
            if q == 0 and assessed(y) - a0 < horizon:  # paid in full at A(Y)
                months[assessed(y) - a0]["taxes"] += year["T"]
                year["prepaid"] += year["T"]
    else:
        for row in months:
            a, current = row["a"], years[row["year"]]
            done = [y for y in years if assessed(y) <= a]
            latest = max(done) if done else None
            basis = years[latest]["T"] if latest is not None else ZERO
            if basis < 400:
                basis = ZERO
            for y, year in years.items():
                if assessed(y) == a:
                    # (a) the settlement of the year assessed, tax and health
                    row["taxes"] += year["T"] - year["prepaid"]
                    row["social_insurance"] += year["n"] * year["S"] - year["provisional"]
                    # (b) the catch-up of this calendar year's prepayments so far
                    k = prepayment_months_before(row["year"], a)
                    catch_up = k * basis / 4 - current["prepaid"]
                    row["taxes"] += catch_up
                    current["prepaid"] += catch_up
            # (c) this quarter's prepayment
            if a % 12 + 1 in PREPAYMENT_MONTHS:
                row["taxes"] += basis / 4
                current["prepaid"] += basis / 4
            # (d) the provisional health contribution, on the latest assessed year's profit
            k = constants(row["year"])
            if latest is None:
                base = k["health_min"]
            else:
                P, n = years[latest]["P"], years[latest]["n"]
                base = cents(min(k["health_max"], max(k["health_min"], P / n)))
            provisional = cents(rate / 100 * base)
            row["social_insurance"] += provisional
            current["provisional"] += provisional

    owed = ZERO
    for y, year in years.items():
        if assessed(y) - a0 >= horizon:
            owed += year["T"] - year["prepaid"]
            if tax["prepayments"] != "estimate":
                owed += year["n"] * year["S"] - year["provisional"]
    return owed


def _kpis(months: list[dict], starting: Fraction, owed_at_end: Fraction, noise: Fraction) -> dict:
    def first(test):
        return next((month_text(row["a"]) for row in months if test(row)), None)

    total = ZERO
    for row in months:
        total += row["income"] - row["business_costs"] - row["taxes_accrued"]
        row["cumulative"] = total
        row["self_sufficient"] = (
            row["income"]
            - row["business_costs"]
            - row["taxes_accrued"]
            - row["social_insurance_accrued"]
            >= row["living_costs"] - noise
        )
    self_sufficient = first(lambda row: row["self_sufficient"])
    lost = None
    if self_sufficient is not None and not months[-1]["self_sufficient"]:
        last = max(i for i, row in enumerate(months) if row["self_sufficient"])
        lost = month_text(months[last + 1]["a"])
    lowest = min(row["balance"] for row in months)
    outgoings_0 = months[0]["outgoings"]
    runway = None
    if outgoings_0 != 0:
        runway = Decimal(floor(starting / outgoings_0 * 10)).scaleb(-1)
    return {
        "break_even_month": first(lambda row: row["cumulative"] >= -noise),
        "self_sufficient_month": self_sufficient,
        "self_sufficient_lost_month": lost,
        "depletion_month": first(lambda row: row["balance"] < -noise),
        "min_balance": out(lowest),
        "min_balance_month": first(lambda row: row["balance"] <= lowest + noise),
        "final_balance": out(months[-1]["balance"]),
        "reserve_reached_month": first(lambda row: row["balance"] >= row["reserve_target"] - noise),
        "runway_months": runway,
        "owed_at_end": out(owed_at_end),
    }

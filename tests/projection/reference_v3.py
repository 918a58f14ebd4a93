"""A second, independent reading of DESIGN.md's planning model v3 (regimes `flat` and `de`).

Written from DESIGN.md's text alone ("The planning model", "Tax regime `flat`", "Tax regime
`de`", "VAT in regime `de`", "Your situation, start grant, pension, long illness, loans and
depreciation (v3)", the KPIs and "Scenario file"), with none of the engine's code. It reads a
scenario FILE dict (`ecareer.scenario/1`, `/2` or `/3`, as json.loads gives it) and returns the
CLI's monthly rows (every column, v3's included) and KPIs (reserve_held_month included) of the
deterministic plan. Month by month, year by year and loan by loan, slow and plain on purpose.

The arithmetic is exact: every amount is a Fraction, so no division (x / 1.19, I_Y / q_Y, c / 36,
(1 + i) ** -n) rounds anywhere. Rounding happens only where DESIGN.md says so (the yearly amounts
of regime `de`, the amounts v3 says are "in cents", whole euros of the tariff) and at output
(half-up to cents). The pieces of v2 that v3 keeps unchanged (the file's items, occurrences,
growth, ramp, the tariff, the constants of v2's table) come from reference_v2, itself written
from DESIGN.md alone.

Where DESIGN.md's text can be read two ways, the reading taken is written at the place as
"Reading:" (and listed in the report of issue 21).
"""

from decimal import Decimal
from fractions import Fraction
from math import floor

from tests.projection.reference_v2 import (
    STEP,
    TAX_DEFAULTS,
    ZERO,
    _cost,
    _income,
    cents,
    cents_down,
    constants,
    income_tax,
    month_index,
    month_text,
    num,
    out,
)

OFFICE_MONTHS = (3, 6, 9, 12)  # the tax office's prepayment months
TOWN_MONTHS = (2, 5, 8, 11)  # v3: the town's trade-tax prepayment months

V3_COLUMNS = (
    "pension_insurance",
    "grants",
    "sick_pay",
    "loan_in",
    "loan_interest",
    "loan_repayment",
    "depreciation",
    "tax_profit",
)
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
    *V3_COLUMNS,
)

# v3's table "More constants by year" (same rule: before 2025 -> 2025, after 2026 -> 2026).
CONSTANTS_V3 = {
    2025: {"F2": 39900, "FL": 535, "BG": 3745, "J": 556, "BBG_RV": 8050},
    2026: {"F2": 40700, "FL": 565, "BG": 3955, "J": 603, "BBG_RV": 8450},
}

V3_TAX_DEFAULTS = {
    **TAX_DEFAULTS,
    "household": "single",
    "other_taxable_income": "0",
    "pension": "none",
}


def constants_v3(year: int) -> dict[str, Fraction]:
    table = CONSTANTS_V3[min(max(year, 2025), 2026)]
    return {**constants(year), **{key: Fraction(value) for key, value in table.items()}}


# --- the household's income tax (v3: replaces steps 2, 4 and 5) -----------------------------


def tariff_h(x: int, year: int, married: bool) -> int:
    """The year's tariff of x (single), or 2 x tariff(floor(x / 2)) (married: splitting)."""
    if married:
        return 2 * income_tax(x // 2, year)
    return income_tax(x, year)


def soli_h(e: Fraction, year: int, married: bool) -> Fraction:
    limit = constants_v3(year)["F2" if married else "F"]
    if e <= limit:
        return ZERO
    return cents_down(min(Fraction(55, 1000) * e, Fraction(119, 1000) * (e - limit)))


def church(e: Fraction, pct: Fraction) -> Fraction:
    return cents_down(pct / 100 * e)


# --- loans -------------------------------------------------------------------------------------


def loan_schedule(loan: dict, a0: int, horizon: int) -> list[tuple[int, Fraction, Fraction]]:
    """(plan month, interest, repayment) of every month m > s inside the plan; all in cents.

    DESIGN.md, "Loans": interest_m = round_cents(outstanding after m-1 x i) in each month m > s;
    in the k-th repay month (m = s + grace + k) an annuity pays round_cents(amount x i / (1 -
    (1 + i) ** -n)) in all (round_cents(amount / n) when i = 0), its repayment that minus the
    interest; linear repays round_cents(amount / n) plus the interest; the n-th repays all that is
    still outstanding, and no month repays more than is outstanding.
    """
    s = month_index(loan["start"]) - a0
    amount = num(loan["amount"])
    i = num(loan["interest_pct"]) / 1200
    n = int(num(loan["repay_months"]))
    grace = int(num(loan.get("grace_months", 0)))
    annuity = loan.get("kind", "annuity") == "annuity"
    # linear's part, or an annuity's payment (amount / n without interest)
    payment = cents(amount * i / (1 - (1 + i) ** -n) if annuity and i != 0 else amount / n)
    outstanding = amount
    rows = []
    for m in range(s + 1, min(horizon, s + grace + n + 1)):
        interest = cents(outstanding * i)
        k = m - s - grace
        repayment = ZERO
        if k >= 1:
            if k == n:
                repayment = outstanding
            elif annuity:
                repayment = payment - interest
            else:
                repayment = payment
            repayment = min(repayment, outstanding)
        outstanding -= repayment
        rows.append((m, interest, repayment))
    return rows


# --- the plan ------------------------------------------------------------------------------------


def illness_places(data: dict) -> list[int]:
    """DESIGN.md v3, "Long illness", for a file with one path: each month's place j = 1, 2, ...
    in an illness (0: well).

    u = default_rng([seed, 1]).random((H, paths)) (the one place numpy is used: DESIGN.md names
    the generator); before month 0 the path is well; well in m-1, it falls ill in m when
    u[m] < 1 - (1 - chance/100) ** (1/12); ill in m-1, it is well again in m when
    u[m] < 1 / long_illness_months. Reading: the threshold 1 - (1 - p) ** (1/12) has no exact
    value, so it is taken in float64 as numpy would compute it (a u that falls within float
    noise of it is beyond the text to decide).
    """
    import numpy as np

    risks = data.get("risks") or {}
    assert int(risks.get("paths", 1000)) == 1, "the reference simulates a single path"
    chance = num(risks.get("long_illness_chance_pct", "0"))
    horizon = data["horizon_months"]
    if chance == 0:
        return [0] * horizon
    seed = int(risks.get("seed", 0))
    u = np.random.default_rng([seed, 1]).random((horizon, 1))[:, 0].tolist()
    fall = 1.0 - (1.0 - float(chance) / 100.0) ** (1.0 / 12.0)
    recover = Fraction(1, int(num(risks.get("long_illness_months", 3))))
    places, place = [], 0
    for m in range(horizon):
        if place == 0:
            place = 1 if u[m] < fall else 0
        else:
            place = 0 if Fraction(u[m]) < recover else place + 1
        places.append(place)
    return places


def reference_v3_path(data: dict, noise: Fraction = ZERO) -> tuple[list[dict], dict]:
    """The one simulated path of a file with `paths` 1, long illness its only risk (sick days and
    dry spells at 0): rows and KPIs as `reference_v3`, the path's own."""
    risks = data.get("risks") or {}
    for key in ("sick_days_per_year", "drought_chance_pct"):
        assert num(risks.get(key, "0")) == 0, f"the reference path has no {key}"
    return reference_v3(data, noise, illness_places(data))


def _sick_days(place: int, waiting: int) -> int:
    """Days paid in the place-th month of an illness when pay starts on day waiting + 1."""
    return max(0, min(30, 30 * place - waiting)) if place else 0


def reference_v3(
    data: dict, noise: Fraction = ZERO, ill: list[int] | None = None
) -> tuple[list[dict], dict]:
    """The monthly rows (Decimal cents, the CLI's column names) and the KPIs of a scenario file.

    `noise` > 0 decides the KPIs' comparisons (>= 0, < 0, >= living, >= target, the lowest
    balance) as if the amounts were that much in the month's favour: the reading of an engine
    that computes in float64 (DESIGN.md allows it) and so cannot tell sums equal on paper apart.
    `ill`: each month's place in a long illness (a simulated path; None: the plan, never ill).
    """
    ill = ill or [0] * data["horizon_months"]
    performance = {item["name"]: item["performance_based"] for item in data["incomes"]}
    a0 = month_index(data["start"])
    horizon = data["horizon_months"]
    plan = range(a0, a0 + horizon)  # absolute months a; plan month m = a - a0
    tax = {**V3_TAX_DEFAULTS, **data.get("tax", {"regime": "flat"})}
    de = tax["regime"] == "de"
    incomes = [_income(item) for item in data["incomes"]]
    costs = [(_cost(item), int(num(item.get("useful_life_years", 0)))) for item in data["costs"]]
    living = data["living_costs"]
    living_monthly, living_increase = num(living["monthly"]), num(living["annual_increase_pct"])

    # 1. Income, costs and VAT, month by month, as v2 (the VAT status follows the turnover so
    #    far); v3: a `once` fixed cost with a useful life is capitalised and written off.
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
            if ill[a - a0] and performance[stream.name]:
                pass  # an ill month: no performance-based income (its income-share costs follow)
            elif stream.occurs(a):
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

        business_costs = input_vat = recurring = capitalised = ZERO
        write_offs = []  # (cost, 12 N) of the occurrences written off from this month on
        for item, life in costs:
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
            if life > 0:  # only a `once` fixed cost may have one (else the file is invalid)
                capitalised += x
                write_offs.append((x, 12 * life))

        months.append(
            {
                "a": a,
                "year": year,
                "income": income,
                "business_costs": business_costs,
                "vat_due": output_vat - input_vat,
                "living_costs": living_monthly * (1 + living_increase / 100) ** ((a - a0) // 12),
                "recurring": recurring,
                "capitalised": capitalised,
                "write_offs": write_offs,
                "depreciation": ZERO,
                "loan_in": ZERO,
                "loan_interest": ZERO,
                "loan_repayment": ZERO,
                "grants": ZERO,
                "sick_pay": ZERO,  # long illness is the risk simulation's; 0 in the plan
                "sick_base": ZERO,  # the base of the month's contribution, if it pays sick pay
                "pension_insurance": ZERO,
            }
        )

    # Depreciation: c / (12 N) in each of the 12 N months from the occurrence's on (in the plan).
    for m, row in enumerate(months):
        for amount, count in row["write_offs"]:
            for n in range(m, min(horizon, m + count)):
                months[n]["depreciation"] += amount / count

    # Loans: paid out in month s, interest and repayments after it (cents, exact).
    for loan in data.get("loans") or []:
        s = month_index(loan["start"]) - a0
        months[s]["loan_in"] += num(loan["amount"])
        for m, interest, repayment in loan_schedule(loan, a0, horizon):
            months[m]["loan_interest"] += interest
            months[m]["loan_repayment"] += repayment

    # The start grant: benefit + 300 in months 0..5, 300 in 6..14 with the second phase.
    grant = data.get("start_grant")
    if grant is not None:
        benefit = num(grant.get("benefit", "0"))
        second_phase = grant.get("second_phase", True)
        for m, row in enumerate(months):
            if m <= 5:
                row["grants"] = benefit + 300
                row["benefit"] = benefit
            elif m <= 14 and second_phase:
                row["grants"] = Fraction(300)

    for row in months:
        row["profit"] = row["income"] - row["business_costs"]
        row["tax_profit"] = (
            row["profit"] - row["loan_interest"] + row["capitalised"] - row["depreciation"]
        )

    # 2. Taxes and social insurance: what each month owes and when the money leaves.
    if de:
        owed_at_end = _regime_de(months, tax, a0, horizon)
    else:
        owed_at_end = _regime_flat(months, num(data["tax_rate_pct"]))

    # 2b. Sick pay of an ill month (a path's): statutory d_j days of round_cents(0.7 x base /
    #     30) from day 43, private d'_j days from its day; cash only (after the taxes above).
    risks = data.get("risks") or {}
    private = num(risks.get("private_sick_pay_daily", "0"))
    waiting = int(num(risks.get("private_sick_pay_from_day", 43))) - 1
    for m, row in enumerate(months):
        daily = cents(Fraction(7, 10) * row["sick_base"] / 30)
        row["sick_pay"] = _sick_days(ill[m], 42) * daily + _sick_days(ill[m], waiting) * private

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
            + row["grants"]
            + row["sick_pay"]
            + row["loan_in"]
            - row["loan_interest"]
            - row["loan_repayment"]
        )
        balance += row["net_cash_flow"]
        row["balance"] = balance
        row["outgoings"] = (
            row["living_costs"]
            + row["social_insurance_accrued"]
            + row["recurring"]
            + row["loan_interest"]
            + row["loan_repayment"]
        )
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
    """Tax on the year-to-date tax_profit, paid as it accrues; no social insurance."""
    ytd_before = ZERO
    for m, row in enumerate(months):
        if m == 0 or row["a"] % 12 == 0:
            ytd_before = ZERO
        ytd = ytd_before + row["tax_profit"]
        row["taxes"] = row["taxes_accrued"] = rate / 100 * (max(ZERO, ytd) - max(ZERO, ytd_before))
        ytd_before = ytd
        row["social_insurance"] = row["social_insurance_accrued"] = ZERO
    return ZERO


def _health_rate(tax: dict) -> Fraction:
    """The voluntary member's rate: 14.6 (with sick pay) or 14.0, plus the extra and care."""
    general = Fraction(146, 10) if tax["sick_pay"] else Fraction(14)
    return general + num(tax["health_extra_pct"]) + num(tax["care_pct"])


def _statutory_base(k: dict, profit: Fraction, n: int) -> Fraction:
    """min(ceiling, max(minimum, profit / n)) in cents, with the limits of `k`'s year."""
    return cents(min(k["health_max"], max(k["health_min"], profit / n)))


def yearly_amounts(months: list[dict], tax: dict, start_year: int) -> dict[int, dict]:
    """P_Y, n_Y, GB_Y, S_Y, R_Y and T_Y (with I_Y and GewSt_Y) for every calendar year."""
    health = tax["health_insurance"]
    married = tax["household"] == "married"
    other = num(tax["other_taxable_income"])
    church_pct = num(tax["church_tax_pct"])
    years: dict[int, dict] = {}
    for row in months:
        year = years.setdefault(row["year"], {"n": 0, "profit": ZERO, "GB": ZERO})
        year["n"] += 1
        year["profit"] += row["tax_profit"]
        year["GB"] += row.get("benefit", ZERO)
    carry_trade = carry_income = ZERO
    for y, year in sorted(years.items()):
        k = constants_v3(y)
        n = year["n"]
        P = year["P"] = cents(year["profit"])
        average = P / n
        year["family_year"] = health == "family" and average <= k["FL"]

        # Health and care (S_Y, per month) and the pension (R_Y, per month).
        S = R = ZERO
        if health == "ksk":
            KB = cents(min(k["health_max"], max(k["BG"] / 6, average)))
            h = Fraction(146, 10) if tax["sick_pay"] else Fraction(14)
            extra, care = num(tax["health_extra_pct"]), num(tax["care_pct"])
            S = cents((h / 2 + extra / 2 + care - Fraction(18, 10)) / 100 * KB)
            year["base"] = KB
            R = cents(Fraction(93, 1000) * cents(min(k["BBG_RV"], max(Fraction(325), average))))
        else:
            if health == "statutory":
                # Reading: GB_Y counts for `statutory` only (`family` and `employed` cannot
                # have a grant; `other` pays nothing; `ksk` says "the grant not counted").
                year["base"] = _statutory_base(k, P + year["GB"], n)
                S = cents(_health_rate(tax) / 100 * year["base"])
            elif health == "family" and not year["family_year"]:
                year["base"] = _statutory_base(k, P, n)
                S = cents(_health_rate(tax) / 100 * year["base"])
            pension = tax["pension"]
            if pension == "founder_half" and y > start_year + 3:
                pension = "regular"  # after the founder years
            if pension == "regular":
                R = cents(Fraction(186, 1000) * k["BG"])
            elif pension == "founder_half":
                R = cents(Fraction(186, 1000) * k["BG"] / 2)
            elif pension == "income" and average > k["J"]:
                R = cents(Fraction(186, 1000) * cents(min(k["BBG_RV"], average)))
        year["S"], year["R"] = S, R

        # The trade-tax carry works on P_Y alone and gives U_Y (v2's step 2).
        if P < 0:
            carry_trade, U = carry_trade - P, ZERO
        else:
            used = min(carry_trade, P)
            carry_trade, U = carry_trade - used, P - used
        # The income-tax carry works on E_Y = O + P_Y.
        E = other + P
        if E < 0:
            carry_income, E_used = carry_income - E, ZERO
        else:
            used = min(carry_income, E)
            carry_income, E_used = carry_income - used, E - used

        if tax["trade"]:
            M = cents(Fraction(35, 1000) * max(0, floor(U / 100) * 100 - 24500))
            trade_tax = cents(M * num(tax["trade_tax_multiplier_pct"]) / 100)
        else:
            M = trade_tax = ZERO

        D = n * S + n * R
        x = floor(max(ZERO, E_used - D))
        x0 = floor(other)
        with_business, without = tariff_h(x, y, married), tariff_h(x0, y, married)
        est = with_business - without  # negative is possible
        credit = min(4 * M, trade_tax, Fraction(max(0, est)))
        est_after = est - credit
        soli = soli_h(with_business - credit, y, married) - soli_h(Fraction(without), y, married)
        church_tax = church(Fraction(with_business), church_pct) - church(
            Fraction(without), church_pct
        )
        year.update(U=U, E=E_used, D=D, x=x, x0=x0, ESt=est, M=M, GewSt=trade_tax, K=credit)
        year.update(soli=soli, church=church_tax)
        year["I"] = est_after + soli + church_tax
        year["T"] = year["I"] + trade_tax
    return years


def _regime_de(months: list[dict], tax: dict, a0: int, horizon: int) -> Fraction:
    """Accrued and paid taxes and contributions: "When the money leaves" with v3's town."""
    years = yearly_amounts(months, tax, a0 // 12)
    health = tax["health_insurance"]
    delay = tax["assessment_delay_months"]
    estimate = tax["prepayments"] == "estimate"
    # Statutory sick pay: only with the option and `statutory`, `family` or `ksk`; else no base.
    sick_pay_option = tax["sick_pay"] and health in ("statutory", "family", "ksk")

    def assessed(y: int) -> int:  # A(Y) as an absolute month
        return y * 12 + 11 + delay

    def prepayment_months_before(y: int, a: int, calendar: tuple[int, ...]) -> int:
        return sum(
            1
            for row in months
            if row["year"] == y and row["a"] < a and row["a"] % 12 + 1 in calendar
        )

    for row in months:
        year = years[row["year"]]
        row["taxes_accrued"] = year["T"] / year["n"]
        row["social_insurance_accrued"] = year["S"] + year["R"]
        row["pension_insurance"] = year["R"]
        row["taxes"] = ZERO
        row["social_insurance"] = year["R"]  # the pension: paid in every month, final
    for year in years.values():
        year["prepaid"] = year["prepaid_town"] = year["provisional"] = ZERO

    # Two payees: the tax office (I_Y, Mar/Jun/Sep/Dec, A(Y), B below 400 is 0) and the town
    # (GewSt_Y, Feb/May/Aug/Nov, A'(Y) = A(Y) + 1, B' below 200 is 0).
    payees = (
        ("I", "prepaid", OFFICE_MONTHS, 0, 400),
        ("GewSt", "prepaid_town", TOWN_MONTHS, 1, 200),
    )
    if estimate:
        for key, prepaid, calendar, later, _ in payees:
            for y, year in years.items():
                q = prepayment_months_before(y, (y + 1) * 12, calendar)
                for row in months:
                    if row["year"] == y and q and row["a"] % 12 + 1 in calendar:
                        row["taxes"] += year[key] / q
                        year[prepaid] += year[key] / q
                due = assessed(y) + later - a0
                if q == 0 and due < horizon:  # paid in full at A(Y) (the town: A(Y) + 1)
                    months[due]["taxes"] += year[key]
                    year[prepaid] += year[key]
        for row in months:  # health and care: S_Y in every month of Y
            year = years[row["year"]]
            row["social_insurance"] += year["S"]
            year["provisional"] += year["S"]
            row["sick_base"] = year.get("base", ZERO)  # base_Y (KB_Y); none in a family year
    else:
        for key, prepaid, calendar, later, limit in payees:
            for row in months:
                a, current = row["a"], years[row["year"]]
                done = [y for y in years if assessed(y) + later <= a]
                basis = years[max(done)][key] if done else ZERO
                if basis < limit:
                    basis = ZERO
                for y, year in years.items():
                    if assessed(y) + later == a:
                        # (a) the settlement of the year assessed
                        row["taxes"] += year[key] - year[prepaid]
                        # (b) the catch-up of this calendar year's prepayments so far
                        k = prepayment_months_before(row["year"], a, calendar)
                        catch_up = k * basis / 4 - current[prepaid]
                        row["taxes"] += catch_up
                        current[prepaid] += catch_up
                # (c) this quarter's prepayment
                if a % 12 + 1 in calendar:
                    row["taxes"] += basis / 4
                    current[prepaid] += basis / 4
        for row in months:
            a, current = row["a"], years[row["year"]]
            # (a) the health insurer settles the year assessed
            for y, year in years.items():
                if assessed(y) == a:
                    row["social_insurance"] += year["n"] * year["S"] - year["provisional"]
            # (d) the provisional contribution, on the latest assessed year's profit
            k = constants_v3(row["year"])
            done = [y for y in years if assessed(y) <= a]
            latest = years[max(done)] if done else None
            if health == "ksk":
                provisional = current["S"]  # paid in every month, final
                row["sick_base"] = current["base"]  # KB_Y
            elif health == "statutory":
                if latest is None:
                    base = k["health_min"]
                else:
                    base = _statutory_base(k, latest["P"] + latest["GB"], latest["n"])
                provisional = cents(_health_rate(tax) / 100 * base)
                row["sick_base"] = base  # the provisional base
            elif health == "family" and latest is not None and not latest["family_year"]:
                base = _statutory_base(k, latest["P"], latest["n"])
                provisional = cents(_health_rate(tax) / 100 * base)
                # Reading: `family` pays sick pay only in a month whose own calendar year is
                # not a family year, and then on the provisional base (0 when none is due).
                row["sick_base"] = ZERO if current["family_year"] else base
            else:  # `employed`, `other`, or `family` after a family year or before any
                provisional = ZERO
            row["social_insurance"] += provisional
            current["provisional"] += provisional

    if not sick_pay_option:
        for row in months:
            row["sick_base"] = ZERO
    owed = ZERO
    for y, year in years.items():
        if assessed(y) - a0 >= horizon:
            owed += year["I"] - year["prepaid"]
            if not estimate:
                owed += year["n"] * year["S"] - year["provisional"]
        if assessed(y) + 1 - a0 >= horizon:
            owed += year["GewSt"] - year["prepaid_town"]
    return owed


def _kpis(months: list[dict], starting: Fraction, owed_at_end: Fraction, noise: Fraction) -> dict:
    def first(test):
        return next((month_text(row["a"]) for row in months if test(row)), None)

    total = ZERO
    for row in months:
        # v3: break-even and self-sufficiency read business_costs + loan_interest
        costs = row["business_costs"] + row["loan_interest"]
        total += row["income"] - costs - row["taxes_accrued"]
        row["cumulative"] = total
        row["self_sufficient"] = (
            row["income"] - costs - row["taxes_accrued"] - row["social_insurance_accrued"]
            >= row["living_costs"] - noise
        )
        row["reserve_met"] = row["balance"] >= row["reserve_target"] - noise
    self_sufficient = first(lambda row: row["self_sufficient"])
    lost = None
    if self_sufficient is not None and not months[-1]["self_sufficient"]:
        last = max(i for i, row in enumerate(months) if row["self_sufficient"])
        lost = month_text(months[last + 1]["a"])
    held = None
    for row in reversed(months):  # the first month of the run of met months up to the end
        if not row["reserve_met"]:
            break
        held = month_text(row["a"])
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
        "reserve_reached_month": first(lambda row: row["reserve_met"]),
        "reserve_held_month": held,
        "runway_months": runway,
        "owed_at_end": out(owed_at_end),
    }

"""Speed of the planning model (issues 3 and 12), on one core. Prints figures; always exits 0.

Each figure is measured for regime `flat`, for regime `de` (trade tax, assessment timing,
small-business VAT that turns registered, a tenth of the costs a share of income), and for `de`
with v3's settings on (`with_v3`: married with other income, founder_half pension, a start
grant, two loans, the once costs written off over three years); then each again with long
illness on (`with_illness`: a 10 % chance a year of an illness of 3 months on average, a private
daily benefit of 50.00 from day 29, and in `de` statutory sick pay), in the same run so the
two can be compared under the same load. Wall and CPU (process) time are printed, and the load
average before and after.

Run from the repository root: `python bench/bench_projection.py` (or `make bench`);
`--illness` measures only the three regimes with long illness on.
"""

import dataclasses
import os
import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal as D
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ecareer.projection.engine import project
from ecareer.projection.model import (
    Category,
    CostBasis,
    CostItem,
    Frequency,
    Household,
    IncomeStream,
    Loan,
    LoanKind,
    Pension,
    Pricing,
    ReserveKind,
    ReserveTarget,
    RiskSettings,
    Scenario,
    StartGrant,
    TaxRegime,
    TaxSettings,
    YearMonth,
)
from ecareer.projection.risk import simulate

START = YearMonth(2027, 1)
FREQUENCIES = list(Frequency)


def _cost(i: int, regime: TaxRegime) -> CostItem:
    if regime == TaxRegime.DE and i % 10 == 9:  # a share of the sales, as goods for resale
        return CostItem(
            name=f"cost {i}",
            category=Category.GOODS,
            amount=D(2),
            frequency=Frequency.MONTHLY,
            start=START + (i % 24 - 6),
            basis=CostBasis.INCOME_SHARE,
            income=None if i % 20 == 9 else "income 0",
            vat_rate_pct=D(7),
        )
    return CostItem(
        name=f"cost {i}",
        category=list(Category)[i % len(Category)],
        amount=D(10 + i),
        frequency=FREQUENCIES[i % 4],
        start=START + (i % 24 - 6),
        end=None if i % 3 else START + 200,
        annual_increase_pct=D(2),
        share_pct=D(80),
        vat_rate_pct=(D(19), D(7), D(0))[i % 3],
    )


def scenario(items: int, horizon: int, paths: int, regime=TaxRegime.FLAT) -> Scenario:
    """A scenario with `items` items (3 costs to 1 income), all risks on."""
    n_incomes = max(1, items // 4)
    costs = tuple(_cost(i, regime) for i in range(items - n_incomes))
    incomes = tuple(
        IncomeStream(
            name=f"income {i}",
            pricing=Pricing.HOURLY,
            rate=D("20.50"),
            quantity=D(80),
            frequency=Frequency.MONTHLY,
            start=START + i,
            ramp_up_months=3,
            annual_increase_pct=D(2),
            performance_based=i % 2 == 0,
            vat_rate_pct=(D(19), D(7), D(0))[i % 3],
            prices_include_vat=i % 2 == 1,
        )
        for i in range(n_incomes)
    )
    return Scenario(
        name="bench",
        start=START,
        horizon_months=horizon,
        starting_balance=D(5000),
        living_monthly=D(1400),
        living_increase_pct=D(2),
        tax_rate_pct=D(25),
        costs=costs,
        incomes=incomes,
        reserve=ReserveTarget(kind=ReserveKind.MONTHS, months=D(6), deadline=START + 36),
        tax=TaxSettings(regime=regime, trade=True),
        risks=RiskSettings(
            sick_days_per_year=D(10),
            drought_chance_pct=D(10),
            drought_length_months=D(2),
            drought_income_drop_pct=D(50),
            paths=paths,
            seed=42,
        ),
    )


def with_v3(sc: Scenario) -> Scenario:
    """The scenario with v3's settings on (regime de)."""
    tax = dataclasses.replace(
        sc.tax,
        regime=TaxRegime.DE,
        household=Household.MARRIED,
        other_taxable_income=D(40000),
        pension=Pension.FOUNDER_HALF,
    )
    loans = (
        Loan("bank", D(25000), START, D("6.5"), 60, grace_months=6),
        Loan("KfW", D(10000), START + 3, D("3.1"), 96, 12, LoanKind.LINEAR),
    )
    costs = tuple(
        dataclasses.replace(c, useful_life_years=3)
        if c.frequency == Frequency.ONCE and c.basis == CostBasis.FIXED
        else c
        for c in sc.costs
    )
    return dataclasses.replace(
        sc, tax=tax, loans=loans, start_grant=StartGrant(D(1500)), costs=costs
    )


def with_illness(sc: Scenario) -> Scenario:
    """The scenario with long illness on (DESIGN.md v3): 10 % a year, 3 months, a private daily
    benefit of 50.00 from day 29; regime de keeps its statutory sick pay (the default)."""
    risks = dataclasses.replace(
        sc.risks,
        long_illness_chance_pct=D(10),
        long_illness_months=3,
        private_sick_pay_daily=D(50),
        private_sick_pay_from_day=29,
    )
    return dataclasses.replace(sc, risks=risks)


CPU_TIMES: list[float] = []  # the process time of the last median_ms, in ms


def median_ms(function, runs: int) -> float:
    """Median wall time in ms; the median process (CPU) time goes to CPU_TIMES, which a machine
    shared with other busy processes inflates far less."""
    times, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    CPU_TIMES[:] = [statistics.median(cpu) * 1000]
    return statistics.median(times) * 1000


def report(label: str, value: float, unit: str, target: float, cpu: float | None = None) -> None:
    verdict = "PASS" if value < target else "FAIL"
    extra = "" if cpu is None else f"  [CPU {cpu:.1f} {unit}]"
    print(f"{label:<48} {value:10.1f} {unit:<3} (target < {target:g} {unit})  {verdict}{extra}")


def measure(regime: TaxRegime, v3: bool = False, illness: bool = False) -> None:
    label = (" with v3 settings" if v3 else "") + (" with long illness" if illness else "")
    print(f"-- regime {regime.value}{label}")

    def change(sc: Scenario) -> Scenario:
        sc = with_v3(sc) if v3 else sc
        return with_illness(sc) if illness else sc

    plan_input = change(scenario(items=200, horizon=600, paths=1000, regime=regime))
    project(plan_input)  # warm-up
    report(
        "plan, 200 items x 600 months (median of 50)",
        median_ms(lambda: project(plan_input), 50),
        "ms",
        20,
        CPU_TIMES[0],
    )

    mid = change(scenario(items=30, horizon=360, paths=1000, regime=regime))
    mid_plan = project(mid)
    simulate(mid, mid_plan)
    report(
        "simulation, 1,000 paths x 360 months x 30 items",
        median_ms(lambda: simulate(mid, mid_plan), 20),
        "ms",
        50,
        CPU_TIMES[0],
    )

    big = dataclasses.replace(plan_input, risks=dataclasses.replace(plan_input.risks, paths=10_000))
    big_plan = project(big)
    tracemalloc.start()
    started, started_cpu = time.perf_counter(), time.process_time()
    simulate(big, big_plan)
    seconds, cpu = time.perf_counter() - started, time.process_time() - started_cpu
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report("simulation, 10,000 paths x 600 months x 200 items", seconds, "s", 1.5, cpu)
    report("  peak memory traced during it (numpy included)", peak / 2**20, "MiB", 500)


def main() -> None:
    print("load average (1, 5, 15 min) before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    only_illness = "--illness" in sys.argv[1:]
    for illness in (False, True) if not only_illness else (True,):
        for regime in (TaxRegime.FLAT, TaxRegime.DE):
            measure(regime, illness=illness)
        measure(TaxRegime.DE, v3=True, illness=illness)
    print("load average (1, 5, 15 min) after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print("  (tracemalloc: peak of Python and numpy allocations made during the simulation;")
    print(
        f"   whole-process peak RSS, interpreter and numpy libraries included: {max_rss:.0f} MiB)"
    )


if __name__ == "__main__":
    main()

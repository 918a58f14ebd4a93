"""Speed of the decisions and the sensitivity (issue 13), on one core. Prints figures; exits 0.

Targets (1,000 paths x 360 months): required price < 1.5 s (bisection on one set of random
numbers), required starting balance and affordable living costs < 100 ms (closed form plus one
simulation to check); the sensitivity of a 1,000-path x 120-month plan well under 2 s. Each
figure is measured for regime flat and for regime de (trade tax, assessment, small-business VAT
that turns registered; half the streams price VAT in, so the required price also runs the
upward scan of DESIGN.md). Wall and CPU (process) time are both printed: the machine is shared.

Run from the repository root: `python bench/bench_decisions.py` (or `make bench`).
"""

import dataclasses
import sys
from decimal import Decimal as D
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_projection import CPU_TIMES, median_ms, report, scenario, with_v3
from ecareer.projection import decisions
from ecareer.projection.model import TaxRegime
from ecareer.projection.risk import simulate
from ecareer.projection.sensitivity import sensitivity


def measure(regime: TaxRegime, v3: bool = False) -> None:
    print(f"-- regime {regime.value}{' with v3 settings' if v3 else ''}")
    change = with_v3 if v3 else (lambda sc: sc)
    # Living costs high enough that every answer lies away from the limits (factor above 1).
    sc = dataclasses.replace(
        change(scenario(items=30, horizon=360, paths=1000, regime=regime)),
        living_monthly=D(3000),
    )
    risk = D(5)
    name = sc.incomes[0].name
    cases = [
        ("required price, one stream, risk 5 %", lambda: decisions.required_price(sc, name, risk)),
        ("required price, all streams, risk 5 %", lambda: decisions.required_price(sc, None, risk)),
        ("required price, all streams, plan", lambda: decisions.required_price(sc)),
    ]
    for label, run in cases:
        answer = run()
        ms = median_ms(run, 3)
        print(f"   factor {answer.factor}, met {answer.met}, threshold {answer.threshold}")
        report(f"{label} (median of 3)", ms, "ms", 1500, CPU_TIMES[0])
    for label, run in [
        ("starting balance, risk 5 %", lambda: decisions.required_starting_balance(sc, risk)),
        ("living costs, risk 5 %", lambda: decisions.affordable_living_costs(sc, risk)),
    ]:
        answer = run()
        print(f"   value {answer.value}, met {answer.met}")
        report(f"{label} (median of 5)", median_ms(run, 5), "ms", 100, CPU_TIMES[0])
    at_hand = simulate(sc, keep_paths=True)  # the web's cached simulation, kept paths
    for label, run in [
        (
            "  starting balance, simulation at hand",
            lambda: decisions.required_starting_balance(sc, risk, at_hand),
        ),
        (
            "  living costs, simulation at hand",
            lambda: decisions.affordable_living_costs(sc, risk, at_hand),
        ),
    ]:
        report(f"{label} (median of 5)", median_ms(run, 5), "ms", 100, CPU_TIMES[0])

    small = dataclasses.replace(
        change(scenario(items=12, horizon=120, paths=1000, regime=regime)),
        living_monthly=D(3000),
    )
    rows = len(sensitivity(small).rows)
    report(
        f"sensitivity, 1,000 x 120, {rows} inputs (median of 5)",
        median_ms(lambda: sensitivity(small), 5),
        "ms",
        2000,
        CPU_TIMES[0],
    )
    rows = len(sensitivity(sc).rows)
    report(
        f"sensitivity, 1,000 x 360, {rows} inputs (median of 3)",
        median_ms(lambda: sensitivity(sc), 3),
        "ms",
        2000,
        CPU_TIMES[0],
    )


def main() -> None:
    for regime in (TaxRegime.FLAT, TaxRegime.DE):
        measure(regime)
    measure(TaxRegime.DE, v3=True)


if __name__ == "__main__":
    main()

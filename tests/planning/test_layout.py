"""The layout's two rules (README, "Layout"): money is computed only in ecareer/projection, and
every planning module stays short enough to read top to bottom."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The same pattern as the README's `git grep`: rounding, summing, and arithmetic on a name
# that holds money, anywhere but in the planning model.
MONEY_ARITHMETIC = re.compile(
    r"\bround\(|\.quantize\(|ROUND_|np\.(round|rint|sum|cumsum)\(|\bsum\(|\.sum\("
    r"|(amount|rate|price|balance|cost|income|total|monthly|share|value)[a-z_]*[])]* *[-+*/] "
)
MAX_LINES = 320  # "about 300"


def _python_files(folder: str) -> list[Path]:
    return [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]


def test_no_money_arithmetic_outside_the_planning_model():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _python_files("ecareer")
        if "projection" not in path.relative_to(ROOT / "ecareer").parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if MONEY_ARITHMETIC.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []


def test_the_rule_finds_what_it_is_meant_to_find():
    for line in ("x = round(total, 2)", "sum(amounts)", "a.quantize(CENT)", "item.amount * 2 "):
        assert MONEY_ARITHMETIC.search(line), line


def test_planning_modules_are_short():
    long = {
        str(path.relative_to(ROOT)): n
        for path in _python_files("ecareer/planning")
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}

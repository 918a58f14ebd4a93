"""`manage.py project_scenario`: the same table as the CLI, no database rows, one-line errors."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from ecareer.planning.models import Scenario
from ecareer.starters import starter_text

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_command_prints_the_csv_and_writes_no_rows(tmp_path):
    path = tmp_path / "shop.json"
    path.write_text(starter_text("online_shop"))
    out = StringIO()
    call_command("project_scenario", str(path), stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(
        "month,income,business_costs,taxes,living_costs,net_cash_flow,balance,reserve_target"
    )
    assert len(lines) == 1 + 36
    assert Scenario.objects.count() == 0


def test_command_reads_stdin_and_writes_json():
    result = subprocess.run(
        [sys.executable, "manage.py", "project_scenario", "-", "--format", "json"],
        cwd=ROOT,
        input=starter_text("call_center"),
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////nonexistent/x.db"},
    )
    # Runs even when no database can be opened: the command never touches one.
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("{")
    assert '"risk"' in result.stdout


def test_command_bad_file_exits_2_with_one_line(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(
        starter_text("online_shop").replace('"horizon_months": 36', '"horizon_months": 0')
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "project_scenario", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "horizon_months" in lines[0]
    assert "Traceback" not in result.stderr


def test_command_help_names_the_formats():
    result = subprocess.run(
        [sys.executable, "manage.py", "project_scenario", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    assert "--format" in result.stdout
    assert "csv" in result.stdout and "json" in result.stdout

"""The German catalogue is complete: every entry translated, none fuzzy, none missing from it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.checkers import python_format
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "de" / "LC_MESSAGES" / "django.po"
# The same as `make messages`.
IGNORE = [".venv/*", "tests/*", "bench/*", "staticfiles/*"]


def read_catalogue(path: Path):
    with path.open("rb") as file:
        return read_po(file, locale="de")


def translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def test_every_entry_is_translated_and_none_is_fuzzy():
    catalogue = read_catalogue(PO)
    entries = [m for m in catalogue if m.id]
    assert len(entries) > 300
    assert not catalogue.fuzzy, "the header is marked fuzzy: pybabel compile would skip the file"
    assert [m.id for m in entries if not translated(m)] == []
    assert [m.id for m in entries if "fuzzy" in m.flags] == []


def test_plural_entries_have_both_german_forms():
    catalogue = read_catalogue(PO)
    assert catalogue.num_plurals == 2
    plurals = [m for m in catalogue if m.id and m.pluralizable]
    assert plurals
    for message in plurals:
        assert len(message.string) == 2 and all(message.string), message.id


def test_placeholders_match():
    catalogue = read_catalogue(PO)
    for message in catalogue:
        if message.id:
            python_format(catalogue, message)  # raises TranslationError on a mismatch


def test_every_string_in_the_sources_is_in_the_catalogue(tmp_path):
    """Extract the strings afresh with `make messages`'s command, in a copy of the project.

    A copy, because makemessages writes into the locale folder beside the sources it reads.
    """
    if not shutil.which("xgettext"):
        pytest.fail("xgettext not found: run `make system-packages` (Debian's gettext)")
    skip = shutil.ignore_patterns("__pycache__", "*.mo")
    for folder in ("ecareer", "templates", "locale"):
        shutil.copytree(ROOT / folder, tmp_path / folder, ignore=skip)
    (tmp_path / "tests").mkdir()
    for name in ("__init__.py", "settings.py"):
        shutil.copy(ROOT / "tests" / name, tmp_path / "tests" / name)
    shutil.copy(ROOT / "manage.py", tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    command = [sys.executable, "manage.py", "makemessages", "-l", "de", "--no-obsolete"]
    for pattern in IGNORE:
        command += ["--ignore", pattern]
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True, timeout=300)

    fresh = read_catalogue(tmp_path / "locale" / "de" / "LC_MESSAGES" / "django.po")
    committed = {m.id for m in read_catalogue(PO) if m.id}
    in_sources = {m.id for m in fresh if m.id}
    assert sorted(map(str, in_sources - committed)) == [], "run `make messages` and translate"
    assert sorted(map(str, committed - in_sources)) == [], "entries no source uses any more"
    assert [m.id for m in fresh if m.id and not translated(m)] == []

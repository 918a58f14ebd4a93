"""The served plotly.js is the basic bundle of exactly the plotly.js the locked plotly ships."""

import hashlib
import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from plotly.offline import get_plotlyjs_version

ROOT = Path(__file__).resolve().parents[2]
LOCK = json.loads((ROOT / "vendor.lock.json").read_text())["plotly.js-basic-dist-min"]
BUNDLE = ROOT / LOCK["file"]


def banner_version(path: Path) -> str:
    """The version in the bundle's licence banner: `plotly.js (basic - minified) v4.1.1`."""
    head = path.read_bytes()[:200].decode()
    match = re.search(r"plotly\.js \(basic - minified\) v(\d+\.\d+\.\d+)", head)
    assert match, f"{path} is not plotly.js's basic bundle: {head!r}"
    return match[1]


def test_recorded_version_is_the_one_plotly_py_ships():
    # Fails after `uv lock` moves plotly to another plotly.js: run `make plotly-js UPDATE=1`.
    assert LOCK["version"] == get_plotlyjs_version()


def test_committed_bundle_is_that_version():
    assert banner_version(BUNDLE) == get_plotlyjs_version()


def test_committed_bundle_has_the_recorded_hash():
    assert hashlib.sha256(BUNDLE.read_bytes()).hexdigest() == LOCK["sha256"]


def test_lock_names_the_npm_tarball_of_that_version_with_its_integrity():
    version = LOCK["version"]
    assert LOCK["source"].endswith(f"/plotly.js-basic-dist-min-{version}.tgz")
    assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", LOCK["integrity"])


def test_the_static_path_serves_the_bundle_and_nothing_else():
    # One file answers `vendor/plotly.min.js`: the basic bundle, not plotly.py's full 4.8 MB one.
    found = finders.find("vendor/plotly.min.js", find_all=True)
    assert [Path(path).resolve() for path in found] == [BUNDLE.resolve()]

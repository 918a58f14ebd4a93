"""Static plotly.js precompressed (brotli, gzip) by WhiteNoise; pages, JSON and CSV gzipped."""

import gzip
import re
from pathlib import Path

import brotli
import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from ecareer.planning import convert
from ecareer.starters import load_starter

ROOT = Path(__file__).resolve().parents[2]
PLOTLY = (ROOT / "static" / "vendor" / "plotly.min.js").read_bytes()


@pytest.fixture(scope="module")
def production_static(tmp_path_factory):
    """collectstatic with the production storage (hashed, compressed), served by WhiteNoise."""
    root = tmp_path_factory.mktemp("staticfiles")
    production = {
        "STATIC_ROOT": root,
        "STORAGES": {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "ecareer.staticfiles.StaticFilesStorage"},  # production's
        },
        "WHITENOISE_USE_FINDERS": False,
        "WHITENOISE_AUTOREFRESH": False,
    }
    with override_settings(**production):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        yield staticfiles_storage.url("vendor/plotly.min.js")


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("identity", None, lambda body: body),
    ],
)
def test_static_plotly_is_served_precompressed(production_static, accept, encoding, decode):
    url = production_static
    assert url.startswith("/static/vendor/plotly.min.") and url.endswith(".js")  # hashed name
    response = Client().get(url, headers={"accept-encoding": accept})
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert response.get("Content-Encoding") == encoding
    assert "Accept-Encoding" in response["Vary"]
    assert decode(body) == PLOTLY
    if encoding:
        assert len(body) < len(PLOTLY) / 3


def test_brotli_is_smaller_than_gzip(production_static):
    sizes = {}
    for accept in ("br", "gzip"):
        response = Client().get(production_static, headers={"accept-encoding": accept})
        sizes[accept] = len(b"".join(response.streaming_content))
    assert sizes["br"] < sizes["gzip"]


@pytest.fixture
def scenario(owner):
    return convert.create_scenario(owner, load_starter("online_shop"))


def _gzipped(response) -> bytes:
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    return gzip.decompress(response.content)


def test_landing_page_html_is_gzipped(client, db):
    html = _gzipped(client.get("/", headers={"accept-encoding": "gzip, br"}))
    assert html.startswith(b"<!doctype html>") and b"</html>" in html


def test_scenario_page_csv_and_json_are_gzipped(owner_client, scenario):
    gz = {"accept-encoding": "gzip"}
    page = _gzipped(owner_client.get(scenario.get_absolute_url(), headers=gz))
    assert scenario.name.encode() in page
    csv = _gzipped(owner_client.get(f"/scenarios/{scenario.pk}/projection.csv", headers=gz))
    assert csv.startswith(b"month,")
    exported = _gzipped(owner_client.get(f"/scenarios/{scenario.pk}/export.json", headers=gz))
    assert exported.startswith(b"{") and b'"format": "ecareer.scenario/' in exported


def test_no_compression_for_a_client_that_does_not_ask(client, db):
    response = client.get("/")
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"<!doctype html>")


def test_each_static_url_is_the_hashed_one_and_looked_up_once(production_static, monkeypatch):
    from django.contrib.staticfiles.storage import staticfiles_storage
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    assert re.fullmatch(r"/static/vendor/plotly\.min\.[0-9a-f]{12}\.js", production_static)
    looked_up = []
    real = CompressedManifestStaticFilesStorage.url

    def counting(self, name, force=False):
        looked_up.append(name)
        return real(self, name, force)

    monkeypatch.setattr(CompressedManifestStaticFilesStorage, "url", counting)
    first = staticfiles_storage.url("css/ecareer.css")
    assert staticfiles_storage.url("css/ecareer.css") == first
    assert re.fullmatch(r"/static/css/ecareer\.[0-9a-f]{12}\.css", first)
    assert looked_up.count("css/ecareer.css") <= 1  # none if an earlier test asked it

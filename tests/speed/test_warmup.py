"""gunicorn preloads the app and warms it in the master, touching no database."""

import runpy
import sys
from pathlib import Path

from django.core.cache import cache

from ecareer.warmup import warm

ROOT = Path(__file__).resolve().parents[2]


def test_gunicorn_config_preloads_and_warms():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["preload_app"] is True
    assert callable(config["when_ready"])


def test_warm_up_imports_the_views_and_draws_without_a_query(db, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(0):
        warm()
    assert "ecareer.planning.views" in sys.modules or "ecareer.planning.editor" in sys.modules
    assert "plotly.graph_objects" in sys.modules


def test_when_ready_warms_and_freezes_what_the_master_holds(db):
    import gc
    import logging

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    class Server:  # what when_ready uses of gunicorn's arbiter
        log = logging.getLogger("gunicorn.test")

    held = []  # made before: tracked by the collector until the freeze
    assert any(o is held for o in gc.get_objects())
    try:
        config["when_ready"](Server())
        assert gc.get_freeze_count() > 0
        assert not any(o is held for o in gc.get_objects())  # frozen: in no generation
    finally:
        gc.unfreeze()

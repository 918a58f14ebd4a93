"""gunicorn's settings for `gunicorn ecareer.wsgi` (gunicorn reads ./gunicorn.conf.py by itself).

The app is loaded and warmed once in the master before the workers fork, so no visitor pays a
worker's first-request imports (0.5-1 s); then what it holds is frozen out of the garbage
collector's reach (`ecareer.warmup.freeze`); workers come from WEB_CONCURRENCY or `-w`.
"""

preload_app = True


def when_ready(server):
    """Warm the preloaded app in the master: the forked workers inherit it ready."""
    from ecareer.warmup import freeze, warm

    warm()
    freeze()
    server.log.info("ecareer warmed up")

"""A static-files finder that serves plotly.js from the plotly package, so no copy is committed."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_STATIC_PATH = "vendor/plotly.min.js"
_PLOTLY_FILE = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


class PlotlyJsFinder(BaseFinder):
    """Finds exactly one file, `vendor/plotly.min.js`, inside the installed plotly package."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=_PLOTLY_FILE.parent)
        self.storage.prefix = "vendor"  # collectstatic copies it to vendor/plotly.min.js

    def check(self, **kwargs):
        """Report nothing: plotly is a hard dependency, its file is always there."""
        return []

    def find(self, path, find_all=False, **kwargs):
        """Return the package's plotly.min.js for its one static path."""
        if path != PLOTLY_STATIC_PATH:
            return [] if find_all else None
        return [str(_PLOTLY_FILE)] if find_all else str(_PLOTLY_FILE)

    def list(self, ignore_patterns):
        """Give collectstatic the one file."""
        yield _PLOTLY_FILE.name, self.storage

"""WhiteNoise's compressed, hashed static files, each file's URL looked up once per process.

Every page names some eight static files (`{% static %}`); the manifest storage works out each
hashed URL anew (manifest lookup, quoting, joining): about 20 µs a file, a tenth of the scenario
page's template time. The manifest is fixed while a process runs (DEBUG off; with DEBUG on Django's
plain storage serves), so a URL once found stays right.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """CompressedManifestStaticFilesStorage with each URL kept once found."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False) -> str:
        if force:  # collectstatic's own lookups: as WhiteNoise answers them
            return super().url(name, force=True)
        found = self._urls.get(name)
        if found is None:
            found = self._urls[name] = super().url(name)
        return found

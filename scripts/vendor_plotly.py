"""Fetch plotly.js's basic bundle (bar, scatter, pie) for the plotly.js the locked plotly ships.

`make plotly-js` runs it. It reads plotly.py's plotly.js version, fetches the npm package
`plotly.js-basic-dist-min` of that exact version with npm, checks the tarball against the
integrity recorded in `vendor.lock.json`, and writes `static/vendor/plotly.min.js`, which must
match the recorded SHA-256. After `uv lock` moves plotly to another plotly.js, run
`make plotly-js UPDATE=1`: it records the npm registry's integrity of the new version and the
file's hash (review the diff and commit both). tests/speed/test_plotly_bundle.py fails until then.
"""

import argparse
import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "vendor.lock.json"
PACKAGE = "plotly.js-basic-dist-min"
MEMBER = "package/plotly-basic.min.js"


def plotly_py_js_version() -> str:
    """The plotly.js version the installed (locked) plotly package ships."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()


def npm_pack(spec: str, into: Path) -> tuple[Path, str]:
    """Download `spec` with npm (which checks the registry's integrity); the tarball and it."""
    result = subprocess.run(  # noqa: S603 -- fixed arguments, the package name is ours
        ["npm", "pack", spec, "--json", "--pack-destination", str(into)],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(result.stdout)[0]
    return into / info["filename"], info["integrity"]


def sri_sha512(path: Path) -> str:
    """The Subresource-Integrity string npm records for a tarball."""
    digest = hashlib.sha512(path.read_bytes()).digest()
    return "sha512-" + base64.b64encode(digest).decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--update",
        action="store_true",
        help="record the npm registry's integrity and the file hash of the version plotly ships",
    )
    args = parser.parse_args()

    lock = json.loads(LOCK.read_text())
    entry = lock[PACKAGE]
    version = plotly_py_js_version()
    if entry["version"] != version and not args.update:
        print(
            f"plotly ships plotly.js {version}, {LOCK.name} records {entry['version']}: "
            "run `make plotly-js UPDATE=1` and review the new hashes",
            file=sys.stderr,
        )
        return 1

    with tempfile.TemporaryDirectory() as tmp:
        tarball, npm_integrity = npm_pack(f"{PACKAGE}@{version}", Path(tmp))
        integrity = sri_sha512(tarball)
        if integrity != npm_integrity:
            print(
                f"npm reported {npm_integrity}, the tarball hashes to {integrity}", file=sys.stderr
            )
            return 1
        if not args.update and integrity != entry["integrity"]:
            print(f"{tarball.name}: {integrity} is not the recorded {entry['integrity']}")
            return 1
        with tarfile.open(tarball) as archive:
            source = archive.extractfile(MEMBER)
            if source is None:
                print(f"{tarball.name} holds no {MEMBER}", file=sys.stderr)
                return 1
            content = source.read()

    sha256 = hashlib.sha256(content).hexdigest()
    if not args.update and sha256 != entry["sha256"]:
        print(f"{MEMBER}: sha256 {sha256} is not the recorded {entry['sha256']}", file=sys.stderr)
        return 1
    target = ROOT / entry["file"]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    if args.update:
        source = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{version}.tgz"
        entry.update(version=version, integrity=integrity, sha256=sha256, source=source)
        LOCK.write_text(json.dumps(lock, indent=2) + "\n")
    print(f"{entry['file']}: {PACKAGE}@{version}, {len(content):,} bytes, sha256 {sha256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

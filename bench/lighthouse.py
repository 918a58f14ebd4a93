"""Lighthouse performance scores of the scenario page and the shared report (desktop). Exits 0.

Run from the repository root: `python bench/lighthouse.py` (or `make lighthouse`). It installs
the npm package `lighthouse` (version pinned below) into ~/.cache/ecareer-bench once, starts
ecareer under `gunicorn -w 2` as bench/server.py does (DEBUG off, SQLite in a temporary folder,
the online-shop starter over BENCH_HORIZON=36 months), and runs Lighthouse with Debian's
Chromium (CHROME_PATH, default /usr/bin/chromium) against the scenario page (signed in through
the session cookie) and the share link's report, `--runs` times each; the median score counts.
It prints each metric's median and range, and the load average: other jobs on the machine add
blocking time. `--control` also scores a hello-world page, the best this machine's load allows.
A run that Lighthouse ends with "Something went wrong with recording the trace" (NO_NAVSTART),
as it can under heavy load, is run once more, and the output says so; any other error stops.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.server import running_server

LIGHTHOUSE_VERSION = "13.5.0"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "ecareer-bench"
PREFIX = CACHE / f"lighthouse-{LIGHTHOUSE_VERSION}"
CLI = PREFIX / "node_modules" / ".bin" / "lighthouse"
CHROME_PATH = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
HORIZON = int(os.environ.get("BENCH_HORIZON", "36"))
GOAL = 95
TRACE_CRASH = ("Something went wrong with recording the trace", "NO_NAVSTART")
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def install() -> None:
    """npm install lighthouse@LIGHTHOUSE_VERSION into the cache folder, once."""
    if CLI.exists():
        return
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {PREFIX} …", flush=True)
    PREFIX.mkdir(parents=True, exist_ok=True)
    options = ["--prefix", str(PREFIX), "--no-audit", "--no-fund", "--loglevel=error"]
    subprocess.run(["npm", "install", *options, f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)


def audit(url: str, headers: dict[str, str], out: Path) -> dict:
    """One Lighthouse run (desktop preset, performance only); its JSON report. A run whose trace
    recording failed (NO_NAVSTART, seen under load) is retried once; other errors raise."""
    command = [str(CLI), url, "--preset=desktop", "--only-categories=performance"]
    command += ["--output=json", f"--output-path={out}", "--quiet"]
    command += ["--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    for attempt in (1, 2):
        run = subprocess.run(command, env=env, stderr=subprocess.PIPE, text=True)
        sys.stderr.write(run.stderr)
        if attempt == 1 and run.returncode and all(part in run.stderr for part in TRACE_CRASH):
            print(f"      Lighthouse lost the trace of {url} (NO_NAVSTART): running it once more")
            continue
        run.check_returncode()
        return json.loads(out.read_text())


def metric_line(reports: list[dict]) -> str:
    """Each metric's median and range over the runs (Lighthouse's simulated desktop figures)."""
    parts = []
    for key, name in METRICS.items():
        values = [report["audits"][key]["numericValue"] for report in reports]
        if key == "cumulative-layout-shift":
            shown = [f"{value:.3f}" for value in (statistics.median(values), *sorted(values))]
        elif key == "total-blocking-time":
            shown = [f"{value:.0f} ms" for value in (statistics.median(values), *sorted(values))]
        else:
            shown = [
                f"{value / 1000:.2f} s" for value in (statistics.median(values), *sorted(values))
            ]
        parts.append(f"{name} {shown[0]} ({shown[1]}-{shown[-1]})")
    return ", ".join(parts)


def summary(report: dict) -> str:
    """Bytes, main-thread time, its largest scripts, long tasks and how plotly.js came: not at
    all, as a script (run), or as text only (the report's idle prefetch, js/charts.js)."""
    audits = report["audits"]
    transfer = audits["total-byte-weight"]["numericValue"] / 1000
    scripts = sorted(audits["bootup-time"]["details"]["items"], key=lambda item: -item["total"])[:2]
    cpu = "; ".join(f"{short(item['url'])} {item['total']:.0f} ms" for item in scripts)
    tasks = audits.get("long-tasks", {}).get("details", {}).get("items", [])
    long_tasks = ", ".join(f"{short(task['url'])} {task['duration']:.0f} ms" for task in tasks)
    requests = audits["network-requests"]["details"]["items"]
    kinds = {request.get("resourceType") for request in requests if "plotly" in request["url"]}
    plotly = "script (run)" if "Script" in kinds else "text only" if kinds else "no"
    return (
        f"{transfer:,.0f} KB transferred; main thread "
        + audits["mainthread-work-breakdown"]["displayValue"]
        + f" (most CPU: {cpu or 'none'}); long tasks: {long_tasks or 'none'}; "
        + f"plotly.js fetched: {plotly}"
    )


def short(url: str) -> str:
    """A script's file name, "document" for the page itself, or Lighthouse's own label."""
    if not url.startswith("http"):
        return url
    name = url.rstrip("/").rsplit("/", 1)[-1]
    return name if "." in name else "document"


def load() -> str:
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="A run that fails to record its trace (NO_NAVSTART) is retried once.",
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    parser.add_argument("--save", type=Path, help="keep the JSON reports in this folder")
    parser.add_argument(
        "--control",
        action="store_true",
        help="also score a hello-world page: what this machine's load allows at best",
    )
    args = parser.parse_args()
    if not Path(CHROME_PATH).exists():
        sys.exit(f"no Chromium at {CHROME_PATH}: apt-get install -y chromium, or set CHROME_PATH")
    install()
    with running_server(horizon=HORIZON) as server, tempfile.TemporaryDirectory() as tmp:
        folder = args.save or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        pages = {
            f"scenario page ({HORIZON} months)": (
                server.scenario_url,
                {"Cookie": server.session_cookie},
            ),
            "shared report": (server.report_url, {}),
        }
        if args.control:
            pages["hello-world page (control)"] = ("/bench/hello.html", {})
        print(f"Lighthouse {LIGHTHOUSE_VERSION}, desktop preset, {CHROME_PATH}, {args.runs} runs")
        for number, (label, (path, headers)) in enumerate(pages.items()):
            before = load()
            reports = [
                audit(server.base_url + path, headers, folder / f"page{number}-run{i}.json")
                for i in range(args.runs)
            ]
            scores = [
                round(report["categories"]["performance"]["score"] * 100) for report in reports
            ]
            median = statistics.median(scores)
            middle = sorted(reports, key=lambda r: r["categories"]["performance"]["score"])
            verdict = "PASS" if median >= GOAL else "FAIL"
            print(f"  {label:<26} performance {median:g} {scores} (goal >= {GOAL}) {verdict}")
            print(f"      {metric_line(reports)}")
            print(f"      middle run: {summary(middle[len(middle) // 2])}")
            print(f"      {before} before, {load()} after (1, 5, 15 minutes)")


if __name__ == "__main__":
    main()

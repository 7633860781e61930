"""Benchmark: what a planner waits for, in the real app and the real CLI.

Drives ``streamlit run streamlit_app.py`` in headless Chromium (Debian's
``/usr/bin/chromium`` through Playwright) and times, for each checkout given
with ``--repo`` (default: this one), the figures of the app-speed issue:

* **cold first map**: server started, page opened, until the carrier markers
  and the layer control are drawn (a new server per run);
* **warm first map**: a new page on a running, warmed server, until drawn;
* **interactions** (switch basemap, language, city; search a carrier; open
  the targets tab): from the action until the page is idle again (Streamlit
  reports no script running and the map is drawn);
* **concurrent sessions**: N fresh pages opened at once, until every one has
  drawn its map, and the server's peak memory (RSS of its process group);
* **CLI**: ``carrier-map --help`` and ``carrier-map analyse --city 洛阳市``
  (wall time of the whole process) and the size of what ``analyse`` writes.

Each figure is the median of ``--runs`` runs (min and max beside it). Give
two ``--repo`` paths to compare a version with another; each is run from its
own folder with its own packages first on the path, in the same virtualenv.

Run (after ``bash scripts/setup.sh --test``)::

    .venv/bin/python benchmarks/bench_app.py --runs 3
    git worktree add /tmp/before <commit> && ln -s "$PWD/static" /tmp/before/static
    .venv/bin/python benchmarks/bench_app.py --repo /tmp/before --repo . --runs 3

Targets (app-speed issue): warm first map ≤ 1.5 s, cold ≤ 4 s, an
interaction that starts no named computation ≤ 0.5 s, 20 sessions drawn
within 10 s with the server ≤ 800 MB, ``--help`` ≤ 0.5 s, ``analyse`` ≤ 10 s
writing ≤ 10 MB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests" / "e2e"))

from harness import CHROMIUM, free_port, healthy, launch_chromium  # noqa: E402

try:
    from playwright.sync_api import Frame, Page, sync_playwright
except ImportError:  # pragma: no cover - said at start
    sync_playwright = None  # type: ignore[assignment]

TIMEOUT_S = 240.0

#: JavaScript: the map is drawn (markers and the layer control are there).
DRAWN_JS = """() => !!document.querySelector('.leaflet-control-layers')
    && document.querySelectorAll('.carrier-marker, .marker-cluster').length > 0"""


@dataclass
class Figures:
    """Seconds (or bytes) per figure, one list entry per run."""

    values: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)


# --- the server ------------------------------------------------------------


def _group_rss(pgid: int) -> int:
    """Resident memory of every process in the group, bytes."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except (OSError, ValueError, ProcessLookupError):
            continue
    return total


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    started: float
    peak_rss: int = 0

    def rss(self) -> int:
        return _group_rss(self.process.pid)


@contextmanager
def streamlit(repo: Path, work: Path) -> Iterator[Server]:
    """``streamlit run`` of ``repo``'s app, from ``repo``, its packages first."""
    port = free_port()
    env = dict(os.environ)
    env["PYTHONPATH"] = str(repo)
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env["CARRIER_MAP_DATA_DIR"] = str(repo / "data")
    log = (work / f"streamlit-{port}.log").open("wb")
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(repo / "streamlit_app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.enableStaticServing",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=repo,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start for {repo}")
            time.sleep(0.05)
        yield Server(url, process, started)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        log.close()


# --- the page --------------------------------------------------------------


def _drawn_frame(page: Page) -> Frame | None:
    for frame in page.frames:
        try:
            if not frame.is_detached() and frame.evaluate(DRAWN_JS):
                return frame
        except Exception:  # a frame may detach while we look
            continue
    return None


def _running(page: Page) -> bool:
    """Whether Streamlit runs the script (its root says so in ``data-test-script-state``)."""
    try:
        return bool(
            page.evaluate(
                "() => document.querySelector('[data-testid=\"stApp\"]')"
                "?.getAttribute('data-test-script-state') === 'running'"
            )
        )
    except Exception:
        return True


def wait_drawn(page: Page, *, timeout: float = TIMEOUT_S) -> float:
    """Seconds until the page shows a drawn map."""
    t0 = time.perf_counter()
    while _drawn_frame(page) is None:
        if time.perf_counter() - t0 > timeout:
            raise TimeoutError("the map was not drawn")
        page.wait_for_timeout(25)
    return time.perf_counter() - t0


#: JavaScript: record every change of Streamlit's script state from now on
#: (a short run can start and end between two polls); returns the page clock.
WATCH_RUNS_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__benchRuns = [];
  if (window.__benchObserver) { window.__benchObserver.disconnect(); }
  if (app) {
    window.__benchObserver = new MutationObserver(() => window.__benchRuns.push(
        [performance.now(), app.getAttribute('data-test-script-state')]));
    window.__benchObserver.observe(app, {attributes: true,
                                         attributeFilter: ['data-test-script-state']});
  }
  return performance.now();
}"""


def watch_runs(page: Page) -> float:
    """Start recording script runs on ``page``; returns the page's clock (ms)."""
    try:
        return float(page.evaluate(WATCH_RUNS_JS))
    except Exception:  # the page navigates: no record, polling alone
        return float("nan")


def _last_run_end(page: Page, clock0: float) -> float | None:
    """Seconds after ``clock0`` (page clock, ms) when a recorded script run last ended."""
    try:
        runs = page.evaluate("() => window.__benchRuns || []")
    except Exception:
        return None
    ends = [t for t, state in runs if state != "running"]
    return (max(ends) - clock0) / 1000 if ends and clock0 == clock0 else None


def wait_idle(
    page: Page,
    t0: float,
    *,
    quiet: float = 1.0,
    need_map: bool = True,
    clock0: float = float("nan"),
) -> float:
    """Seconds from ``t0`` until the page was last busy (a script running or no map drawn).

    The page counts as idle once it has stayed quiet for ``quiet`` seconds;
    the figure is when that quiet spell began, so it does not include it.
    With ``clock0`` (from :func:`watch_runs`, taken at ``t0``) a run too
    short to be seen by polling still counts: the figure is at least when
    the last recorded run ended.
    """
    last_busy = t0
    while True:
        now = time.perf_counter()
        if _running(page) or (need_map and _drawn_frame(page) is None):
            last_busy = now
        elif now - last_busy > quiet:
            ended = _last_run_end(page, clock0)
            return max(last_busy - t0, ended or 0.0)
        if now - t0 > TIMEOUT_S:
            raise TimeoutError("the page did not become idle")
        page.wait_for_timeout(20)


def _select(page: Page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label).first.click()
    # Exact: "Luohe" must not pick "Luoyang + Luohe", the value already chosen
    # (which starts no rerun at all).
    page.get_by_role("option", name=option, exact=True).first.click()


def _click_carrier(page: Page) -> None:
    """Click a carrier marker on the map (Leaflet's handler, whatever is on top)."""
    frame = _drawn_frame(page)
    assert frame is not None
    frame.locator(".carrier-marker").first.dispatch_event("click")


def _search(page: Page, text: str) -> None:
    box = page.get_by_label("Search").first
    box.fill(text)
    box.press("Enter")


def _open_targets(page: Page) -> None:
    """The targets page: a tab in versions with tabs, else the page switch."""
    tabs = page.get_by_role("tab")
    if tabs.count() > 1:
        tabs.nth(1).click()
    else:
        page.locator("[data-testid='stRadio']").get_by_text("Targets", exact=True).click()


INTERACTIONS: dict[str, Callable[[Page], None]] = {
    "switch basemap": lambda p: _select(p, "Basemap", "Gaode (AMap) roads"),
    "switch city": lambda p: _select(p, "City", "Luohe"),
    "switch language": lambda p: p.get_by_text("中文", exact=True).first.click(),
    "search a carrier": lambda p: _search(p, "智慧岛"),
    "click a carrier": _click_carrier,
    "open the targets page": lambda p: _open_targets(p),
}


def measure_app(repo: Path, runs: int, sessions: int, figures: Figures) -> None:
    assert sync_playwright is not None
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    with sync_playwright() as pw:
        for run in range(runs):
            profile = work / f"profile-cold-{run}"
            context = launch_chromium(pw, profile, viewport=(1366, 768))
            try:
                with streamlit(repo, work) as server:
                    page = context.new_page()
                    page.goto(f"{server.url}/?lang=en", wait_until="commit")
                    wait_drawn(page)
                    figures.add("cold server → first map", time.perf_counter() - server.started)
                    for name, act in INTERACTIONS.items():
                        page.goto(f"{server.url}/?lang=en", wait_until="commit")
                        wait_drawn(page)
                        page.wait_for_timeout(300)
                        clock0 = watch_runs(page)
                        t0 = time.perf_counter()
                        act(page)
                        figures.add(
                            name,
                            wait_idle(
                                page, t0, need_map=name != "open the targets page", clock0=clock0
                            ),
                        )
                    for _ in range(2):
                        page2 = context.new_page()
                        t0 = time.perf_counter()
                        page2.goto(f"{server.url}/?lang=en", wait_until="commit")
                        wait_drawn(page2)
                        figures.add("warm page → first map", time.perf_counter() - t0)
                        page2.close()
            finally:
                context.close()
        if sessions < 1:
            shutil.rmtree(work, ignore_errors=True)
            return
        # Concurrent sessions: one server, N fresh pages at once.
        profile = work / "profile-many"
        context = launch_chromium(pw, profile, viewport=(1366, 768))
        try:
            with streamlit(repo, work) as server:
                warm = context.new_page()
                warm.goto(f"{server.url}/?lang=en", wait_until="commit")
                wait_drawn(warm)
                warm.close()
                peak = [server.rss()]
                stop = threading.Event()

                def watch() -> None:
                    while not stop.is_set():
                        peak[0] = max(peak[0], server.rss())
                        time.sleep(0.2)

                watcher = threading.Thread(target=watch, daemon=True)
                watcher.start()
                pages = [context.new_page() for _ in range(sessions)]
                t0 = time.perf_counter()
                for p in pages:
                    p.goto(f"{server.url}/?lang=en", wait_until="commit")
                pending = set(range(sessions))
                while pending and time.perf_counter() - t0 < TIMEOUT_S:
                    for i in list(pending):
                        if _drawn_frame(pages[i]) is not None:
                            pending.discard(i)
                    pages[0].wait_for_timeout(100)
                elapsed = time.perf_counter() - t0
                stop.set()
                watcher.join()
                figures.add(
                    f"{sessions} sessions → all drawn",
                    elapsed if not pending else float("inf"),
                )
                figures.add(f"{sessions} sessions: drawn", sessions - len(pending))
                figures.add("server peak memory (MB)", peak[0] / 1e6)
        finally:
            context.close()
    shutil.rmtree(work, ignore_errors=True)


def measure_cli(repo: Path, runs: int, figures: Figures) -> None:
    env = dict(os.environ, PYTHONPATH=str(repo), CARRIER_MAP_DATA_DIR=str(repo / "data"))
    base = [sys.executable, "-m", "geo_app.cli"]
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run([*base, "--help"], cwd=repo, env=env, check=True, capture_output=True)
        figures.add("carrier-map --help", time.perf_counter() - t0)
    out = Path(tempfile.mkdtemp(prefix="bench-analyse-"))
    try:
        for run in range(runs):
            target = out / f"run{run}"
            t0 = time.perf_counter()
            subprocess.run(
                [*base, "analyse", "--city", "洛阳市", "--out", str(target)],
                cwd=repo,
                env=env,
                check=True,
                capture_output=True,
            )
            figures.add("carrier-map analyse --city 洛阳市", time.perf_counter() - t0)
            size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
            figures.add("analyse output (MB)", size / 1e6)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def _cell(values: list[float]) -> str:
    if any(v == float("inf") for v in values):
        return "not all drawn"
    med = statistics.median(values)
    if len(values) == 1 or min(values) == max(values):
        return f"{med:.2f}"
    return f"{med:.2f} ({min(values):.2f}–{max(values):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repo", action="append", type=Path, help="checkout(s) to measure")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=20, help="0: no concurrent sessions")
    parser.add_argument("--skip-app", action="store_true", help="CLI figures only")
    parser.add_argument("--skip-cli", action="store_true", help="app figures only")
    args = parser.parse_args(argv)
    repos = [r.resolve() for r in (args.repo or [REPO_ROOT])]
    if not args.skip_app and (sync_playwright is None or not CHROMIUM.is_file()):
        print("needs playwright and /usr/bin/chromium (bash scripts/setup.sh --test)")
        return 2
    results: list[Figures] = []
    for repo in repos:
        figures = Figures()
        print(f"measuring {repo} …", file=sys.stderr, flush=True)
        if not args.skip_cli:
            measure_cli(repo, args.runs, figures)
        if not args.skip_app:
            measure_app(repo, args.runs, args.sessions, figures)
        results.append(figures)
    names = list(dict.fromkeys(n for f in results for n in f.values))
    width = max(len(n) for n in names) + 2
    print(f"{'figure (seconds unless stated)':<{width}}" + "".join(f"{r.name:>28}" for r in repos))
    for name in names:
        row = "".join(f"{_cell(f.values.get(name, [float('nan')])):>28}" for f in results)
        print(f"{name:<{width}}{row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

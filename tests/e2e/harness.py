"""Helpers to drive headless Chromium against a Streamlit app or a map file.

Used by the end-to-end tests (through ``conftest.py``) and by the map-render
benchmark. Nothing here imports pytest.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import (
        BrowserContext,
        Frame,
        Locator,
        Page,
        Playwright,
        Request,
        Route,
    )

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "COUNT_MARKERS_JS",
    "ExternalRequests",
    "MarkerCount",
    "click_until_shown",
    "count_markers",
    "free_port",
    "healthy",
    "is_local_url",
    "is_tile_url",
    "launch_chromium",
    "map_frame",
    "running_streamlit",
    "settled",
]

CHROMIUM = Path("/usr/bin/chromium")
REPO_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = REPO_ROOT / "static"
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
_TILE_PATH_RE = re.compile(r"/\d+/\d+/\d+(@2x)?\.(png|jpe?g|webp|pbf)$", re.IGNORECASE)
_TILE_QUERY_RE = re.compile(r"[?&]x=\d+&y=\d+&z=\d+", re.IGNORECASE)  # AMap style


def is_local_url(url: str) -> bool:
    """True for URLs that never leave the machine (127.0.0.1, data:, file:, about:)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "file", "about", "chrome", "devtools"}:
        return True
    return (parts.hostname or "") in _LOCAL_HOSTS


def is_tile_url(url: str) -> bool:
    """True for a slippy-map tile request (``/{z}/{x}/{y}.png`` and similar)."""
    parts = urlsplit(url)
    return bool(_TILE_PATH_RE.search(parts.path) or _TILE_QUERY_RE.search("?" + parts.query))


@dataclass
class ExternalRequests:
    """Every request a browser context made to a host other than this machine.

    Attributes
    ----------
    urls
        The URLs, in request order.
    """

    urls: list[str] = field(default_factory=list)

    def record(self, request: Request) -> None:
        """Playwright ``request`` event handler."""
        if not is_local_url(request.url):
            self.urls.append(request.url)

    @property
    def tiles(self) -> list[str]:
        """External requests for map tiles (allowed: tiles are not app assets)."""
        return [u for u in self.urls if is_tile_url(u)]

    @property
    def non_tile(self) -> list[str]:
        """External requests that are not tiles (should be none)."""
        return [u for u in self.urls if not is_tile_url(u)]

    def attach(self, context: BrowserContext, *, block: bool = True) -> None:
        """Record the context's external requests and, with ``block``, fail them.

        Blocking makes every run behave like a machine where public CDNs are
        unreachable, whatever the network here allows.
        """
        context.on("request", self.record)
        if block:

            def abort_external(route: Route) -> None:
                if is_local_url(route.request.url):
                    route.continue_()
                else:
                    route.abort("internetdisconnected")

            context.route("**/*", abort_external)


def launch_chromium(
    playwright: Playwright, user_data_dir: Path, *, viewport: tuple[int, int] = (1280, 900)
) -> BrowserContext:
    """Start Debian's Chromium headless with a fresh profile.

    Parameters
    ----------
    playwright
        A started Playwright instance.
    user_data_dir
        An empty folder for the profile.
    viewport
        Page size in CSS pixels.

    Returns
    -------
    BrowserContext
        The persistent context of that profile; close it to stop the browser.
    """
    return playwright.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=str(CHROMIUM),
        headless=True,
        args=list(CHROMIUM_ARGS),
        viewport={"width": viewport[0], "height": viewport[1]},
    )


def map_frame(page: Page, *, timeout: float = 30.0) -> Frame:
    """Find the frame holding the Leaflet map.

    streamlit-folium draws the map inside its component iframe
    (``/component/streamlit_folium.st_folium/index.html``); a standalone map
    file draws it in the main frame.

    Parameters
    ----------
    page
        The page showing the app or the file.
    timeout
        Seconds to wait for a frame with a ``.leaflet-container``.

    Returns
    -------
    Frame
        That frame.
    """
    deadline = time.monotonic() + timeout
    while True:
        frames = sorted(page.frames, key=lambda f: "streamlit_folium" not in f.url)
        for frame in frames:
            try:
                if frame.query_selector(".leaflet-container") is not None:
                    return frame
            except Exception:  # a frame may detach while we look
                continue
        error = page.query_selector("[data-testid='stException']")
        if error is not None:
            raise RuntimeError(f"the app raised an exception:\n{error.inner_text()}")
        if time.monotonic() > deadline:
            urls = [f.url for f in page.frames]
            raise TimeoutError(f"no frame with a Leaflet map after {timeout:.0f} s; frames: {urls}")
        page.wait_for_timeout(200)


#: JavaScript counting what Leaflet drew: marker icons, cluster icons (with the
#: number each stands for) and circle markers (SVG paths with arcs).
COUNT_MARKERS_JS = """
() => {
  const icons = Array.from(document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon'));
  const clusters = icons.filter(el => el.classList.contains('marker-cluster'));
  const clusterTotal = clusters.reduce(
    (sum, el) => sum + (parseInt(el.textContent.replace(/\\D/g, ''), 10) || 0), 0);
  const paths = Array.from(document.querySelectorAll('.leaflet-overlay-pane path'));
  const circles = paths.filter(p => /a/.test(p.getAttribute('d') || '')).length;
  return {
    icons: icons.length - clusters.length,
    clusters: clusters.length,
    cluster_total: clusterTotal,
    circles: circles,
    leaflet: typeof window.L !== 'undefined',
  };
}
"""


@dataclass(frozen=True, slots=True)
class MarkerCount:
    """What a frame shows.

    Attributes
    ----------
    icons
        Single marker icons (image or awesome markers, not clusters).
    clusters
        Cluster icons.
    cluster_total
        Sum of the numbers written on the cluster icons.
    circles
        Circle markers (SVG paths).
    leaflet
        Whether Leaflet loaded at all.
    """

    icons: int
    clusters: int
    cluster_total: int
    circles: int
    leaflet: bool

    @property
    def total(self) -> int:
        """Carriers represented: single markers plus the members of clusters."""
        return self.icons + self.circles + self.cluster_total


def count_markers(frame: Frame | Page) -> MarkerCount:
    """Count the markers drawn in a frame (see :class:`MarkerCount`)."""
    raw: dict[str, Any] = frame.evaluate(COUNT_MARKERS_JS)
    return MarkerCount(
        icons=int(raw["icons"]),
        clusters=int(raw["clusters"]),
        cluster_total=int(raw["cluster_total"]),
        circles=int(raw["circles"]),
        leaflet=bool(raw["leaflet"]),
    )


def settled(page: Page, timeout_ms: float = 60_000) -> None:
    """Wait until the app's script has finished its rerun.

    A button clicked while a rerun triggered by another widget is still
    running can be consumed by that run and lost; click once the app is idle.
    """
    time.sleep(0.5)
    page.get_by_test_id("stStatusWidget").wait_for(state="detached", timeout=timeout_ms)
    time.sleep(0.5)


def click_until_shown(
    page: Page, button: Locator, result: Locator, timeout_ms: float = 60_000, attempts: int = 3
) -> None:
    """Click ``button`` until ``result`` shows, at most ``attempts`` times.

    On a loaded machine a click can land while a rerun is starting and be
    consumed by it. The click is repeated only once the app is idle again and
    the result has not shown, so an action that is merely slow is not asked for
    twice while it runs.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for attempt in range(attempts):
        settled(page, timeout_ms)
        button.click(timeout=timeout_ms)
        try:
            result.wait_for(timeout=timeout_ms / attempts)
            return
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            settled(page, timeout_ms)
            if result.count():
                return


def free_port() -> int:
    """A free TCP port of 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(base_url: str) -> bool:
    """Whether a Streamlit server answers its health check."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{base_url}/_stcore/health", timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _stage_app(app_path: Path, workdir: Path) -> Path:
    """Put the app beside a ``static`` link to the vendored assets.

    Streamlit serves ``<folder of the main script>/static``; an app living
    elsewhere than the repository root runs from a copy in ``workdir`` whose
    ``static`` points to the repository's.
    """
    if (app_path.parent / "static").resolve() == STATIC_DIR.resolve():
        return app_path
    staged = workdir / app_path.name
    staged.write_bytes(app_path.read_bytes())
    (workdir / "static").symlink_to(STATIC_DIR, target_is_directory=True)
    return staged


@contextmanager
def running_streamlit(
    app_path: Path,
    *,
    workdir: Path | None = None,
    env: Mapping[str, str] | None = None,
    python_path: tuple[Path, ...] = (),
    timeout: float = 90.0,
) -> Iterator[str]:
    """Run ``streamlit run <app>`` on a free port of 127.0.0.1; yield its URL.

    The server starts from the repository root (so ``.streamlit/config.toml``
    applies and the project's packages import), headless, with static serving
    on, and is stopped (its whole process group) on exit. Its output goes to
    ``<workdir>/streamlit-<port>.log`` and is quoted if it fails to start.

    Parameters
    ----------
    app_path
        The Streamlit script.
    workdir
        Folder for the staged app copy and the log (default: a new temporary one).
    env
        Extra environment variables for the app.
    python_path
        Extra folders the app imports from (the repository root is always there).
    timeout
        Seconds to wait for ``/_stcore/health``.
    """
    app = Path(app_path).resolve()
    if not app.is_file():
        raise FileNotFoundError(app)
    work = Path(tempfile.mkdtemp(prefix="streamlit-", dir=workdir))
    script = _stage_app(app, work)
    port = free_port()
    log_path = work / f"streamlit-{port}.log"
    full_env = dict(os.environ)
    # A workspace of its own, created and seeded from the app's data folder on
    # first use: apps started with different data never share an inventory.
    full_env["CARRIER_MAP_WORKSPACE"] = str(work / "workspace.gpkg")
    full_env.update(env or {})
    paths = [str(REPO_ROOT), *(str(p) for p in python_path), full_env.get("PYTHONPATH", "")]
    full_env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    full_env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
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
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=full_env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not healthy(base_url):
            if process.poll() is not None or time.monotonic() > deadline:
                output = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
                raise RuntimeError(f"streamlit did not start on {base_url}:\n{output}")
            time.sleep(0.25)
        yield base_url
    finally:
        _stop(process)

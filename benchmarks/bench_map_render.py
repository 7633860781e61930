"""Benchmark: 10,000 carriers, one folium Marker each versus the fast marker layer.

For each approach the benchmark prints

* the size of the map page's HTML (assets served separately from
  ``static/vendor``, as in the app; the standalone export size is printed too),
* the Python time to build the map and render its HTML,
* the time from navigation to every carrier drawn in headless Chromium
  (all markers counted, clustered ones by the number on their cluster icon),
  measured inside the page with ``performance.now()``,

then the ratios. The page is served by a tiny ``http.server`` on 127.0.0.1 and
every request to another host is refused, so no CDN and no tile server is used.

Run (after ``python scripts/vendor_assets.py``)::

    .venv/bin/python benchmarks/bench_map_render.py             # 10,000 carriers, 3 runs
    .venv/bin/python benchmarks/bench_map_render.py -n 2000 --runs 1

Targets (issue 6, point 10): fast path page ≤ 2 MB, drawn in ≤ 2 s, at least
10 times faster than the plain approach.
"""

# folium's plugin constructors carry no type hints.
# mypy: disallow-untyped-calls=False

from __future__ import annotations

import argparse
import functools
import html
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
from folium import plugins

REPO_ROOT = Path(__file__).resolve().parent.parent
for extra in (REPO_ROOT, REPO_ROOT / "tests" / "e2e"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from harness import (  # noqa: E402
    CHROMIUM,
    ExternalRequests,
    launch_chromium,
    map_frame,
    running_streamlit,
)

from layers.assets import VENDOR_DIR, inline_assets, localize_map  # noqa: E402
from layers.fast_markers import fast_marker_layer  # noqa: E402

__all__ = ["Result", "fast_map", "generate_carriers", "main", "plain_map"]

CATEGORIES = ("community", "smart_island", "incubator", "park", "zone")
DISTRICTS = (
    "涧西区",
    "西工区",
    "老城区",
    "瀍河区",
    "洛龙区",
    "孟津区",
    "偃师区",
    "伊川县",
    "宜阳县",
)
BOX = (111.8, 33.6, 113.0, 35.0)  # lon/lat box around Luoyang
RERUN_APP = Path(__file__).resolve().parent / "apps" / "map_rerun_app.py"
TARGET_BYTES = 2_000_000
TARGET_SECONDS = 2.0
TARGET_SPEEDUP = 10.0

#: Resolves to performance.now() once the markers drawn stand for ``expected`` carriers.
DRAWN_JS = """
(expected) => {
  let total = 0;
  for (const el of document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')) {
    total += el.classList.contains('marker-cluster')
      ? (parseInt(el.textContent, 10) || 0) : 1;
  }
  for (const p of document.querySelectorAll('.leaflet-overlay-pane path')) {
    if (/a/.test(p.getAttribute('d') || '')) total += 1;
  }
  return total >= expected ? performance.now() : false;
}
"""


def generate_carriers(n: int, seed: int = 20250101) -> gpd.GeoDataFrame:
    """Random carriers in the Luoyang box, with names that need escaping now and then."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(BOX[0], BOX[2], n)
    lat = rng.uniform(BOX[1], BOX[3], n)
    names = [f"载体 {i} <科技> & “社区”" if i % 97 == 0 else f"创新载体 {i:05d}" for i in range(n)]
    return gpd.GeoDataFrame(
        {
            "name": names,
            "category": rng.choice(CATEGORIES, n),
            "district": rng.choice(DISTRICTS, n),
        },
        geometry=gpd.points_from_xy(lon, lat),
        crs=4326,
    )


def _base_map(gdf: gpd.GeoDataFrame) -> folium.Map:
    minx, miny, maxx, maxy = gdf.total_bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=9)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def plain_map(gdf: gpd.GeoDataFrame) -> folium.Map:
    """The usual way: one ``folium.Marker`` (with popup and tooltip) per carrier."""
    m = _base_map(gdf)
    cluster = plugins.MarkerCluster(name="carriers").add_to(m)
    for row in gdf.itertuples():
        table = (
            f"<table><tr><th>name</th><td>{html.escape(row.name)}</td></tr>"
            f"<tr><th>category</th><td>{html.escape(row.category)}</td></tr>"
            f"<tr><th>district</th><td>{html.escape(row.district)}</td></tr></table>"
        )
        folium.Marker(
            [row.geometry.y, row.geometry.x],
            popup=folium.Popup(table, max_width=300),
            tooltip=html.escape(row.name),
        ).add_to(cluster)
    folium.LayerControl().add_to(m)
    return m


def fast_map(gdf: gpd.GeoDataFrame) -> folium.Map:
    """The fast path: one data array, markers built in the browser."""
    m = _base_map(gdf)
    fast_marker_layer(
        gdf,
        name="carriers",
        popup_fields=["name", "category", "district"],
        tooltip_field="name",
    ).add_to(m)
    folium.LayerControl().add_to(m)
    return m


@dataclass(frozen=True, slots=True)
class Result:
    """Measurements of one approach."""

    name: str
    html_bytes: int
    standalone_bytes: int
    build_seconds: float
    draw_seconds: list[float]

    @property
    def draw_median(self) -> float:
        """Median time from navigation to all markers drawn."""
        return statistics.median(self.draw_seconds)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser closing a connection early (page closed) is not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def _serve(folder: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _build(
    name: str, builder: Callable[[gpd.GeoDataFrame], folium.Map], gdf: gpd.GeoDataFrame, site: Path
) -> tuple[int, int, float]:
    """Build, localize and render one page; return its size, standalone size, seconds."""
    start = time.perf_counter()
    m = localize_map(builder(gdf), base_url="vendor")
    page = m.get_root().render()
    seconds = time.perf_counter() - start
    (site / f"{name}.html").write_text(page, encoding="utf-8")
    standalone = inline_assets(page, VENDOR_DIR)
    return len(page.encode("utf-8")), len(standalone.encode("utf-8")), seconds


def _draw_time(url: str, expected: int, timeout_s: float) -> float:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = launch_chromium(playwright, Path(profile))
        try:
            requests = ExternalRequests()
            requests.attach(context, block=True)
            page = context.new_page()
            page.goto(url, wait_until="commit")
            handle = page.wait_for_function(
                DRAWN_JS, arg=expected, polling="raf", timeout=timeout_s * 1000
            )
            drawn_ms = float(handle.json_value())
            if requests.non_tile:
                raise RuntimeError(f"external requests: {requests.non_tile[:5]}")
            return drawn_ms / 1000
        finally:
            context.close()


@dataclass(frozen=True, slots=True)
class AppTimes:
    """Times measured in the Streamlit app."""

    name: str
    first_draw_seconds: float
    rerun_seconds: float


def _app_times(name: str, n: int, timeout_s: float) -> AppTimes:
    """Open the benchmark app, wait for every carrier, click the map, time the rerun."""
    from playwright.sync_api import sync_playwright

    env = {"CARRIER_BENCH_APPROACH": name, "CARRIER_BENCH_N": str(n)}
    with (
        tempfile.TemporaryDirectory() as work,
        running_streamlit(
            RERUN_APP, workdir=Path(work), env=env, python_path=(Path(__file__).parent,)
        ) as base,
        sync_playwright() as playwright,
    ):
        context = launch_chromium(playwright, Path(work) / "profile")
        try:
            requests = ExternalRequests()
            requests.attach(context, block=True)
            page = context.new_page()
            start = time.perf_counter()
            page.goto(base, wait_until="commit")
            frame = map_frame(page, timeout=timeout_s)
            frame.wait_for_function(DRAWN_JS, arg=n, polling="raf", timeout=timeout_s * 1000)
            first = time.perf_counter() - start
            page.get_by_text("clicked: none").wait_for(timeout=timeout_s * 1000)
            # A click on the map (not on a marker): streamlit-folium reruns the script.
            start = time.perf_counter()
            frame.evaluate(
                "() => window.map.fire('click', {latlng: L.latLng(34.31234, 112.41234)})"
            )
            page.get_by_text("clicked: 34.31234,112.41234").wait_for(timeout=timeout_s * 1000)
            rerun = time.perf_counter() - start
            if requests.non_tile:
                raise RuntimeError(f"external requests: {requests.non_tile[:5]}")
            return AppTimes(name, first, rerun)
        finally:
            context.close()


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a report; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--carriers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="browser runs per approach")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per browser run")
    parser.add_argument(
        "--no-app", action="store_true", help="skip the Streamlit measurements (first draw, rerun)"
    )
    args = parser.parse_args(argv)
    if not (VENDOR_DIR / "manifest.json").is_file():
        print("static/vendor is missing: run scripts/vendor_assets.py first", file=sys.stderr)
        return 2
    if not CHROMIUM.is_file():
        print(f"{CHROMIUM} is missing: apt-get install -y chromium", file=sys.stderr)
        return 2

    gdf = generate_carriers(args.carriers)
    approaches = (("plain", plain_map), ("fast", fast_map))
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        (site / "vendor").symlink_to(VENDOR_DIR, target_is_directory=True)
        built = {name: _build(name, builder, gdf, site) for name, builder in approaches}
        # The floor: the same page with one carrier (folium's scripts, the map, no data).
        _build("floor", fast_map, gdf.iloc[:1], site)
        draws: dict[str, list[float]] = {"plain": [], "fast": [], "floor": []}
        with _serve(site) as base:
            for _ in range(args.runs):  # interleaved, so machine load hits all alike
                for name, expected in (("plain", len(gdf)), ("fast", len(gdf)), ("floor", 1)):
                    url = f"{base}/{name}.html"
                    draws[name].append(_draw_time(url, expected, args.timeout))
    results = [Result(name, *built[name], draw_seconds=draws[name]) for name, _ in approaches]
    for result in results:
        print(
            f"{result.name:>5}: page {result.html_bytes / 1e6:6.2f} MB"
            f" (standalone {result.standalone_bytes / 1e6:.2f} MB)"
            f" | Python build+render {result.build_seconds:6.2f} s"
            f" | navigation→drawn median {result.draw_median:6.2f} s"
            f" (runs: {', '.join(f'{d:.2f}' for d in result.draw_seconds)})",
            flush=True,
        )
    floor = statistics.median(draws["floor"])
    print(
        f"floor (same page, 1 carrier): navigation→drawn median {floor:.2f} s"
        f" (runs: {', '.join(f'{d:.2f}' for d in draws['floor'])})"
    )
    plain, fast = results
    size_ratio = plain.html_bytes / fast.html_bytes
    build_ratio = plain.build_seconds / fast.build_seconds
    draw_ratio = plain.draw_median / fast.draw_median
    above_plain = plain.draw_median - floor
    above_fast = fast.draw_median - floor
    above = (
        f"{above_plain / above_fast:.1f}×"
        if above_fast > 0.01 and above_plain > 0
        else "within run-to-run noise"
    )
    print(
        f"ratios plain/fast: page size {size_ratio:.1f}×, Python build {build_ratio:.1f}×,"
        f" draw time {draw_ratio:.1f}×; time above the floor {above_plain:.2f} s vs"
        f" {above_fast:.2f} s: {above}"
    )
    checks = {
        f"fast page ≤ {TARGET_BYTES / 1e6:.0f} MB": fast.html_bytes <= TARGET_BYTES,
        f"fast drawn ≤ {TARGET_SECONDS:.0f} s": fast.draw_median <= TARGET_SECONDS,
        f"≥ {TARGET_SPEEDUP:.0f}× faster to draw": draw_ratio >= TARGET_SPEEDUP,
    }
    if not args.no_app:
        print("in Streamlit (st_folium, served from static/vendor):", flush=True)
        app_times = []
        for name in ("plain", "fast"):
            times = _app_times(name, len(gdf), args.timeout)
            app_times.append(times)
            print(
                f"{name:>5}: navigation→drawn {times.first_draw_seconds:6.2f} s"
                f" | click→rerun shown {times.rerun_seconds:6.2f} s",
                flush=True,
            )
        plain_app, fast_app = app_times
        print(
            f"ratios plain/fast in the app: first draw"
            f" {plain_app.first_draw_seconds / fast_app.first_draw_seconds:.1f}×,"
            f" rerun {plain_app.rerun_seconds / fast_app.rerun_seconds:.1f}×"
        )
    for label, ok in checks.items():
        print(f"  [{'ok' if ok else 'MISSED'}] {label}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())

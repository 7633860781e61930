"""Benchmark: grid coverage + density against the plain geopandas overlay.

Generates carriers over the real Luoyang boundary (``data/boundaries.geojson``),
builds a 250 m grid of the whole city once, then for each size times

* ours: carrier selection, coverage per district (k-d tree on the grid),
  density per district, H3 counts and the kernel density surface;
* plain: buffer every carrier by its radius, union the buffers, overlay the
  union with the districts and divide areas.

Both run in the same process on the same carriers; the script checks that the
covered area shares agree within 0.5 percentage points for every district and
prints both times and their ratio. The plain approach can be skipped above
``--plain-max`` carriers (default 100,000: it runs everywhere by default);
nothing is extrapolated.

With ``--panel`` it times instead what a planner waits for on the app's
analysis page (the whole page script in Streamlit's AppTest, Luoyang at the
default settings): the page opened (nothing computed), *Run analysis* with
the grid not yet built (cold), *Run analysis* after a radius change (grid
cached), and the radius set back (the kept result, shown without a run).

Run::

    .venv/bin/python benchmarks/bench_analysis.py            # 1k, 10k, 100k
    .venv/bin/python benchmarks/bench_analysis.py --sizes 1000 --repeat 1
    .venv/bin/python benchmarks/bench_analysis.py --panel
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo_app.analysis.coverage import (  # noqa: E402
    DEFAULT_RADII_M,
    coverage_by_district,
    nearest_distance_m,
    select_carriers,
)
from geo_app.analysis.density import density_by_district, h3_counts, kde_surface  # noqa: E402
from geo_app.analysis.grid import Grid, build_grid  # noqa: E402
from geo_app.analysis.population import (  # noqa: E402
    PopulationSurface,
    even_population,
    read_district_population,
)

CATEGORY_MIX = {
    "community": 0.3,
    "incubator": 0.45,
    "smart_island": 0.05,
    "park": 0.15,
    "zone": 0.05,
}
TOLERANCE = 0.005  # 0.5 percentage points of a district's area


def generate_carriers(grid: Grid, n: int, seed: int) -> gpd.GeoDataFrame:
    """``n`` carriers inside the city: 60 % in clusters (σ 4 km), 40 % uniform."""
    rng = np.random.default_rng(seed)
    city = shapely.union_all(grid.districts.geometry.to_numpy())
    shapely.prepare(city)
    minx, miny, maxx, maxy = city.bounds
    chunks: list[np.ndarray] = []
    got = 0
    centres = np.column_stack((rng.uniform(minx, maxx, 12), rng.uniform(miny, maxy, 12)))
    while got < n:
        k = 2 * n
        clustered = rng.random(k) < 0.6
        pick = centres[rng.integers(0, len(centres), k)]
        xy = np.where(
            clustered[:, None],
            pick + rng.normal(0.0, 4000.0, (k, 2)),
            np.column_stack((rng.uniform(minx, maxx, k), rng.uniform(miny, maxy, k))),
        )
        ok = shapely.contains_xy(city, xy[:, 0], xy[:, 1])
        chunks.append(xy[ok])
        got += int(ok.sum())
    xy = np.vstack(chunks)[:n]
    cats = rng.choice(list(CATEGORY_MIX), size=n, p=list(CATEGORY_MIX.values()))
    return gpd.GeoDataFrame(
        {
            "id": [f"G{i:06d}" for i in range(n)],
            "category": cats,
            "city": "洛阳市",
            "precision": "point",
            "out_of_area": False,
        },
        geometry=shapely.points(xy),
        crs=grid.crs.distance,
    ).to_crs(4326)


def ours(grid: Grid, carriers: gpd.GeoDataFrame, pop: PopulationSurface) -> pd.Series:
    """Coverage + district density on the grid; returns area shares."""
    selection = select_carriers(carriers)
    result = coverage_by_district(grid, selection, pop, radii_m=DEFAULT_RADII_M)
    density_by_district(grid, selection, pop, located=result.located)
    return pd.Series(result.table["share_area"].to_numpy(), index=result.table["adcode"])


def ours_layers(grid: Grid, carriers: gpd.GeoDataFrame, pop: PopulationSurface) -> None:
    """The surfaces drawn as layers: H3 counts, KDE (2 km) and the distance grid."""
    selection = select_carriers(carriers)
    result = coverage_by_district(grid, selection, pop, radii_m=DEFAULT_RADII_M)
    h3_counts(selection, resolution=7)
    kde_surface(grid, selection, bandwidth_km=2.0, xy=result.xy)
    nearest_distance_m(result)


def plain(grid: Grid, carriers: gpd.GeoDataFrame) -> pd.Series:
    """Buffer every carrier, union, overlay with the districts; returns area shares."""
    pts = carriers.to_crs(grid.crs.distance)
    radii = pts["category"].map(DEFAULT_RADII_M).to_numpy()
    covered = shapely.union_all(pts.geometry.buffer(radii).to_numpy())
    cov = gpd.GeoDataFrame(geometry=[covered], crs=grid.crs.distance)
    districts = grid.districts[["adcode", "geometry"]]
    inter = gpd.overlay(districts, cov, how="intersection")
    share = inter.set_index("adcode").area / districts.set_index("adcode").area
    return share.reindex(districts["adcode"]).fillna(0.0)


def best_of(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def _panel_step(at: object, act: Callable[[], None]) -> float:
    """Seconds from an action until the page has run and no analysis is running."""
    t = time.perf_counter()
    act()
    state = at.session_state  # type: ignore[attr-defined]
    while "an_job" in state:
        time.sleep(0.05)
        at.run()  # type: ignore[attr-defined]
    return time.perf_counter() - t


def panel_figures() -> int:
    """Time the analysis page as a planner uses it (see the module docstring)."""
    from streamlit.testing.v1 import AppTest  # noqa: TID251 (drives the app, as the tests do)

    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=300)
    at.query_params["view"] = "analysis"
    at.query_params["city"] = "luoyang"
    rows = [("page opened, nothing computed", _panel_step(at, at.run))]
    rows.append(
        (
            "Run, grid not built (cold)",
            _panel_step(at, lambda: at.button(key="an_run").click().run()),
        )
    )
    radius = at.number_input(key="an_r_community")
    radius.set_value(2.0).run()
    rows.append(
        (
            "Run after a radius change (grid cached)",
            _panel_step(at, lambda: at.button(key="an_run").click().run()),
        )
    )
    rows.append(
        (
            "radius set back (kept result, no run)",
            _panel_step(at, lambda: at.number_input(key="an_r_community").set_value(1.5).run()),
        )
    )
    failed = bool(at.exception) or len(at.session_state["an_results"]) != 2
    kept = list(at.session_state["an_results"].values())
    print("analysis itself (worker thread): " + ", ".join(f"{k.seconds:.2f} s" for k in kept))
    for label, seconds in rows:
        print(f"{label:<42} {seconds:>6.2f} s")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--cell-size", type=float, default=250.0)
    parser.add_argument(
        "--repeat", type=int, default=5, help="best of N for our runs (plain: best of 3 up to 10k)"
    )
    parser.add_argument("--plain-max", type=int, default=100_000, help="skip plain above this")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--panel", action="store_true", help="time the app's analysis page")
    args = parser.parse_args(argv)
    if args.panel:
        return panel_figures()

    bounds = gpd.read_file(ROOT / "data" / "boundaries.geojson")
    luoyang = bounds[bounds["city"] == "洛阳市"].reset_index(drop=True)
    t = time.perf_counter()
    grid = build_grid(luoyang, cell_size_m=args.cell_size)
    t_grid = time.perf_counter() - t
    pop = even_population(grid, read_district_population(ROOT / "data" / "population.csv"))
    print(
        f"Luoyang: {len(luoyang)} districts, {grid.districts['area_km2'].sum():,.0f} km²; "
        f"{args.cell_size:g} m grid {grid.nx}×{grid.ny}, {len(grid.pieces):,} pieces, "
        f"built once in {t_grid:.2f} s (not in the timings below)"
    )
    print(
        "ours = coverage shares + district density; +layers = also H3 counts, "
        "KDE surface and distance-to-nearest grid"
    )
    print(
        f"{'carriers':>9} {'ours s':>8} {'+layers s':>10} {'plain s':>9} {'ratio':>7} "
        f"{'max |Δshare|':>13}  check"
    )
    failed = False
    for n in args.sizes:
        carriers = generate_carriers(grid, n, args.seed + n)
        t_ours, shares = best_of(lambda c=carriers: ours(grid, c, pop), args.repeat)
        t_layers, _ = best_of(lambda c=carriers: ours_layers(grid, c, pop), args.repeat)
        assert isinstance(shares, pd.Series)
        if n > args.plain_max:
            print(
                f"{n:>9,} {t_ours:>8.3f} {t_layers:>10.3f} {'skipped':>9} {'—':>7} {'—':>13}"
                "  plain not run (--plain-max)"
            )
            continue
        plain_repeat = min(args.repeat, 3) if n <= 10_000 else 1
        t_plain, ref = best_of(lambda c=carriers: plain(grid, c), plain_repeat)
        assert isinstance(ref, pd.Series)
        diff = float(np.abs(shares.to_numpy() - ref.to_numpy()).max())
        ok = diff <= TOLERANCE
        failed |= not ok
        print(
            f"{n:>9,} {t_ours:>8.3f} {t_layers:>10.3f} {t_plain:>9.2f} {t_plain / t_ours:>6.1f}× "
            f"{diff * 100:>12.3f}%  {'ok' if ok else 'FAIL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

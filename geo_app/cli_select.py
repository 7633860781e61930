"""``carrier-map select``: where the carriers the plans still need should go.

Writes the proposed sites (GeoJSON, CSV), coverage before/after per district
(CSV), everything in one GeoPackage, and a session file that ``--session``
reopens later (``--rerun`` runs it again and says whether the answer is the
same). Long solves show the elapsed time against the time limit.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from geo_app.analysis.population import read_district_population
from geo_app.analysis.sources import carriers_from_layers
from geo_app.boundaries import read_boundaries
from geo_app.cli_parsers import add_command, parse_cities
from geo_app.cli_workspace import WorkspaceInputs, workspace_inputs
from geo_app.config import Settings
from geo_app.errors import DataFileError, UsageError
from geo_app.pipeline import load_carriers
from geo_app.registry import read_registry, read_targets
from geo_app.siting.result import SitingResult
from geo_app.siting.run import SitingInputs, read_areas_file, run_siting
from geo_app.siting.session import (
    FileRef,
    SitingSession,
    data_version,
    read_session,
    write_session,
)
from geo_app.storage import atomic_folder
from geo_app.targets import gap_table
from layers.files import write_csv, write_geojson, write_gpkg

__all__ = ["add_parser", "run", "write_outputs"]


class _Ticker:
    """Prints stage messages and, while a stage runs, the elapsed seconds."""

    def __init__(self, stream: TextIO, limit_s: float, quiet: bool) -> None:
        self.stream = stream
        self.limit_s = limit_s
        self.quiet = quiet
        self.t0 = time.perf_counter()
        self.stage = ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._tick, daemon=True)

    def __enter__(self) -> _Ticker:
        if not self.quiet and self.stream.isatty():
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
            self.stream.write("\n")

    def __call__(self, message: str) -> None:
        self.stage = message
        if not self.quiet:
            self.stream.write(f"\r[{time.perf_counter() - self.t0:6.1f} s] {message}\n")
            self.stream.flush()

    def _tick(self) -> None:
        while not self._stop.wait(1.0):
            elapsed = time.perf_counter() - self.t0
            self.stream.write(f"\r[{elapsed:6.1f} s] working (solver limit {self.limit_s:g} s) …")
            self.stream.flush()


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``select`` subcommand on ``carrier-map``'s subparsers."""
    return add_command(subparsers, "select", run=run)


def _read_geojson(path: str | None) -> dict[str, Any] | None:
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as err:
        raise DataFileError(path, code="file.not_found") from err
    return read_areas_file(data, path)


def _quotas(items: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not value.strip().isdigit():
            raise UsageError(code="cli.quota_format", params={"item": item})
        out[name.strip()] = int(value)
    return out


def _inputs(args: argparse.Namespace) -> SitingInputs:
    if not args.city or args.city == "all" or not args.category:
        raise UsageError(code="cli.select_needs_city")
    return SitingInputs(
        city=parse_cities(args.city)[0],  # any of the city's names, as its record spells it
        category=args.category,
        n_new=args.n,
        radius_m=args.radius,
        model=args.model,
        time_limit_s=args.time_limit,
        solver=args.solver,
        demand=args.demand,
        candidate_spacing_m=args.candidate_spacing,
        h3_resolution=args.h3,
        include_approximate=args.include_approximate,
        min_spacing_m=args.min_spacing,
        quotas=_quotas(args.quota),
        quotas_from_plan=args.plan_quotas,
        population_grid=str(Path(args.population_grid).resolve()) if args.population_grid else None,
        layers=tuple(str(Path(p).resolve()) for p in args.layer),
        layer_category=args.layer_category,
        use_registry=not args.no_registry,
        include_areas=_read_geojson(args.include_areas),
        exclude_areas=_read_geojson(args.exclude_areas),
    )


def write_outputs(result: SitingResult, out: Path) -> list[Path]:
    """Write sites (GeoJSON, CSV), district coverage (CSV) and a GeoPackage."""
    sites = result.sites_gdf()
    return [
        write_geojson(sites, out / "sites.geojson"),
        write_csv(sites, out / "sites.csv"),
        write_csv(result.districts, out / "coverage_by_district.csv"),
        write_gpkg({"sites": sites, "coverage_by_district": result.districts}, out / "siting.gpkg"),
    ]


def _solve(
    inputs: SitingInputs,
    settings: Settings,
    ticker: _Ticker,
    workspace: WorkspaceInputs | None = None,
) -> tuple[SitingInputs, SitingResult]:
    if workspace is None:
        layers = load_carriers(settings)
        targets = read_targets(settings.targets_file)
        gaps = gap_table(targets, read_registry(settings.registry_file), set(layers.placed["id"]))
    else:  # --workspace or CARRIER_MAP_WORKSPACE
        layers, targets, gaps = workspace.layers, workspace.targets, workspace.gaps
    # A workspace's boundaries hold every city it covers, an added one included.
    boundaries = (
        read_boundaries(settings.boundaries_file) if workspace is None else workspace.boundaries
    )
    carriers = carriers_from_layers(
        layers.placed,
        boundaries,
        list(inputs.layers),
        category=inputs.layer_category,
        registry=inputs.use_registry,
        report=lambda line: print(line, file=sys.stderr),
    )
    return run_siting(
        inputs,
        carriers,
        boundaries,
        gaps,
        read_district_population(settings.data_dir / "population.csv"),
        targets=targets,
        progress=ticker,
    )


def _session_files(session: SitingSession, args: argparse.Namespace) -> SitingInputs:
    """The session's inputs with its files found among those given, by content."""
    given = [*args.layer, *([args.population_grid] if args.population_grid else [])]
    inputs, missing = session.resolve_files(given)
    if missing:
        raise DataFileError(
            args.session,
            code="session.files_missing",
            params={"files": ", ".join(f.label for f in missing)},
        )
    return inputs


def run(args: argparse.Namespace) -> int:
    """Run ``select``; returns 0, or 1 when a re-run session gives another answer."""
    settings = Settings.from_env().with_overrides(
        data_dir=args.data_dir, registry=args.registry, targets=args.targets
    )
    out = Path(args.out)
    status = 0
    files: tuple[FileRef, ...] = ()
    with _Ticker(sys.stderr, args.time_limit, args.quiet) as ticker:
        if args.session:
            session = read_session(args.session)
            message = session.data_message(settings)
            if message:
                print(message)
            result = session.result
            inputs, files = session.inputs, session.files
            if args.rerun:
                inputs = _session_files(session, args)
                _, again = _solve(inputs, settings, ticker, workspace_inputs(args))
                same = again.same_answer(session.result)
                print("re-run: same answer" if same else "re-run: the answer differs")
                status = 0 if same else 1
                result = again
            version = (
                session.data_version
                if not args.rerun
                else data_version(
                    settings, population_grid=inputs.population_grid, layers=inputs.layers
                )
            )
        else:
            inputs, result = _solve(_inputs(args), settings, ticker, workspace_inputs(args))
            version = data_version(
                settings, population_grid=inputs.population_grid, layers=inputs.layers
            )
    print(result.summary())
    for note in result.notes:
        print(f"  {note}")
    print(result.sites.to_string(index=False))
    # The set (sites, tables, GeoPackage, session) is swapped in whole.
    with atomic_folder(out) as tmp:
        written = write_outputs(result, tmp)
        session_path = tmp / "session.json"
        written.append(
            write_session(SitingSession(inputs, result, version, files=files), session_path)
        )
    for path in written:
        print(out / path.relative_to(tmp))
    return status

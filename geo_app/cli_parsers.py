"""The subcommands of ``carrier-map``: their names, help and options.

This module imports nothing heavy, so that ``carrier-map --help`` answers at
once. Each subcommand is a :class:`Command`: its one-line help, the function
that adds its options to a parser, and the module and function that do the
work; that module, with its geodata libraries, is imported only when the
subcommand runs. A subcommand whose options need a heavy module (the default
radii of ``analyse``, the basemaps of ``export``, the geocoders of
``geocode``) imports it inside its option function, which runs only when that
subcommand is named.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from geo_app.model import Category

__all__ = [
    "COMMANDS",
    "Command",
    "add_command",
    "add_data_options",
    "add_workspace_option",
    "parse_cities",
]

#: The carrier categories, as the options spell them.
_CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)

Configure = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Command:
    """One subcommand of ``carrier-map``.

    Attributes
    ----------
    help
        The line ``carrier-map --help`` shows for it.
    description
        The text at the top of ``carrier-map NAME --help`` (``None``: the help line).
    configure
        Adds the subcommand's options to its parser.
    module
        The module that runs it (imported only then).
    function
        The function of ``module`` that runs it: ``function(args)`` returns the
        exit status.
    """

    help: str
    description: str | None
    configure: Configure
    module: str
    function: str = "run"


def parse_cities(value: str) -> list[str]:
    """The cities a ``--city`` value names: ``all``, or one city by any of its names.

    A city is named as :func:`geo_app.cities.city_record` reads it: 洛阳市,
    洛阳, Luoyang, luoyang or 410300. ``all`` is every shipped city.

    Examples
    --------
    >>> parse_cities("luohe"), parse_cities("411000")
    (['漯河市'], ['许昌市'])

    Raises
    ------
    UsageError
        ``cli.city_unknown`` (exit status 2), naming the shipped cities.
    """
    from geo_app.cities import city_record, shipped_cities  # the records: only when parsing
    from geo_app.errors import UnknownCityError, UsageError
    from geo_app.messages import Term

    shipped = [city.name for city in shipped_cities()]
    if value == "all":
        return shipped
    try:
        return [city_record(value).name]
    except UnknownCityError as err:
        cities = Term(", ".join(shipped), {"zh": "、".join(shipped)})
        raise UsageError(
            code="cli.city_unknown", params={"value": value, "cities": cities}
        ) from err


def add_data_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--data-dir``, ``--registry`` and ``--targets``."""
    parser.add_argument("--data-dir", help="folder with the data files (default: data/)")
    parser.add_argument("--registry", help="carrier registry CSV instead of data/carriers.csv")
    parser.add_argument("--targets", help="planned counts CSV instead of data/targets.csv")


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--workspace``: the planner's workspace file (a GeoPackage)."""
    parser.add_argument(
        "--workspace",
        metavar="PATH",
        help="the workspace GeoPackage (default: $CARRIER_MAP_WORKSPACE, else workspace.gpkg "
        "in the user data folder; created from the shipped registry on first use)",
    )


def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="CSV (UTF-8, UTF-8 BOM, GBK, GB18030) or XLSX list")
    add_workspace_option(parser)
    parser.add_argument("--city", help="city of rows that name none, e.g. 洛阳市 or luohe")
    parser.add_argument("--who", help="name recorded in the history (default: $CARRIER_MAP_USER)")
    parser.add_argument(
        "--merge-score",
        type=float,
        default=0.9,
        help="merge a row into the carrier it matches from this score (0–1, default 0.9)",
    )
    parser.add_argument("--no-merge", action="store_true", help="add every row, merge none")
    add_data_options(parser)


def _configure_targets(parser: argparse.ArgumentParser) -> None:
    add_workspace_option(parser)
    parser.add_argument(
        "--city", help="one city: 洛阳市, 洛阳, luoyang, 410300 … (default: all cities)"
    )
    parser.add_argument("--out", help="CSV file for the table (default: print it)")
    add_data_options(parser)


def _configure_cities(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("add", "list"), help="add a city, or list those covered")
    parser.add_argument(
        "name", nargs="?", help="the city to add: 许昌市, 许昌, Xuchang, xuchang or 411000"
    )
    add_workspace_option(parser)
    parser.add_argument("--who", help="name recorded in the workspace (default: $CARRIER_MAP_USER)")
    add_data_options(parser)


def _configure_history(parser: argparse.ArgumentParser) -> None:
    add_workspace_option(parser)
    parser.add_argument("--limit", type=int, help="only the newest N changes")
    add_data_options(parser)


def _configure_undo(parser: argparse.ArgumentParser) -> None:
    add_workspace_option(parser)
    parser.add_argument("--who", help="name recorded in the history (default: $CARRIER_MAP_USER)")
    add_data_options(parser)


def _configure_build(parser: argparse.ArgumentParser) -> None:
    add_data_options(parser)
    parser.add_argument("--out", default="out", help="output folder (default: out/)")


def _configure_export(parser: argparse.ArgumentParser) -> None:
    from layers.basemaps import BASEMAPS  # the map libraries: only for ``export``

    add_data_options(parser)
    add_workspace_option(parser)
    parser.add_argument(
        "--format", choices=("gpkg", "geojson", "csv", "xlsx", "html"), default="gpkg"
    )
    parser.add_argument(
        "--out", default="out", help="output folder, or a .gpkg, .xlsx or .html file"
    )
    parser.add_argument(
        "--city", help="one city: 洛阳市, 洛阳, luoyang, 410300 … (default: all cities)"
    )
    parser.add_argument(
        "--basemap",
        default="osm",
        choices=[key for key, b in BASEMAPS.items() if b.needs_key is None],
        help="basemap of the HTML map (default osm)",
    )


def _configure_validate(parser: argparse.ArgumentParser) -> None:
    add_data_options(parser)


def _configure_analyse(parser: argparse.ArgumentParser) -> None:
    # The defaults live with the analysis: only ``analyse`` pays for importing it.
    from geo_app.analysis.coverage import CARRIER_CATEGORIES, DEFAULT_RADII_M
    from geo_app.analysis.density import CLASSIFICATION_SCHEMES
    from geo_app.analysis.grid import DEFAULT_CELL_SIZE_M

    add_data_options(parser)
    add_workspace_option(parser)
    parser.add_argument(
        "--city", default="all", help="one city (洛阳市, 洛阳, luoyang, 410300 …) or all"
    )
    parser.add_argument(
        "--categories",
        default=",".join(CARRIER_CATEGORIES),
        help="comma-separated categories for coverage and density (default: all five)",
    )
    parser.add_argument(
        "--radius",
        action="append",
        metavar="CATEGORY=METRES",
        help="service radius of a category, repeatable (defaults: "
        + ", ".join(f"{k}={v:g}" for k, v in DEFAULT_RADII_M.items())
        + ")",
    )
    parser.add_argument(
        "--include-approximate",
        action="store_true",
        help="also use carriers placed only at district precision",
    )
    parser.add_argument("--cell-size", type=float, default=DEFAULT_CELL_SIZE_M, help="grid cell, m")
    parser.add_argument("--h3-resolution", type=int, default=7, help="H3 resolution (default 7)")
    parser.add_argument("--bandwidth-km", type=float, default=2.0, help="KDE bandwidth, km")
    parser.add_argument("--basis", choices=("population", "area"), default="population")
    parser.add_argument(
        "--scheme", choices=CLASSIFICATION_SCHEMES, default=CLASSIFICATION_SCHEMES[0]
    )
    parser.add_argument(
        "--population-grid",
        help="CSV of weighted points (lon,lat,weight) or GeoTIFF replacing the even spread",
    )
    parser.add_argument(
        "--layer",
        action="append",
        metavar="FILE",
        help="the planner's own carriers (GeoJSON or GeoPackage of points, e.g. the layer "
        "written by `carrier-map geocode`), analysed with the registry; repeatable",
    )
    parser.add_argument(
        "--layer-category",
        choices=CARRIER_CATEGORIES,
        help="category of --layer rows that name none (default: such rows are left out)",
    )
    parser.add_argument("--no-registry", action="store_true", help="analyse only the --layer files")
    parser.add_argument(
        "--out",
        help="folder for the tables (CSV) and the district layers: coverage and density "
        "per district, covered and uncovered areas (GeoJSON)",
    )
    parser.add_argument(
        "--grid",
        action="store_true",
        help="also write the full analysis grid (distance, coverage, population and KDE of "
        "every cell): as GeoParquet in --out, as a layer of --gpkg; large",
    )
    parser.add_argument("--gpkg", help="GeoPackage to add the analysis layers and tables to")


def _configure_select(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--city", help="city, e.g. 洛阳市 or 漯河市")
    parser.add_argument("--category", choices=_CATEGORIES)
    parser.add_argument("--n", type=int, help="new sites (default: the plan's gap)")
    parser.add_argument(
        "--radius", type=float, help="service radius, metres (default per category)"
    )
    parser.add_argument("--model", choices=("mclp", "pmedian", "greedy"), default="mclp")
    parser.add_argument("--time-limit", type=float, default=60.0, help="solver limit, seconds")
    parser.add_argument(
        "--solver", choices=("auto", "highs", "cbc"), default="auto", help="MIP solver"
    )
    parser.add_argument("--demand", choices=("population", "area"), default="population")
    parser.add_argument("--candidate-spacing", type=float, default=1000.0, help="metres")
    parser.add_argument(
        "--h3", type=int, help="use H3 cell centres of this resolution as candidates"
    )
    parser.add_argument("--min-spacing", type=float, default=0.0, help="metres between sites")
    parser.add_argument(
        "--quota",
        action="append",
        default=[],
        metavar="DISTRICT=N",
        help="at most N new sites in DISTRICT (repeatable)",
    )
    parser.add_argument(
        "--plan-quotas",
        action="store_true",
        help="quotas from the plan's per-district allocation of the gap (--quota overrides)",
    )
    parser.add_argument(
        "--population-grid", help="CSV of weighted points or GeoTIFF replacing the census spread"
    )
    parser.add_argument("--include-areas", help="GeoJSON of areas candidates must lie in")
    parser.add_argument("--exclude-areas", help="GeoJSON of areas candidates must avoid")
    parser.add_argument(
        "--include-approximate",
        action="store_true",
        help="count district-precision carriers as open",
    )
    parser.add_argument(
        "--layer",
        action="append",
        default=[],
        metavar="FILE",
        help="the planner's own carriers (GeoJSON/GeoPackage of points), counted as open "
        "with the registry's; repeatable",
    )
    parser.add_argument(
        "--layer-category",
        choices=_CATEGORIES,
        help="category of --layer rows that name none (default: such rows are left out)",
    )
    parser.add_argument("--no-registry", action="store_true", help="count only the --layer files")
    parser.add_argument("--session", help="reopen this session file instead of new inputs")
    parser.add_argument(
        "--rerun",
        action="store_true",
        help="with --session: run it again (give the files it used again with --layer and "
        "--population-grid; they are matched by content)",
    )
    parser.add_argument("--out", default="out/select", help="output folder")
    add_data_options(parser)
    add_workspace_option(parser)
    parser.add_argument("--quiet", action="store_true", help="no progress display")


def _column_override(text: str) -> tuple[str, str]:
    role, sep, column = text.partition("=")
    if not sep or not role.strip():
        raise argparse.ArgumentTypeError(f"expected ROLE=COLUMN, got {text!r}")
    return role.strip().lower(), column.strip()


def configure_geocode(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``geocode`` (also used by ``python -m geo_app.cli_geocode``)."""
    from geocoding.providers import available_geocoders  # only for ``geocode``

    parser.add_argument("file", help="CSV (UTF-8, UTF-8 BOM, GBK, GB18030) or XLSX list")
    parser.add_argument(
        "-o",
        "--output",
        help="layer file: .geojson (default), .gpkg or .csv (default: FILE.geojson)",
    )
    parser.add_argument("--review", help="review table CSV (default: OUTPUT stem + _review.csv)")
    parser.add_argument(
        "--geocoders",
        help=f"comma-separated order, from {', '.join(available_geocoders())} "
        "(default: CARRIER_MAP_GEOCODERS or all configured)",
    )
    parser.add_argument("--city", help="city of rows that name none, e.g. 洛阳市")
    parser.add_argument(
        "--crs",
        default="WGS-84",
        help="system of given lon/lat without a crs column (default WGS-84)",
    )
    parser.add_argument(
        "--column",
        action="append",
        type=_column_override,
        default=[],
        metavar="ROLE=COLUMN",
        help="assign a column to a role (name, address, city, district, category, lon, lat, crs); "
        "ROLE= clears it",
    )
    parser.add_argument("--journal", help="progress journal (default: OUTPUT + .journal.jsonl)")
    parser.add_argument("--restart", action="store_true", help="discard the journal and start over")
    parser.add_argument("--no-cache", action="store_true", help="do not use the geocoding cache")
    parser.add_argument("--cache", help="SQLite cache file (default: in the user data folder)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    add_workspace_option(parser)  # its covered cities: districts, former names, zones


def _configure_extract(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="the plan: .txt (UTF-8 or GBK), .docx or text PDF")
    parser.add_argument(
        "--city", default=None, help="the plan's city, e.g. 洛阳 (detected if omitted)"
    )
    parser.add_argument(
        "--out-dir", type=Path, default=Path(), help="folder for the CSV files (default: .)"
    )
    parser.add_argument(
        "--merge-into",
        type=Path,
        default=None,
        metavar="REGISTRY_CSV",
        help="also merge the carriers into this registry CSV (created if missing)",
    )


#: Every subcommand, in the order ``carrier-map --help`` lists them.
COMMANDS: Mapping[str, Command] = MappingProxyType(
    {
        "build": Command(
            help="write one GeoJSON per category",
            description=None,
            configure=_configure_build,
            module="geo_app.cli_data",
            function="run_build",
        ),
        "export": Command(
            help="export every layer, the Excel workbook or the HTML map",
            description=None,
            configure=_configure_export,
            module="geo_app.cli_data",
            function="run_export",
        ),
        "validate": Command(
            help="check the data files",
            description=None,
            configure=_configure_validate,
            module="geo_app.cli_data",
            function="run_validate",
        ),
        "extract": Command(
            help="extract carriers and planned counts from a plan (.txt, .docx, .pdf)",
            description="Read a plan document and write its named carriers and planned "
            "counts as two CSV files for review.",
            configure=_configure_extract,
            module="geo_app.extraction.cli",
        ),
        "geocode": Command(
            help="geocode a CSV/XLSX list into a layer plus a review table",
            description="``carrier-map geocode FILE``: put a planner's CSV/XLSX list on the map.",
            configure=configure_geocode,
            module="geo_app.cli_geocode",
        ),
        "analyse": Command(
            help="coverage, density and target gaps per district",
            description="``carrier-map analyse``: coverage, density and target gaps as "
            "tables and files.",
            configure=_configure_analyse,
            module="geo_app.cli_analyse",
        ),
        "select": Command(
            help="propose sites for the carriers the plans still need",
            description="``carrier-map select``: where the carriers the plans still need "
            "should go.",
            configure=_configure_select,
            module="geo_app.cli_select",
        ),
        "import": Command(
            help="import a CSV/XLSX list of carriers into the workspace (one undoable step)",
            description="``carrier-map import FILE``: read a list, merge its duplicates, and "
            "add it to the workspace.",
            configure=_configure_import,
            module="geo_app.cli_workspace",
            function="run_import",
        ),
        "targets": Command(
            help="count each target from the workspace: counted, gap, carriers behind it",
            description="``carrier-map targets``: each planned count, its rule, how many "
            "carriers of the workspace count towards it, and the gap.",
            configure=_configure_targets,
            module="geo_app.cli_workspace",
            function="run_targets",
        ),
        "cities": Command(
            help="add a city to the workspace, or list the cities it covers",
            description="``carrier-map cities add NAME``: cover one more prefecture-level city "
            "(its county-level boundaries from data/cities/); ``carrier-map cities list``: "
            "the cities the workspace covers.",
            configure=_configure_cities,
            module="geo_app.cli_cities",
        ),
        "history": Command(
            help="list the changes made to the workspace, one line each",
            description=None,
            configure=_configure_history,
            module="geo_app.cli_workspace",
            function="run_history",
        ),
        "undo": Command(
            help="take back the latest change to the workspace (an import is one change)",
            description=None,
            configure=_configure_undo,
            module="geo_app.cli_workspace",
            function="run_undo",
        ),
    }
)


def add_command(
    subparsers: Any,
    name: str,
    *,
    configure: bool = True,
    run: Callable[[argparse.Namespace], int] | None = None,
) -> argparse.ArgumentParser:
    """Register subcommand ``name`` on ``subparsers`` and return its parser.

    Parameters
    ----------
    subparsers
        What ``ArgumentParser.add_subparsers`` returned.
    name
        A key of :data:`COMMANDS`.
    configure
        Add its options too (``False``: only its name and help line, enough for
        the top-level ``--help``).
    run
        Set as ``args.func`` when given.
    """
    command = COMMANDS[name]
    parser: argparse.ArgumentParser = subparsers.add_parser(
        name, help=command.help, description=command.description or command.help
    )
    if configure:
        command.configure(parser)
    if run is not None:
        parser.set_defaults(func=run)
    return parser

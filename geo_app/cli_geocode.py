"""``carrier-map geocode FILE``: put a planner's CSV/XLSX list on the map.

Writes the layer (GeoJSON, GeoPackage or CSV by the output suffix) and a
review table (CSV, UTF-8 with BOM for Excel) of rows that failed or came
back at low precision. Progress goes to a journal beside the output; if the
run is interrupted (Ctrl-C, a killed process), the same command resumes and
no finished row is asked again.

Keys come from ``CARRIER_MAP_AMAP_KEY``, ``CARRIER_MAP_BAIDU_AK``,
``CARRIER_MAP_TIANDITU_KEY`` and ``CARRIER_MAP_NOMINATIM_USER_AGENT``;
providers without one are skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from geo_app.batch import default_journal_path, geocode_file, require_crs
from geo_app.cli_parsers import add_command, configure_geocode
from geo_app.errors import GeoAppError, cli_error_text
from geo_app.messages import LANG_ENV, LANGS, render_message, resolve_lang
from geocoding.chain import GeocoderChain
from geocoding.check import AreaIndex
from geocoding.providers import GeocoderSettings, build_chain
from layers.files import write_csv, write_geojson, write_gpkg

__all__ = ["ProgressBar", "add_parser", "main", "run"]


class ProgressBar:
    """A one-line text progress bar on a stream (stderr by default).

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> bar = ProgressBar(out, width=10)
    >>> bar(5, 10)
    >>> out.getvalue().strip()
    '[#####.....]   5/10 rows'
    """

    def __init__(self, stream: TextIO | None = None, *, width: int = 30) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.width = width

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        bar = "#" * filled + "." * (self.width - filled)
        digits = len(str(total))
        self.stream.write(f"\r[{bar}] {done:>{digits + 1}}/{total} rows")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``geocode`` subcommand on ``carrier-map``'s subparsers."""
    return add_command(subparsers, "geocode", run=run)


def _outputs(args: argparse.Namespace) -> tuple[Path, Path, Path]:
    source = Path(args.file)
    output = Path(args.output) if args.output else source.with_suffix(".geojson")
    review = Path(args.review) if args.review else output.with_name(output.stem + "_review.csv")
    journal = Path(args.journal) if args.journal else default_journal_path(output)
    return output, review, journal


def _chain(
    args: argparse.Namespace, names: list[str] | None, settings: GeocoderSettings
) -> GeocoderChain:
    """The chain, reading the workspace's cities and boundaries when one is named."""
    from geo_app.cli_workspace import open_workspace, workspace_requested

    if not workspace_requested(args):
        return build_chain(names, settings=settings)
    workspace = open_workspace(args)
    return build_chain(
        names,
        settings=settings,
        cities=workspace.cities(),
        area_index=AreaIndex.from_boundaries(workspace.boundaries()),
    )


def run(args: argparse.Namespace) -> int:
    """Run ``geocode``; returns 0 when every row was placed, 1 if some need review."""
    settings = GeocoderSettings.from_env()
    if args.no_cache:
        settings = replace(settings, use_cache=False)
    if args.cache:
        settings = replace(settings, cache_path=Path(args.cache))
    names = [n.strip() for n in args.geocoders.split(",")] if args.geocoders else None
    chain = _chain(args, names, settings)
    for name, reason in chain.skipped.items():
        print(f"note: skipping {name}: {reason}", file=sys.stderr)
    output, review_path, journal = _outputs(args)
    result = geocode_file(
        args.file,
        chain=chain,
        overrides=dict(args.column),
        journal_path=journal,
        restart=args.restart,
        default_city=args.city,
        default_crs=require_crs(args.crs),
        progress=None if args.quiet else ProgressBar(),
    )
    layer = result.layer
    suffix = output.suffix.lower()
    if suffix == ".gpkg":
        write_gpkg({output.stem: layer}, output)
    elif suffix == ".csv":
        write_csv(layer, output)
    else:
        write_geojson(layer, output)
    review = result.review
    write_csv(review, review_path)
    info = result.info
    encoding = info.encoding or f"sheet {info.sheet}" if info else "?"
    mix = ", ".join(f"{k}: {v}" for k, v in result.precision_mix().items())
    print(
        f"read {len(result.outcomes)} rows ({encoding}); resumed {result.resumed} from the journal"
    )
    print(f"columns: {', '.join(f'{k}={v}' for k, v in result.roles.as_dict().items() if v)}")
    print(f"precision mix: {mix}")
    print(f"{output}  ({len(layer)} on the layer)")
    print(f"{review_path}  ({len(review)} rows to review)")
    return 0 if review.empty else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``geocode`` on its own (``python -m geo_app.cli_geocode FILE …``)."""
    parser = argparse.ArgumentParser(prog="carrier-map geocode", description=__doc__)
    configure_geocode(parser)
    parser.add_argument(
        "--lang",
        dest="cli_lang",
        choices=LANGS,
        help=f"language of the messages (default: ${LANG_ENV}, else en)",
    )
    args = parser.parse_args(argv)
    lang = resolve_lang(args.cli_lang)
    try:
        return run(args)
    except GeoAppError as err:
        print(cli_error_text(err, lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(render_message("cli.interrupted_resume", lang), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

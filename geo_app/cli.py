"""The ``carrier-map`` command line.

Subcommands (see :mod:`geo_app.cli_parsers`): ``build`` (one GeoJSON per
category plus boundaries), ``export`` (GeoPackage, GeoJSON or CSV of every
layer, the Excel workbook or the standalone HTML map), ``validate`` (check the
data files and every cited phrase), ``extract``, ``geocode``, ``analyse`` and
``select``. Start-up imports nothing heavy: only the subcommand named on the
command line gets its options, and its module is imported only when it runs.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Collection, Sequence

from geo_app import __version__
from geo_app.cli_parsers import COMMANDS, add_command
from geo_app.errors import GeoAppError, cli_error_text
from geo_app.messages import LANG_ENV, LANGS, render_message, resolve_lang

__all__ = ["build_parser", "main"]


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser of ``carrier-map``.

    Parameters
    ----------
    commands
        The subcommands that get their options (default: all). The others are
        listed with their help line only, which is all ``carrier-map --help``
        shows.
    """
    parser = argparse.ArgumentParser(
        prog="carrier-map",
        description="Innovation carriers of Luoyang and Luohe: registry, map layers, gaps.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--lang",
        dest="cli_lang",
        choices=LANGS,
        help=f"language of the messages (default: ${LANG_ENV}, else en)",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        add_command(sub, name, configure=commands is None or name in commands)
    return parser


def _named_command(argv: Sequence[str]) -> list[str]:
    """The subcommand named in ``argv`` (its first word that is one), as a list."""
    return [word for word in argv if word in COMMANDS][:1]


def _runner(name: str) -> Callable[[argparse.Namespace], int]:
    """The function that runs subcommand ``name``, its module imported now."""
    command = COMMANDS[name]
    run: Callable[[argparse.Namespace], int] = getattr(
        importlib.import_module(command.module), command.function
    )
    return run


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``carrier-map``; returns the exit status (2 for bad input)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_named_command(words))
    args = parser.parse_args(words)
    lang = resolve_lang(args.cli_lang)
    try:
        return int(_runner(args.command)(args))
    except GeoAppError as err:
        print(cli_error_text(err, lang), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(render_message("cli.interrupted", lang), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

"""``carrier-map`` starts without its heavy libraries.

Each check runs in a fresh interpreter and reads ``sys.modules``: a module
imported at start-up by any path shows up there, however fast the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from geo_app.cli import build_parser
from geo_app.cli_parsers import COMMANDS

#: Libraries that only a running subcommand may import.
HEAVY = ("geopandas", "folium", "streamlit", "pandas", "shapely", "pulp", "spopt")

_PROBE = """
import json, sys
{code}
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _heavy_after(code: str) -> list[str]:
    """The heavy libraries imported once ``code`` has run in a new interpreter."""
    probe = _PROBE.format(code=code, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def _help_of(argv: list[str]) -> str:
    return (
        "from contextlib import redirect_stdout\n"
        "import io\n"
        "from geo_app.cli import main\n"
        "with redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({argv!r})\n"
        "    except SystemExit as end:\n"
        "        assert end.code == 0, end.code\n"
    )


def test_importing_the_cli_imports_nothing_heavy() -> None:
    assert _heavy_after("import geo_app.cli") == []


def test_building_the_top_level_parser_imports_nothing_heavy() -> None:
    assert _heavy_after("from geo_app.cli import build_parser; build_parser(())") == []


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--version"], *([name, "--help"] for name in ("build", "extract", "select"))],
)
def test_help_imports_nothing_heavy(argv: list[str]) -> None:
    assert _heavy_after(_help_of(argv)) == []


def test_the_top_level_help_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as end:
        build_parser(()).parse_args(["--help"])
    assert end.value.code == 0
    out = capsys.readouterr().out
    for name, command in COMMANDS.items():
        assert name in out and command.help.split()[0] in out


def test_a_named_subcommand_gets_its_options() -> None:
    args = build_parser().parse_args(["--lang", "zh", "analyse", "--city", "luohe", "--grid"])
    assert (args.command, args.cli_lang, args.city, args.grid) == ("analyse", "zh", "luohe", True)
    args = build_parser().parse_args(["export", "--format", "csv"])
    assert args.format == "csv" and args.data_dir is None


def test_every_subcommand_names_a_function_that_runs_it() -> None:
    import importlib

    for command in COMMANDS.values():
        assert callable(getattr(importlib.import_module(command.module), command.function))

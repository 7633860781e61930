"""Fixtures of the inventory tests: the public 40-row list in each of its forms."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geo_app.inventory import CarrierList, read_carrier_list

LISTS = Path(__file__).resolve().parents[1] / "data" / "lists"

#: The same 40 rows saved as a planner receives them (see tests/data/lists/README.md).
FORMS = {
    "utf8-csv": "carriers_40.csv",
    "gbk-csv": "carriers_40_gbk.csv",
    "xlsx": "carriers_40.xlsx",
    "titled-xlsx": "carriers_40_title.xlsx",
}


@pytest.fixture(scope="session")
def lists_dir() -> Path:
    return LISTS


@pytest.fixture(scope="session", params=list(FORMS), ids=list(FORMS))
def any_form(request: pytest.FixtureRequest) -> CarrierList:
    """The list in each form, imported with the Import tab's default city 洛阳市."""
    return read_carrier_list(LISTS / FORMS[str(request.param)], city="洛阳市")


@pytest.fixture(scope="session")
def titled() -> CarrierList:
    return read_carrier_list(LISTS / FORMS["titled-xlsx"], city="洛阳市")


@pytest.fixture(scope="session")
def plain() -> CarrierList:
    return read_carrier_list(LISTS / FORMS["utf8-csv"])


@pytest.fixture(scope="session")
def registry_frame(registry: pd.DataFrame) -> pd.DataFrame:
    return registry

"""Product errors a planner can cause, as the Chinese interface shows them."""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
import pytest

from geo_app.errors import GeoAppError
from geo_app.siting.constraints import SiteConstraints
from geo_app.siting.models import GreedyCovering
from geo_app.siting.problem import SitingProblem
from geo_app.siting.run import SitingInputs, areas_from_geojson, default_n_new
from geo_app.ui.i18n import error_text

_WORDS = re.compile(r"[A-Za-z]{4,}")


def _gaps(gap: float | None) -> pd.DataFrame:
    return pd.DataFrame(
        {"city": ["洛阳市"], "category": ["community"], "subkind": [""], "gap": [gap]}
    )


def _problem() -> SitingProblem:
    return SitingProblem.from_arrays(
        [[0, 0], [10, 0], [20, 0]], [1, 1, 5], [[0, 0], [20, 0]], radius_m=1.0
    )


@pytest.mark.parametrize(
    "cause",
    [
        lambda: default_n_new(_gaps(0), "洛阳市", "community"),
        lambda: default_n_new(_gaps(None), "洛阳市", "community"),
        lambda: GreedyCovering(_problem(), 5).solve(),
        lambda: GreedyCovering(
            _problem(), 2, constraints=SiteConstraints(min_spacing_m=100.0)
        ).solve(),
        lambda: areas_from_geojson({"type": "FeatureCollection", "features": []}),
        lambda: SitingInputs(city="洛阳市", category="community", use_registry=False),
    ],
    ids=["target-met", "no-target", "too-few-candidates", "spacing", "no-polygon", "no-carriers"],
)
def test_siting_errors_read_in_chinese(cause: Callable[[], object]) -> None:
    with pytest.raises(GeoAppError) as caught:
        cause()
    zh = error_text(caught.value, "zh")
    assert zh != str(caught.value), str(caught.value)  # a Chinese form exists
    assert not _WORDS.search(zh.replace("GeoJSON", "")), zh
    assert error_text(caught.value, "en") == str(caught.value)


def test_table_problems_read_in_chinese(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geo_app.batch import detect_columns, read_table
    from geo_app.errors import DataFileError

    empty = tmp_path / "空表.csv"
    empty.write_text("名称,地址\n", encoding="utf-8")
    causes = [
        lambda: read_table(tmp_path / "没有.csv"),
        lambda: read_table(empty),
        lambda: detect_columns(["序号", "备注"], path=empty),
    ]
    for cause in causes:
        with pytest.raises(DataFileError) as caught:
            cause()
        zh = error_text(caught.value, "zh")
        assert zh.startswith(caught.value.path.name), zh
        assert not _WORDS.search(zh.split(":", 1)[1]), zh

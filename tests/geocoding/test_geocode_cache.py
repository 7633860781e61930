"""The SQLite cache on its own: location, WAL, keys, expiry, speed."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import platformdirs
import pytest

from geocoding import exc
from geocoding.base import Location
from geocoding.cache import GeocodeCache, default_cache_path, normalise_query


def _loc(i: int) -> Location:
    raw = {
        "precision": "point",
        "source": "t",
        "provider": "amap",
        "crs": "GCJ-02",
        "original": [112.4 + i * 1e-5, 34.6],
    }
    return Location(f"地址{i}", 34.6, 112.4 + i * 1e-5, raw)


def test_default_path_is_in_the_user_data_folder() -> None:
    assert default_cache_path().parent == Path(platformdirs.user_data_dir("carrier-mapper", False))


def test_file_is_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "cache.sqlite3"
    with GeocodeCache(path) as cache:
        cache.put_result("amap", "q", "洛阳市", {"status": "1"}, [_loc(1)])
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with GeocodeCache(path) as again:  # persistent across connections
        entry = again.get("amap", "Q", "洛阳市")
        assert entry is not None and entry.locations == (_loc(1),)
        assert again.page("amap", "q", "洛阳市") == {"status": "1"}


def test_key_is_provider_query_and_city() -> None:
    cache = GeocodeCache(":memory:")
    cache.put_result("amap", "周山 智慧岛", "洛阳市", {}, [_loc(1)])
    assert cache.get("amap", "周山　智慧岛", "洛阳市") is not None  # full-width space
    assert cache.get("baidu", "周山 智慧岛", "洛阳市") is None
    assert cache.get("amap", "周山 智慧岛", "漯河市") is None
    assert cache.get("amap", "周山 智慧岛", None) is None
    assert normalise_query("ＡＢＣ  d") == "abc d"


def test_empty_answers_and_failures_expire() -> None:
    now = [0.0]
    cache = GeocodeCache(":memory:", empty_ttl=100.0, failure_ttl=10.0, clock=lambda: now[0])
    cache.put_result("amap", "none", "", {}, [])
    assert cache.put_failure("amap", "slow", "", exc.GeocoderTimedOut("timed out"))
    assert not cache.put_failure("amap", "quota", "", exc.GeocoderQuotaExceeded("quota"))
    failure = cache.get("amap", "slow", "")
    assert failure is not None and isinstance(failure.error, exc.GeocoderTimedOut)
    now[0] = 11.0
    assert cache.get("amap", "slow", "") is None
    entry = cache.get("amap", "none", "")
    assert entry is not None and entry.locations == ()
    now[0] = 101.0
    assert cache.get("amap", "none", "") is None
    assert cache.get("amap", "quota", "") is None


def test_cached_lookups_are_fast(tmp_path: Path) -> None:
    cache = GeocodeCache(tmp_path / "c.sqlite3")
    for i in range(2000):
        cache.put_result("amap", f"洛阳测试众创空间{i:05d}", "洛阳市", {"i": i}, [_loc(i)])
    start = time.perf_counter()
    found = [cache.get("amap", f"洛阳测试众创空间{i:05d}", "洛阳市") for i in range(2000)]
    elapsed = time.perf_counter() - start
    assert all(f is not None for f in found)
    # target: 10,000 in < 1 s, i.e. 2,000 in < 0.2 s; allow 5x for a busy machine
    assert elapsed < 1.0, f"2,000 cached look-ups took {elapsed:.2f} s"


@pytest.mark.parametrize("bad", ["", None])
def test_empty_city_and_none_share_a_key(bad: str | None) -> None:
    cache = GeocodeCache(":memory:")
    cache.put_result("amap", "q", bad, {}, [_loc(0)])
    assert cache.get("amap", "q", "") is not None

"""Geocoding benchmark: cached look-ups and a 10,000-row batch on a local server.

Run::

    .venv/bin/python benchmarks/bench_geocode.py [--rows 10000]

1. A batch of ``--rows`` rows (CSV, GBK) geocoded through AMap's real client
   code against an AMap-style server on 127.0.0.1, with the cache and the
   fsynced journal on: prints rows per second.
2. ``--rows`` look-ups of the same queries, now all in the cache: prints the
   total and per-look-up time (target: 10,000 under 1 s) and checks that the
   server was not asked again.
3. The precision mix of that batch and of the shipped registry's carrier
   names through the offline gazetteer chain (a realistic sample).

Nothing leaves the machine; the cache and journal live in a temporary folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from geo_app.batch import geocode_file
from geo_app.config import Settings
from geocoding.cache import CachedGeocoder, GeocodeCache
from geocoding.check import AreaIndex
from geocoding.providers import GeocoderSettings, build_chain, get_geocoder


def _answer(address: str) -> dict[str, Any]:
    digest = hashlib.sha256(address.encode("utf-8")).digest()
    lon, lat = 112.40 + digest[0] / 255 * 0.1, 34.62 + digest[1] / 255 * 0.05
    if "NORESULT" in address:
        return {"status": "1", "info": "OK", "infocode": "10000", "count": "0", "geocodes": []}
    level = "区县" if "DISTRICT" in address else "兴趣点"
    return {
        "status": "1",
        "info": "OK",
        "infocode": "10000",
        "count": "1",
        "geocodes": [
            {
                "formatted_address": f"河南省洛阳市{address}",
                "province": "河南省",
                "city": "洛阳市",
                "district": "洛龙区",
                "adcode": "410311",
                "location": f"{lon:.6f},{lat:.6f}",
                "level": level,
            }
        ],
    }


class _Counter:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()


@contextmanager
def amap_server() -> Iterator[tuple[str, _Counter]]:
    """An AMap-style server on 127.0.0.1; yields its URL and a request counter."""
    counter = _Counter()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            params = parse_qs(urlsplit(self.path).query)
            with counter.lock:
                counter.count += 1
            body = json.dumps(_answer(params["address"][0]), ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v3/geocode/geo", counter
    finally:
        httpd.shutdown()
        httpd.server_close()


def _names(rows: int) -> list[str]:
    names = []
    for i in range(rows):
        tag = " DISTRICT" if i % 10 == 3 else (" NORESULT" if i % 50 == 7 else "")
        names.append(f"洛阳测试众创空间{i:05d}{tag}")
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument(
        "--no-fsync", action="store_true", help="journal without fsync (shows the fsync cost)"
    )
    args = parser.parse_args()
    area_index = AreaIndex.default()
    names = _names(args.rows)
    with tempfile.TemporaryDirectory() as tmp, amap_server() as (url, counter):
        folder = Path(tmp)
        source = folder / "list.csv"
        pd.DataFrame({"名称": names}).to_csv(source, index=False, encoding="gbk")
        settings = GeocoderSettings(
            amap_key="bench-key",
            amap_url=url,
            min_delay_seconds=0.0,
            error_wait_seconds=0.0,
            cache_path=folder / "cache.sqlite3",
            timeout=5.0,
        )
        cache = GeocodeCache(settings.cache_path)
        chain = build_chain(["amap"], settings=settings, area_index=area_index, cache=cache)

        start = time.perf_counter()
        result = geocode_file(
            source,
            chain=chain,
            journal_path=folder / "journal.jsonl",
            default_city="洛阳市",
            fsync=not args.no_fsync,
        )
        batch_s = time.perf_counter() - start
        asked = counter.count
        print(
            f"batch: {len(result.outcomes)} rows in {batch_s:.2f} s = "
            f"{len(result.outcomes) / batch_s:,.0f} rows/s "
            f"({asked} requests to the local server, journal "
            f"{'not fsynced' if args.no_fsync else 'fsynced per row'})"
        )
        print(f"batch precision mix: {result.precision_mix()}")

        geocoder = get_geocoder("amap", settings=settings, cache=cache)
        assert isinstance(geocoder, CachedGeocoder)
        start = time.perf_counter()
        for name in names:
            geocoder.geocode(name, city="洛阳市")
        cached_s = time.perf_counter() - start
        assert counter.count == asked, "cached look-ups must not reach the server"
        print(
            f"cache: {len(names)} cached look-ups in {cached_s:.3f} s "
            f"({cached_s / len(names) * 1e6:.0f} µs each; target < 1 s for 10,000) "
            f"hits={geocoder.hits} misses={geocoder.misses}"
        )
        cache.close()

    registry = pd.read_csv(Settings().registry_file, dtype=str).fillna("")
    offline = build_chain(
        ["gazetteer"], settings=GeocoderSettings(use_cache=False), area_index=area_index
    )
    mix: dict[str, int] = {}
    for record in registry.to_dict(orient="records"):
        city = record.get("city") or None
        res = offline.resolve(record["name_zh"], city=city)
        key = res.best.precision.value if res.best else "not_found"
        mix[key] = mix.get(key, 0) + 1
    print(
        f"registry sample ({len(registry)} carriers, offline gazetteer): {dict(sorted(mix.items()))}"
    )


if __name__ == "__main__":
    main()

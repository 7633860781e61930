"""A local stand-in for the online geocoders, on 127.0.0.1.

The server answers AMap, Baidu, Nominatim and Tianditu requests with the
recorded-style bodies of ``data/responses.json``. The scenario is chosen by a
word in the query text:

==============  ==========================================================
word            answer
==============  ==========================================================
(none)          success inside Luoyang (point derived from the query)
DISTRICTLEVEL   a district-level match
ZHOUSHAN        the 舟山 (Zhejiang) answer of the pinyin trap
NORESULT        no match
QUOTA           quota exceeded (provider status; HTTP 403 for Nominatim)
BADKEY          key refused
RATE429         HTTP 429 with ``Retry-After: 7`` once, then success
FLAKY500        HTTP 500 once, then success
ERR500          HTTP 500 always
TIMEOUT         answers only after ``server.delay`` seconds
BADJSON         HTTP 200 with a body that is not JSON
==============  ==========================================================

Every request is logged (provider, text, parameters) so tests can count
calls. Test modules take everything from fixtures (``server``,
``area_index``, ``sleeps``) and import nothing from this file at run time, so
the suite works whatever import mode pytest uses. ``hold_after = n`` makes the n-th request block until ``release`` is
set (used to kill a batch mid-request).
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from geocoding.check import AreaIndex
from geocoding.providers import GeocoderSettings

DATA = Path(__file__).parent / "data"
RESPONSES: dict[str, Any] = json.loads((DATA / "responses.json").read_text(encoding="utf-8"))

#: Keys handed to the providers in tests; they must never leak.
SECRETS = {
    "amap_key": "AMAPKEY-7f3a9c1e",
    "baidu_ak": "BAIDUAK-51d0e2b4",
    "baidu_sk": "BAIDUSK-9e8d7c6b",
    "tianditu_key": "TDTKEY-0a1b2c3d",
}
ONLINE = ("amap", "baidu", "nominatim", "tianditu")
_PATHS = {
    "/v3/geocode/geo": "amap",
    "/geocoding/v3/": "baidu",
    "/search": "nominatim",
    "/geocoder": "tianditu",
}
_SCENARIOS = (
    "TIMEOUT",
    "BADJSON",
    "ERR500",
    "FLAKY500",
    "RATE429",
    "QUOTA",
    "BADKEY",
    "NORESULT",
    "DISTRICTLEVEL",
    "ZHOUSHAN",
)


def luoyang_point(text: str) -> tuple[float, float]:
    """A stable point in urban Luoyang for ``text`` (lon, lat)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return 112.40 + digest[0] / 255 * 0.10, 34.62 + digest[1] / 255 * 0.05


def _fill(template: Any, provider: str, lon: float, lat: float, text: str) -> Any:
    numeric = provider in ("baidu", "tianditu")
    if isinstance(template, dict):
        return {k: _fill(v, provider, lon, lat, text) for k, v in template.items()}
    if isinstance(template, list):
        return [_fill(v, provider, lon, lat, text) for v in template]
    if template == "LON,LAT":
        return f"{lon:.6f},{lat:.6f}"
    if template in ("LON", "LAT"):
        value = lon if template == "LON" else lat
        return round(value, 7) if numeric else f"{value:.7f}"
    if template == "KEYWORD":
        return text
    return template


@dataclass
class ProviderServer:
    """State of the local server; see the module docstring."""

    port: int = 0
    delay: float = 0.6
    hold_after: int | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)
    hold_reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    #: The keys the providers are given; they must never leak.
    secrets: dict[str, str] = field(default_factory=lambda: dict(SECRETS))

    @staticmethod
    def point_for(text: str) -> tuple[float, float]:
        """The (lon, lat) the server answers for ``text`` on success."""
        return luoyang_point(text)

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
        self.hold_after = None
        self.hold_reached.clear()
        self.release.clear()

    def texts(self, provider: str | None = None) -> list[str]:
        with self.lock:
            return [r["text"] for r in self.requests if provider in (None, r["provider"])]

    def settings(self, cache_path: Path | None = None, **changes: Any) -> GeocoderSettings:
        base = f"127.0.0.1:{self.port}"
        values: dict[str, Any] = dict(
            **SECRETS,
            nominatim_user_agent="carrier-mapper-tests/0.1 (tests@example.org)",
            amap_url=f"http://{base}/v3/geocode/geo",
            baidu_domain=base,
            baidu_scheme="http",
            nominatim_domain=base,
            nominatim_scheme="http",
            tianditu_url=f"http://{base}/geocoder",
            timeout=0.25,
            max_retries=2,
            error_wait_seconds=0.0,
            min_delay_seconds=0.0,
            nominatim_min_delay=0.0,
            use_cache=cache_path is not None,
            cache_path=cache_path,
        )
        values.update(changes)
        return GeocoderSettings(**values)

    def env(self, cache_path: Path | None = None) -> dict[str, str]:
        """The same settings as ``CARRIER_MAP_*`` environment variables."""
        s = self.settings(cache_path)
        env = {
            "CARRIER_MAP_AMAP_KEY": SECRETS["amap_key"],
            "CARRIER_MAP_AMAP_URL": s.amap_url,
            "CARRIER_MAP_GEOCODE_TIMEOUT": "2",
            "CARRIER_MAP_GEOCODE_MIN_DELAY": "0",
            "CARRIER_MAP_GEOCODE_ERROR_WAIT": "0",
            "CARRIER_MAP_GEOCODE_CACHE": "1" if cache_path else "0",
        }
        if cache_path:
            env["CARRIER_MAP_GEOCODE_CACHE_PATH"] = str(cache_path)
        return env


def _make_handler(state: ProviderServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
            data = (
                body
                if isinstance(body, bytes)
                else (
                    body.encode("utf-8")
                    if isinstance(body, str)
                    else json.dumps(body, ensure_ascii=False).encode("utf-8")
                )
            )
            self.send_response(status)
            is_json = not isinstance(body, (bytes, str))
            kind = "application/json" if is_json else "text/html"
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[0] for k, v in parse_qs(parts.query).items()}
            provider = _PATHS.get(parts.path)
            if provider is None:
                self._send(404, {"error": "unknown path"})
                return
            if provider == "tianditu":
                text = json.loads(params.get("ds", "{}")).get("keyWord", "")
            elif provider == "nominatim":
                text = params.get("q", "")
            else:
                text = params.get("address", "")
            with state.lock:
                state.requests.append({"provider": provider, "text": text, "params": params})
                number = len(state.requests)
                seen = sum(
                    1 for r in state.requests if r["provider"] == provider and r["text"] == text
                )
            if state.hold_after is not None and number == state.hold_after:
                state.hold_reached.set()
                state.release.wait(30)
            self._answer(provider, text, seen)

        def _answer(self, provider: str, text: str, seen: int) -> None:
            upper = text.upper()
            scenario = next((s for s in _SCENARIOS if s in upper), "success")
            answers = RESPONSES[provider]
            lon, lat = luoyang_point(text)
            if scenario == "TIMEOUT":
                time.sleep(state.delay)
                scenario = "success"
            if scenario == "BADJSON":
                self._send(200, b'{"status": "1", "geocodes": [')
            elif scenario == "ERR500" or (scenario == "FLAKY500" and seen == 1):
                self._send(500, "<html><body>500 Internal Server Error</body></html>")
            elif scenario == "RATE429" and seen == 1:
                self._send(429, "Too Many Requests", {"Retry-After": "7"})
            elif scenario == "QUOTA" and provider == "nominatim":
                self._send(403, answers["quota"])
            elif scenario in ("QUOTA", "BADKEY", "NORESULT", "DISTRICTLEVEL", "ZHOUSHAN"):
                key = {
                    "QUOTA": "quota",
                    "BADKEY": "invalid_key",
                    "NORESULT": "no_result",
                    "DISTRICTLEVEL": "district",
                    "ZHOUSHAN": "zhoushan",
                }[scenario]
                template = answers.get(key, answers["success"])
                self._send(200, _fill(copy.deepcopy(template), provider, lon, lat, text))
            else:
                self._send(200, _fill(copy.deepcopy(answers["success"]), provider, lon, lat, text))

    return Handler


@pytest.fixture(scope="session")
def _provider_server() -> Iterator[ProviderServer]:
    state = ProviderServer()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(state))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    state.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def server(_provider_server: ProviderServer) -> Iterator[ProviderServer]:
    """The local provider server with an empty request log."""
    _provider_server.reset()
    yield _provider_server
    _provider_server.release.set()


@pytest.fixture(scope="session")
def area_index() -> AreaIndex:
    return AreaIndex.default()


@pytest.fixture
def sleeps() -> list[float]:
    """A list the rate limiter's sleeps are recorded into (nothing really sleeps)."""
    return []

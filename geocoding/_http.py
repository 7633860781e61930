"""Shared plumbing of the online providers: status table, errors, retries.

The providers talk HTTP through geopy (its ``Geocoder`` base class and its
``URLLibAdapter``), so this module does not open sockets itself. It holds what
geopy leaves to each caller:

* :data:`HTTP_STATUS_ERRORS`, the one table mapping an HTTP status to an
  exception of :mod:`geocoding.exc`;
* :func:`translate_error`, which turns a geopy exception into one of ours
  (``raise translate_error(err, …) from err``) and removes secrets from the
  message;
* :class:`RetryingRateLimiter`, geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`
  extended to retry only errors worth retrying and to honour ``Retry-After``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol, TypeVar

import geopy.exc
from geopy.adapters import AdapterHTTPError, URLLibAdapter, get_retry_after
from geopy.extra.rate_limiter import RateLimiter

from geocoding.base import Location, Precision
from geocoding.coords import bd09_to_wgs84, gcj02_to_wgs84
from geocoding.exc import (
    GeocoderAuthenticationFailure,
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderQuotaExceeded,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)

__all__ = [
    "ADAPTER_FACTORY",
    "HTTP_STATUS_ERRORS",
    "PROVIDER_STATUS_ERRORS",
    "OnlineProvider",
    "ProviderBase",
    "RetryingRateLimiter",
    "build_location",
    "call_geopy",
    "error_for_http_status",
    "error_for_provider_status",
    "redact",
    "translate_error",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: The one table from HTTP status to exception (geopy's ``ERROR_CODE_MAP``,
#: with 5xx counted as "unavailable" so that they are retried).
HTTP_STATUS_ERRORS: Mapping[int, type[GeocoderServiceError]] = {
    400: GeocoderQueryError,
    401: GeocoderAuthenticationFailure,
    402: GeocoderQuotaExceeded,
    403: GeocoderAuthenticationFailure,
    407: GeocoderAuthenticationFailure,
    408: GeocoderTimedOut,
    412: GeocoderQueryError,
    413: GeocoderQueryError,
    414: GeocoderQueryError,
    429: GeocoderRateLimited,
    500: GeocoderUnavailable,
    502: GeocoderUnavailable,
    503: GeocoderUnavailable,
    504: GeocoderTimedOut,
}

_Auth = GeocoderAuthenticationFailure
_Quota = GeocoderQuotaExceeded
_Rate = GeocoderRateLimited
_Query = GeocoderQueryError
_Down = GeocoderUnavailable

#: Each provider's own status codes (in the JSON body, HTTP 200) -> exception.
#: AMap: ``infocode`` of the v3 web services (lbs.amap.com, "info 状态表");
#: Baidu: ``status`` of geocoding/v3 (lbsyun.baidu.com, "服务状态码");
#: Tianditu: ``status`` of the geocoder service.
PROVIDER_STATUS_ERRORS: Mapping[str, Mapping[str, type[GeocoderServiceError]]] = {
    "amap": {
        "10001": _Auth,  # INVALID_USER_KEY
        "10002": _Auth,  # SERVICE_NOT_AVAILABLE
        "10003": _Quota,  # DAILY_QUERY_OVER_LIMIT
        "10004": _Rate,  # ACCESS_TOO_FREQUENT
        "10005": _Auth,  # INVALID_USER_IP
        "10006": _Auth,  # INVALID_USER_DOMAIN
        "10007": _Auth,  # INVALID_USER_SIGNATURE
        "10008": _Auth,  # INVALID_USER_SCODE
        "10009": _Auth,  # USERKEY_PLAT_NOMATCH
        "10010": _Rate,  # IP_QUERY_OVER_LIMIT
        "10011": _Query,  # NOT_SUPPORT_HTTPS
        "10012": _Auth,  # INSUFFICIENT_PRIVILEGES
        "10013": _Auth,  # USER_KEY_RECYCLED
        "10014": _Rate,  # QPS_HAS_EXCEEDED_THE_LIMIT
        "10015": GeocoderTimedOut,  # GATEWAY_TIMEOUT
        "10016": _Down,  # SERVER_IS_BUSY
        "10017": _Down,  # RESOURCE_UNAVAILABLE
        "10019": _Rate,  # CQPS_HAS_EXCEEDED_THE_LIMIT
        "10020": _Rate,  # CKQPS_HAS_EXCEEDED_THE_LIMIT
        "10021": _Rate,  # CUQPS_HAS_EXCEEDED_THE_LIMIT
        "10026": _Auth,  # INVALID_REQUEST (account blocked)
        "10029": _Rate,  # ABROAD_DAILY_QUERY_OVER_LIMIT
        "10041": _Auth,  # NO_EFFECTIVE_INTERFACE
        "10044": _Quota,  # USER_DAILY_QUERY_OVER_LIMIT
        "10045": _Quota,  # USER_ABROAD_DAILY_QUERY_OVER_LIMIT
        "20000": _Query,  # INVALID_PARAMS
        "20001": _Query,  # MISSING_REQUIRED_PARAMS
        "20002": _Query,  # ILLEGAL_REQUEST
        "20003": _Down,  # UNKNOWN_ERROR
        "40000": _Quota,  # QUOTA_PLAN_RUN_OUT
        "40002": _Auth,  # SERVICE_EXPIRED
        "40003": _Quota,  # ABROAD_QUOTA_PLAN_RUN_OUT
    },
    "baidu": {
        "1": _Down,  # 服务器内部错误
        "2": _Query,  # 请求参数非法
        "3": _Auth,  # 权限校验失败
        "4": _Quota,  # 配额校验失败
        "5": _Auth,  # ak不存在或者非法
        "8": _Query,  # 数据解析失败 (query has odd characters)
        "9": _Auth,  # 高级权限校验失败
        "101": _Auth,  # AK参数不存在 / 服务禁用
        "102": _Auth,  # 不通过白名单或者安全码不对
        "200": _Auth,  # APP不存在
        "210": _Auth,  # APP IP校验失败
        "211": _Auth,  # APP SN校验失败
        "240": _Auth,  # APP 服务被禁用
        "301": _Quota,  # 永久配额超限
        "302": _Quota,  # 天配额超限
        "401": _Rate,  # 当前并发量已经超过约定并发配额
        "402": _Rate,  # 并发与总并发均超限
    },
    "tianditu": {
        "1": _Query,  # 参数错误
        "403": _Quota,  # 权限类型错误或超出访问配额
        "404": _Down,  # 服务出错
    },
}


def error_for_provider_status(
    provider: str, status: str | int, message: str = ""
) -> GeocoderServiceError:
    """Build the exception for a provider's own error status.

    Codes missing from :data:`PROVIDER_STATUS_ERRORS` fall back by family:
    Baidu 2xx are refused keys and 3xx quotas, AMap 3xxxx engine errors.

    Examples
    --------
    >>> type(error_for_provider_status("amap", "10003", "DAILY_QUERY_OVER_LIMIT")).__name__
    'GeocoderQuotaExceeded'
    >>> type(error_for_provider_status("baidu", 250)).__name__
    'GeocoderAuthenticationFailure'
    """
    code = str(status)
    cls = PROVIDER_STATUS_ERRORS.get(provider, {}).get(code)
    if cls is None and code.isdigit():
        number = int(code)
        if provider == "baidu" and 200 <= number < 300:
            cls = _Auth
        elif provider == "baidu" and 300 <= number < 400:
            cls = _Quota
        elif provider == "amap" and 30000 <= number < 40000:
            cls = _Down
    cls = cls or GeocoderServiceError
    return cls(
        provider=provider,
        status=code,
        code=_STATUS_CODES.get(cls, "geocoder.status.error"),
        params={"status": code, "info": f" {message}" if message else ""},
    )


#: Message code of each class for a provider's own error status.
_STATUS_CODES: Mapping[type[GeocoderServiceError], str] = {
    GeocoderQuotaExceeded: "geocoder.status.quota",
    GeocoderRateLimited: "geocoder.status.rate",
    GeocoderAuthenticationFailure: "geocoder.status.auth",
    GeocoderQueryError: "geocoder.status.query",
    GeocoderUnavailable: "geocoder.status.unavailable",
    GeocoderTimedOut: "geocoder.status.timed_out",
}


#: geopy adapter used by every online provider. urllib's messages never echo
#: the request URL (``requests``' do, and the URL carries the key).
ADAPTER_FACTORY = URLLibAdapter

# geopy's classes, most specific first, and ours.
_GEOPY_ERRORS: tuple[tuple[type[Exception], type[GeocoderServiceError]], ...] = (
    (geopy.exc.GeocoderTimedOut, GeocoderTimedOut),
    (geopy.exc.GeocoderUnavailable, GeocoderUnavailable),
    (geopy.exc.GeocoderParseError, GeocoderParseError),
    (geopy.exc.GeocoderRateLimited, GeocoderRateLimited),
    (geopy.exc.GeocoderQuotaExceeded, GeocoderQuotaExceeded),
    (geopy.exc.GeocoderAuthenticationFailure, GeocoderAuthenticationFailure),
    (geopy.exc.GeocoderInsufficientPrivileges, GeocoderAuthenticationFailure),
    (geopy.exc.GeocoderQueryError, GeocoderQueryError),
    (geopy.exc.GeocoderServiceError, GeocoderServiceError),
)


def build_location(
    *,
    provider: str,
    address: str,
    lon: float,
    lat: float,
    crs: str,
    precision: Precision,
    details: Mapping[str, Any] | None = None,
) -> Location:
    """Build a WGS-84 :class:`Location` from a provider's own coordinate.

    Parameters
    ----------
    provider
        Registry name of the provider.
    address
        What the provider matched.
    lon, lat
        The coordinate as the provider returned it, **lon first**.
    crs
        The provider's system: ``"WGS-84"``, ``"GCJ-02"`` or ``"BD-09"``.
    precision
        Precision level mapped from the provider's fields.
    details
        Provider fields worth keeping (level, confidence …).

    Examples
    --------
    >>> loc = build_location(provider="amap", address="x", lon=112.456261, lat=34.618983,
    ...                      crs="GCJ-02", precision=Precision.POINT)
    >>> round(loc.longitude, 5), round(loc.latitude, 5), loc.raw["original"]
    (112.45, 34.62, [112.456261, 34.618983])
    """
    if crs == "GCJ-02":
        wgs_lon, wgs_lat = gcj02_to_wgs84(float(lon), float(lat))
    elif crs == "BD-09":
        wgs_lon, wgs_lat = bd09_to_wgs84(float(lon), float(lat))
    elif crs == "WGS-84":
        wgs_lon, wgs_lat = float(lon), float(lat)
    else:
        raise ValueError(f"unknown coordinate system {crs!r}")
    raw: dict[str, Any] = dict(details or {})
    raw.update(
        precision=precision.value,
        source=f"{provider} geocoding",
        provider=provider,
        crs=crs,
        original=[float(lon), float(lat)],
    )
    return Location(address, wgs_lat, wgs_lon, raw)


class OnlineProvider(Protocol):
    """An online provider split in two steps, so that raw answers can be cached.

    ``fetch`` asks the service and returns its JSON answer once the provider's
    own status says the request succeeded (an empty answer is a success);
    ``parse`` turns such an answer into WGS-84 locations, best first.
    """

    name: str

    def fetch(self, query: str, *, city: str | None = None) -> Mapping[str, Any]:
        """Ask the service; raise an error of :mod:`geocoding.exc` on failure."""
        ...

    def parse(self, page: Mapping[str, Any]) -> list[Location]:
        """Turn a successful answer into locations, best first."""
        ...


class ProviderBase:
    """What the online providers share on top of their own ``fetch`` and ``parse``.

    ``geocode`` is the best location of ``parse(fetch(...))``; ``json_object``
    refuses an answer that is not a JSON object, naming the provider.
    """

    name: str = ""

    def fetch(self, query: str, *, city: str | None = None) -> Mapping[str, Any]:
        """Ask the service (each provider defines it)."""
        raise NotImplementedError

    def parse(self, page: Mapping[str, Any]) -> list[Location]:
        """Turn an answer into locations, best first (each provider defines it)."""
        raise NotImplementedError

    def geocode(
        self, query: str, *, city: str | None = None, district: str | None = None
    ) -> Location | None:
        """Best match for ``query`` in ``city`` (uncached; see :mod:`geocoding.cache`)."""
        found = self.parse(self.fetch(query, city=city))
        return found[0] if found else None

    def json_object(self, page: object) -> dict[str, Any]:
        """``page`` itself when it is a JSON object; a parse error otherwise."""
        if not isinstance(page, dict):
            raise GeocoderParseError(code="geocoder.not_json_object", provider=self.name)
        return page


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every secret in ``text`` by ``***``.

    Examples
    --------
    >>> redact("key=abc123&address=x", ["abc123", None])
    'key=***&address=x'
    """
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def error_for_http_status(
    status: int,
    *,
    provider: str,
    headers: Mapping[str, str] | None = None,
) -> GeocoderServiceError:
    """Build the exception for an HTTP error status (see :data:`HTTP_STATUS_ERRORS`).

    Examples
    --------
    >>> err = error_for_http_status(429, provider="amap", headers={"retry-after": "3"})
    >>> type(err).__name__, err.retry_after
    ('GeocoderRateLimited', 3)
    >>> type(error_for_http_status(502, provider="amap")).__name__
    'GeocoderUnavailable'
    """
    if status >= 500:
        cls = HTTP_STATUS_ERRORS.get(status, GeocoderUnavailable)
    else:
        cls = HTTP_STATUS_ERRORS.get(status, GeocoderServiceError)
    params = {"status": status}
    if cls is GeocoderRateLimited:
        retry_after = get_retry_after(dict(headers or {}))
        return GeocoderRateLimited(
            provider=provider,
            status=status,
            retry_after=retry_after,
            code="geocoder.http",
            params=params,
        )
    return cls(provider=provider, status=status, code="geocoder.http", params=params)


def translate_error(
    err: BaseException, *, provider: str, secrets: Iterable[str | None] = ()
) -> GeocoderServiceError:
    """Turn an exception raised inside geopy into one of :mod:`geocoding.exc`.

    An HTTP error status found in the chain of causes decides the class
    (through :data:`HTTP_STATUS_ERRORS`); otherwise geopy's class does. The
    caller raises the result ``from err``.
    """
    if isinstance(err, GeocoderServiceError):
        return err
    cause: BaseException | None = err
    while cause is not None:
        if isinstance(cause, AdapterHTTPError):
            return error_for_http_status(
                int(cause.status_code), provider=provider, headers=cause.headers
            )
        cause = cause.__cause__
    message = redact(str(err), secrets)
    if isinstance(err, geopy.exc.GeocoderParseError):
        # geopy puts the whole body in the message; keep it short.
        message = message.splitlines()[0] if message else "unreadable answer"
    failed = {"detail": message}
    for geopy_cls, ours in _GEOPY_ERRORS:
        if isinstance(err, geopy_cls):
            if ours is GeocoderRateLimited:
                retry_after = getattr(err, "retry_after", None)
                return GeocoderRateLimited(
                    provider=provider,
                    retry_after=retry_after,
                    code="geocoder.failed",
                    params=failed,
                )
            return ours(provider=provider, code="geocoder.failed", params=failed)
    if isinstance(err, TimeoutError):
        return GeocoderTimedOut(code="geocoder.timed_out", provider=provider)
    if isinstance(err, OSError):
        return GeocoderUnavailable(provider=provider, code="geocoder.failed", params=failed)
    return GeocoderServiceError(provider=provider, code="geocoder.failed", params=failed)


def call_geopy(func: Callable[[], T], *, provider: str, secrets: Iterable[str | None] = ()) -> T:
    """Run ``func`` (a call into geopy) and translate what it raises.

    Errors of :mod:`geocoding.exc` pass through; any other failure of the
    request becomes one of them, chained to the original.
    """
    try:
        return func()
    except GeocoderServiceError:
        raise
    except (geopy.exc.GeopyError, OSError, ValueError) as err:
        raise translate_error(err, provider=provider, secrets=secrets) from err


class RetryingRateLimiter(RateLimiter):  # type: ignore[misc]
    """geopy's ``RateLimiter`` that retries only what is worth retrying.

    Timeouts, unreachable services, HTTP 5xx and rate limiting are retried up to
    ``max_retries`` times; a quota used up, a refused key or an unreadable
    answer are raised at once. After an HTTP 429 the limiter waits what the
    ``Retry-After`` header asked (capped at ``max_retry_after``), otherwise
    ``error_wait_seconds``. Exceptions are never swallowed: the caller reports
    them per row.

    Parameters
    ----------
    func
        The call to limit.
    min_delay_seconds
        Minimum time between two calls (1 s for the public Nominatim).
    max_retries
        Retries after the first attempt.
    error_wait_seconds
        Wait after a retryable error without ``Retry-After``.
    max_retry_after
        Longest ``Retry-After`` honoured, in seconds.
    sleep
        The sleeping function. Anything but :func:`time.sleep` (a recorder in
        tests) is taken not to sleep really: the limiter's clock is advanced
        by the time asked instead.
    """

    _retry_exceptions = (GeocoderServiceError,)

    def __init__(
        self,
        func: Callable[..., Any],
        *,
        min_delay_seconds: float = 0.0,
        max_retries: int = 2,
        error_wait_seconds: float = 1.0,
        max_retry_after: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(
            func,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(error_wait_seconds, min_delay_seconds),
            swallow_exceptions=False,
        )
        self.max_retry_after = max_retry_after
        self._sleep_func = sleep
        self._virtual = sleep is not time.sleep
        self._skipped = 0.0

    def _clock(self) -> float:
        return time.perf_counter() + self._skipped

    def _sleep(self, seconds: float) -> None:
        if seconds > 0:
            self._sleep_func(seconds)
            if self._virtual:
                self._skipped += seconds

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        attempt = 0
        while True:
            self._acquire_request_slot()
            try:
                return self.func(*args, **kwargs)
            except GeocoderServiceError as err:
                if not err.retryable or attempt >= self.max_retries:
                    raise
                attempt += 1
                wait = self.error_wait_seconds
                retry_after = getattr(err, "retry_after", None)
                if retry_after is not None:
                    wait = max(min(float(retry_after), self.max_retry_after), 0.0)
                logger.warning(
                    "%s, retrying (%d/%d) in %.2f s", err, attempt, self.max_retries, wait
                )
                self._sleep(wait)

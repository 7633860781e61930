"""Exceptions raised by the online geocoders.

Modelled on :mod:`geopy.exc`: every class derives from the product's root
(:class:`~geo_app.errors.GeoAppError`, through
:class:`~geo_app.errors.GeocodingError`) **and** from the matching builtin, so
``except TimeoutError`` or ``except ConnectionError`` also work. Messages never
contain an API key: they are written here or passed through
:func:`geocoding._http.redact` first.

Which exception a provider status maps to is decided in one place,
:data:`geocoding._http.HTTP_STATUS_ERRORS` and the per-provider tables beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

from geo_app.errors import GeocodingError
from geo_app.messages import render_message

# Class names follow geopy.exc, hence no "Error" suffix on some (ruff N818).

__all__ = [
    "GeocoderAuthenticationFailure",
    "GeocoderParseError",
    "GeocoderQueryError",
    "GeocoderQuotaExceeded",
    "GeocoderRateLimited",
    "GeocoderServiceError",
    "GeocoderTimedOut",
    "GeocoderUnavailable",
]


class GeocoderServiceError(GeocodingError):
    """The provider answered with an error, or did not answer usefully.

    Parameters
    ----------
    message
        What went wrong, without any secret (English); derived from ``code``
        when empty.
    provider
        Registry name of the provider (``"amap"``, ``"baidu"`` …).
    status
        The provider's own status code or the HTTP status, if known.
    code, params
        As for :class:`~geo_app.errors.GeoAppError`.

    Examples
    --------
    >>> err = GeocoderServiceError(code="geocoder.http", params={"status": 502}, provider="amap")
    >>> str(err), err.message, err.text("zh")
    ('amap: HTTP 502', 'HTTP 502', 'amap:服务返回 HTTP 502')
    """

    #: Whether retrying the same request later may succeed.
    retryable: bool = True

    def __init__(
        self,
        message: str = "",
        *,
        provider: str = "",
        status: str | int | None = None,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.provider = provider
        self.status = status
        super().__init__(message, code=code, params=params)
        if provider:
            self.args = (f"{provider}: {self.message}",)

    def text(self, lang: str) -> str:
        """What went wrong, in ``lang``, after the provider's name."""
        body = super().text(lang)
        if not self.provider:
            return body
        return render_message(
            "geocoder.from_provider", lang, {"provider": self.provider, "message": body}
        )


class GeocoderTimedOut(GeocoderServiceError, TimeoutError):  # noqa: N818
    """The provider did not answer within the timeout."""


class GeocoderUnavailable(GeocoderServiceError, ConnectionError):  # noqa: N818
    """The provider could not be reached (connection refused, DNS, HTTP 5xx)."""


class GeocoderQuotaExceeded(GeocoderServiceError):  # noqa: N818
    """The key's quota is used up (e.g. the daily limit); retrying today is pointless."""

    retryable = False


class GeocoderRateLimited(GeocoderQuotaExceeded, OSError):  # noqa: N818
    """Too many requests in a short time (HTTP 429 or a provider's QPS status).

    Parameters
    ----------
    message, provider, status
        See :class:`GeocoderServiceError`.
    retry_after
        Seconds the provider asked to wait before the next request
        (``Retry-After`` header), or ``None`` if it did not say.
    """

    retryable = True

    def __init__(
        self,
        message: str = "",
        *,
        provider: str = "",
        status: str | int | None = None,
        retry_after: float | None = None,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
    ) -> None:
        self.retry_after = retry_after
        super().__init__(message, provider=provider, status=status, code=code, params=params)


class GeocoderAuthenticationFailure(GeocoderServiceError, PermissionError):  # noqa: N818
    """The key was refused (invalid, expired, IP not whitelisted, service not enabled)."""

    retryable = False


class GeocoderQueryError(GeocoderServiceError, ValueError):
    """The provider refused the request itself (invalid parameters)."""

    retryable = False


class GeocoderParseError(GeocoderServiceError, ValueError):
    """The provider's answer could not be read (malformed JSON, missing fields)."""

    retryable = False

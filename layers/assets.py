"""Serve every script and stylesheet a folium map needs from the app itself.

folium 0.20 and its plugins load Leaflet, jQuery, Bootstrap, Font Awesome and
the Leaflet plugins from public CDNs (``cdn.jsdelivr.net``, ``code.jquery.com``,
``cdnjs.cloudflare.com`` …). Where those hosts are blocked, or offline, the map
never draws. This module

* declares the vendor manifest: for each CDN URL folium uses, the npm package
  (pinned in ``package.json``) and the file inside it that replaces it;
  ``scripts/vendor_assets.py`` copies those files to ``static/vendor/``;
* rewrites a map's asset URLs to those local copies (:func:`localize_map`),
  per map instance, never through folium's class-level lists, because one
  Streamlit server process is shared by every user;
* turns a map page into one standalone HTML file (:func:`inline_assets`) for
  the "download HTML map" export.

Map tiles are not assets in this sense: they are requested by Leaflet at run
time and are left alone.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import folium
from branca.colormap import ColorMap
from branca.element import CssLink, Element, JavascriptLink
from folium.elements import JSCSSMixin

from geo_app.errors import GeoAppError

__all__ = [
    "ASSET_MAP",
    "DEFAULT_BASE_URL",
    "VENDOR_DIR",
    "VENDOR_MANIFEST",
    "AssetError",
    "ExternalAssetError",
    "VendorAsset",
    "VendorError",
    "find_external_assets",
    "inline_assets",
    "localize_map",
]

#: URL prefix under which Streamlit serves ``static/vendor/`` when
#: ``server.enableStaticServing`` is on (``<app dir>/static`` -> ``/app/static``).
DEFAULT_BASE_URL = "/app/static/vendor"

#: Where ``scripts/vendor_assets.py`` puts the files in a source checkout.
VENDOR_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor"

AssetSource = Literal["npm", "folium", "derived"]


class AssetError(GeoAppError):
    """A map asset cannot be served locally."""


class ExternalAssetError(AssetError, ValueError):
    """A map would load scripts or stylesheets from outside the app.

    Parameters
    ----------
    urls
        The offending URLs, each with the element that asked for it.
    """

    def __init__(self, urls: list[tuple[str, str]]) -> None:
        self.urls = urls
        listed = "\n".join(f"  - {url}  (from {owner})" for owner, url in urls)
        super().__init__(code="assets.external", params={"listed": listed})


class VendorError(AssetError, RuntimeError):
    """The vendored asset folder cannot be built or read."""


@dataclass(frozen=True, slots=True)
class VendorAsset:
    """One file that replaces one CDN URL.

    Parameters
    ----------
    cdn_url
        The URL folium (or a plugin) writes into the page.
    package
        Top folder under ``static/vendor/``: the npm package name as it appears
        in ``package.json`` (an alias such as ``bootstrap3`` is allowed), or
        ``folium`` for files that folium itself provides.
    path
        Path of the file inside that package; the local copy keeps it, so
        relative ``url(...)`` references in stylesheets keep working.
    source
        ``"npm"``: copied from ``node_modules/<package>/<path>``;
        ``"folium"``: copied from the installed folium package;
        ``"derived"``: produced by ``scripts/vendor_assets.py`` from npm files
        (for stylesheets that only exist on a CDN).
    extra_files
        Further files of the same package that the asset loads at run time
        without a stylesheet ``url(...)`` naming them (paths inside the package).
    """

    cdn_url: str
    package: str
    path: str
    source: AssetSource = "npm"
    extra_files: tuple[str, ...] = ()

    @property
    def local_path(self) -> str:
        """Path relative to the vendor folder, with forward slashes."""
        return f"{self.package}/{self.path}"


_JSD = "https://cdn.jsdelivr.net"
_CDNJS = "https://cdnjs.cloudflare.com/ajax/libs"

#: Every CDN URL used by folium's base map, by the plugins the product uses
#: (MarkerCluster, FastMarkerCluster, Draw, Fullscreen, HeatMap,
#: FeatureGroupSubGroup) and by :mod:`layers.fast_markers`, with its local
#: replacement.
VENDOR_MANIFEST: tuple[VendorAsset, ...] = (
    # folium.Map defaults
    VendorAsset(f"{_JSD}/npm/leaflet@1.9.3/dist/leaflet.js", "leaflet", "dist/leaflet.js"),
    VendorAsset(
        f"{_JSD}/npm/leaflet@1.9.3/dist/leaflet.css",
        "leaflet",
        "dist/leaflet.css",
        # L.Icon.Default finds its images next to the one the stylesheet names.
        extra_files=("dist/images/marker-icon-2x.png", "dist/images/marker-shadow.png"),
    ),
    VendorAsset("https://code.jquery.com/jquery-3.7.1.min.js", "jquery", "dist/jquery.min.js"),
    VendorAsset(
        f"{_JSD}/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js",
        "bootstrap",
        "dist/js/bootstrap.bundle.min.js",
    ),
    VendorAsset(
        f"{_JSD}/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css",
        "bootstrap",
        "dist/css/bootstrap.min.css",
    ),
    # Bootstrap 3 glyphicons (folium.Icon's default prefix); the CDN file is
    # the glyphicon part of Bootstrap 3's stylesheet, derived from bootstrap@3.
    VendorAsset(
        "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
        "bootstrap3",
        "dist/css/bootstrap-glyphicons.css",
        "derived",
    ),
    VendorAsset(
        f"{_JSD}/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css",
        "@fortawesome/fontawesome-free",
        "css/all.min.css",
    ),
    VendorAsset(
        f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js",
        "leaflet.awesome-markers",
        "dist/leaflet.awesome-markers.js",
    ),
    VendorAsset(
        f"{_CDNJS}/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css",
        "leaflet.awesome-markers",
        "dist/leaflet.awesome-markers.css",
    ),
    VendorAsset(
        f"{_JSD}/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css",
        "folium",
        "leaflet.awesome.rotate.min.css",
        "derived",
    ),
    # plugins.MarkerCluster / FastMarkerCluster
    VendorAsset(
        f"{_CDNJS}/leaflet.markercluster/1.1.0/leaflet.markercluster.js",
        "leaflet.markercluster",
        "dist/leaflet.markercluster.js",
    ),
    VendorAsset(
        f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.css",
        "leaflet.markercluster",
        "dist/MarkerCluster.css",
    ),
    VendorAsset(
        f"{_CDNJS}/leaflet.markercluster/1.1.0/MarkerCluster.Default.css",
        "leaflet.markercluster",
        "dist/MarkerCluster.Default.css",
    ),
    # plugins.Draw
    VendorAsset(
        f"{_CDNJS}/leaflet.draw/1.0.2/leaflet.draw.js", "leaflet-draw", "dist/leaflet.draw.js"
    ),
    VendorAsset(
        f"{_CDNJS}/leaflet.draw/1.0.2/leaflet.draw.css", "leaflet-draw", "dist/leaflet.draw.css"
    ),
    # plugins.Fullscreen (jsDelivr minifies on the fly; npm ships the source)
    VendorAsset(
        f"{_JSD}/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.min.js",
        "leaflet.fullscreen",
        "Control.FullScreen.js",
    ),
    VendorAsset(
        f"{_JSD}/npm/leaflet.fullscreen@3.0.0/Control.FullScreen.css",
        "leaflet.fullscreen",
        "Control.FullScreen.css",
    ),
    # plugins.HeatMap: folium ships its patched copy of Leaflet.heat
    VendorAsset(
        f"{_JSD}/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js",
        "folium",
        "leaflet_heat.min.js",
        "folium",
    ),
    # plugins.FeatureGroupSubGroup
    VendorAsset(
        "https://unpkg.com/leaflet.featuregroup.subgroup@1.0.2/dist/leaflet.featuregroup.subgroup.js",
        "leaflet.featuregroup.subgroup",
        "dist/leaflet.featuregroup.subgroup.js",
    ),
)

#: CDN URL -> path relative to the vendor folder.
ASSET_MAP: Mapping[str, str] = MappingProxyType(
    {asset.cdn_url: asset.local_path for asset in VENDOR_MANIFEST}
)

_LOCAL_PATHS = frozenset(ASSET_MAP.values())


def _is_external(url: str) -> bool:
    lowered = url.strip().lower()
    return lowered.startswith(("http://", "https://", "//"))


def _walk(element: Element) -> Iterator[Element]:
    """Yield ``element`` and all its descendants, depth first."""
    stack = [element]
    while stack:
        current = stack.pop()
        yield current
        children: Mapping[str, Element] = getattr(current, "_children", {})
        stack.extend(reversed(list(children.values())))


def _localized_links(
    owner: Element, links: list[tuple[str, str]], base_url: str, unknown: list[tuple[str, str]]
) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    for name, url in links:
        if url in ASSET_MAP:
            result.append((name, f"{base_url}/{ASSET_MAP[url]}"))
        else:
            if _is_external(url):
                unknown.append((type(owner).__name__, url))
            result.append((name, url))
    return result


def localize_map(m: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Point every script and stylesheet of a map to the app's own copies.

    The map and each element under it get their own ``default_js`` and
    ``default_css`` lists (instance attributes); folium's class attributes
    and module lists are left untouched, so maps built elsewhere in the same
    process are not affected. Call it after the last layer or plugin is added;
    calling it again is harmless.

    Parameters
    ----------
    m
        The map; changed in place.
    base_url
        URL under which the vendor folder is served. In Streamlit (with
        ``server.enableStaticServing``) that is ``/app/static/vendor``; for a
        file next to a copy of the folder, a relative path such as ``vendor``.

    Returns
    -------
    folium.Map
        The same map, for chaining.

    Raises
    ------
    ExternalAssetError
        If an element asks for an external script or stylesheet that is not in
        :data:`VENDOR_MANIFEST`, or carries a branca colormap (streamlit-folium
        loads d3 for colormaps from public CDNs whatever the map says).

    Examples
    --------
    >>> import folium
    >>> m = localize_map(folium.Map(location=[34.62, 112.45], zoom_start=10))
    >>> dict(m.default_js)["leaflet"]
    '/app/static/vendor/leaflet/dist/leaflet.js'
    >>> folium.Map.default_js[0][1].startswith("https://")
    True
    """
    base_url = base_url.rstrip("/")
    unknown: list[tuple[str, str]] = []
    # Work everything out first, so a refused map is left as it was.
    lists: list[tuple[Any, list[tuple[str, str]], list[tuple[str, str]]]] = []
    for element in _walk(m):
        if isinstance(element, ColorMap):
            unknown.append(
                (type(element).__name__, "d3 from cdnjs.cloudflare.com and d3js.org (colormap)")
            )
        if isinstance(element, JSCSSMixin):
            js = _localized_links(element, list(element.default_js), base_url, unknown)
            css = _localized_links(element, list(element.default_css), base_url, unknown)
            lists.append((element, js, css))
    # Links already placed in the page header by an earlier render.
    links: list[tuple[Any, str]] = []
    header = getattr(m.get_root(), "header", None)
    if header is not None:
        for link in header._children.values():
            if isinstance(link, JavascriptLink | CssLink):
                if link.url in ASSET_MAP:
                    links.append((link, f"{base_url}/{ASSET_MAP[link.url]}"))
                elif _is_external(link.url):
                    unknown.append((type(link).__name__, link.url))
    if unknown:
        raise ExternalAssetError(list(dict.fromkeys(unknown)))
    for element, js, css in lists:
        # New lists on the instance: the class lists stay as folium wrote them.
        element.default_js = js
        element.default_css = css
    for link, url in links:
        link.url = url
    return m


_SCRIPT_SRC_RE = re.compile(
    r"<script\b[^>]*?\bsrc\s*=\s*([\"'])(?P<url>[^\"']*)\1[^>]*>\s*</script\s*>",
    re.IGNORECASE,
)
_LINK_RE = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF_RE = re.compile(r"\bhref\s*=\s*([\"'])(?P<url>[^\"']*)\1", re.IGNORECASE)
_STYLESHEET_RE = re.compile(r"\brel\s*=\s*([\"'])\s*stylesheet\s*\1", re.IGNORECASE)


def _stylesheet_href(tag: str) -> str | None:
    if not _STYLESHEET_RE.search(tag):
        return None
    match = _HREF_RE.search(tag)
    return match.group("url") if match else None


def find_external_assets(html: str) -> list[str]:
    """List the external URLs loaded by ``<script src>`` and stylesheet links.

    Tile URL templates live inside scripts, not in these tags, so they are not
    reported.

    Parameters
    ----------
    html
        A rendered page.

    Returns
    -------
    list of str
        Each external URL once, in page order.

    Examples
    --------
    >>> find_external_assets('<script src="https://x.org/a.js"></script>'
    ...                      '<link rel="stylesheet" href="/app/static/vendor/b.css"/>')
    ['https://x.org/a.js']
    """
    urls = [m.group("url") for m in _SCRIPT_SRC_RE.finditer(html)]
    urls += [href for tag in _LINK_RE.findall(html) if (href := _stylesheet_href(tag))]
    return list(dict.fromkeys(url for url in urls if _is_external(url)))


# --------------------------------------------------------------------------- inlining

_MIME_TYPES = {
    ".png": "image/png",
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
}
_CSS_URL_RE = re.compile(
    r"""url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)"'\s]*))\s*\)"""
)
_FONT_FACE_RE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.IGNORECASE)
_SRC_DECL_RE = re.compile(r"\bsrc\s*:(?P<value>[^;}]*);?", re.IGNORECASE)
# Preference when a @font-face offers several files: only one is embedded.
_FONT_PREFERENCE = (".woff2", ".woff", ".ttf", ".otf", ".svg", ".eot")


def _css_url(match: re.Match[str]) -> str:
    return match.group("dq") or match.group("sq") or match.group("bare") or ""


def _strip_query(url: str) -> str:
    return re.split(r"[?#]", url, maxsplit=1)[0]


def _data_uri(path: Path) -> str:
    mime = _MIME_TYPES.get(path.suffix.lower())
    if mime is None:
        raise VendorError(code="assets.unknown_type", params={"path": path, "suffix": path.suffix})
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _resolve_in_vendor(vendor_dir: Path, base: Path, url: str) -> Path:
    target = (base / _strip_query(url)).resolve()
    root = vendor_dir.resolve()
    if not target.is_relative_to(root):
        raise VendorError(code="assets.outside_vendor", params={"url": url, "folder": vendor_dir})
    if not target.is_file():
        raise VendorError(code="assets.missing", params={"path": target})
    return target


def _pick_font(urls: list[str]) -> str:
    for suffix in _FONT_PREFERENCE:
        for url in urls:
            if _strip_query(url).lower().endswith(suffix):
                return url
    return urls[0]


def _embed_font_faces(css: str, css_dir: Path, vendor_dir: Path) -> str:
    """Keep one font file per ``@font-face`` (the most compact format) and embed it."""

    def one_face(match: re.Match[str]) -> str:
        body = match.group("body")
        urls = [
            _css_url(u)
            for decl in _SRC_DECL_RE.finditer(body)
            for u in _CSS_URL_RE.finditer(decl.group("value"))
        ]
        urls = [u for u in urls if u and not u.startswith(("data:", "#"))]
        if not urls:
            return match.group(0)
        chosen = _pick_font(urls)
        data = _data_uri(_resolve_in_vendor(vendor_dir, css_dir, chosen))
        kept = _SRC_DECL_RE.sub("", body).strip().rstrip(";")
        src = f'src:url("{data}")'
        return "@font-face{" + (f"{kept};{src}" if kept else src) + "}"

    return _FONT_FACE_RE.sub(one_face, css)


def _embed_css(css: str, css_file: Path, vendor_dir: Path) -> str:
    css_dir = css_file.parent
    css = _embed_font_faces(css, css_dir, vendor_dir)

    def one_url(match: re.Match[str]) -> str:
        url = _css_url(match)
        if not url or url.startswith(("data:", "#")):
            return match.group(0)
        if _is_external(url):
            raise VendorError(code="assets.external_in_css", params={"css": css_file, "url": url})
        return f'url("{_data_uri(_resolve_in_vendor(vendor_dir, css_dir, url))}")'

    css = _CSS_URL_RE.sub(one_url, css)
    # A stylesheet inside <style> must not close the element early.
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def _vendor_file_for(url: str, vendor_dir: Path) -> Path:
    """Find the vendored file behind a CDN URL or a localized URL."""
    if url in ASSET_MAP:
        return vendor_dir / ASSET_MAP[url]
    path = _strip_query(url)
    for local in _LOCAL_PATHS:
        if path == local or path.endswith("/" + local):
            return vendor_dir / local
    raise ExternalAssetError([("page", url)])


def _leaflet_icon_fix(vendor_dir: Path) -> str:
    """Script giving Leaflet's default marker its images as data URIs.

    Leaflet guesses the marker image folder from its stylesheet's URL, which
    does not exist in a standalone file.
    """
    images = vendor_dir / "leaflet" / "dist" / "images"
    options = {
        "iconUrl": _data_uri(images / "marker-icon.png"),
        "iconRetinaUrl": _data_uri(images / "marker-icon-2x.png"),
        "shadowUrl": _data_uri(images / "marker-shadow.png"),
    }
    return (
        "<script>L.Icon.Default.imagePath='';"
        f"L.Icon.Default.mergeOptions({json.dumps(options)});</script>"
    )


def inline_assets(html: str, vendor_dir: Path = VENDOR_DIR) -> str:
    """Make a map page standalone: embed its scripts, stylesheets, fonts and images.

    Every ``<script src>`` and stylesheet ``<link>`` that names a vendored file
    (by its CDN URL or by its local URL) is replaced by the file's content; the
    ``url(...)`` references in stylesheets become ``data:`` URIs, keeping one
    font format per ``@font-face``. The result opens with no network at all
    (apart from map tiles).

    Parameters
    ----------
    html
        A rendered map page, e.g. ``m.get_root().render()``.
    vendor_dir
        The folder filled by ``scripts/vendor_assets.py``.

    Returns
    -------
    str
        The standalone page.

    Raises
    ------
    ExternalAssetError
        If the page loads an asset that is not in the vendor manifest.
    VendorError
        If a vendored file is missing.
    """
    if not vendor_dir.is_dir():
        raise VendorError(code="assets.vendor_missing", params={"folder": vendor_dir})
    cache: dict[Path, str] = {}
    leaflet_js = vendor_dir / ASSET_MAP[VENDOR_MANIFEST[0].cdn_url]

    def read(path: Path) -> str:
        if path not in cache:
            if not path.is_file():
                raise VendorError(code="assets.missing", params={"path": path})
            cache[path] = path.read_text(encoding="utf-8")
        return cache[path]

    def script(match: re.Match[str]) -> str:
        path = _vendor_file_for(match.group("url"), vendor_dir)
        code = re.sub(r"</(script)", r"<\\/\1", read(path), flags=re.IGNORECASE)
        label = html_escape(path.relative_to(vendor_dir).as_posix())
        tag = f"<script>/* {label} */\n{code}\n</script>"
        if path == leaflet_js:
            tag += _leaflet_icon_fix(vendor_dir)
        return tag

    def link(match: re.Match[str]) -> str:
        tag = match.group(0)
        href = _stylesheet_href(tag)
        if href is None:
            return tag
        path = _vendor_file_for(href, vendor_dir)
        css = _embed_css(read(path), path, vendor_dir)
        return (
            f"<style>/* {html_escape(path.relative_to(vendor_dir).as_posix())} */\n{css}\n</style>"
        )

    html = _SCRIPT_SRC_RE.sub(script, html)
    return _LINK_RE.sub(link, html)

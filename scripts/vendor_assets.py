"""Copy the map's scripts, stylesheets, fonts and images into ``static/vendor/``.

The files come from the npm packages pinned in ``package.json`` /
``package-lock.json`` (installed with ``npm ci``) and from the installed folium
package; nothing vendored is committed. Which files are needed is declared
once, in ``VENDOR_MANIFEST`` (``layers/assets.py``); files referenced by a
stylesheet's ``url(...)`` are followed and copied too.

Run from anywhere::

    python scripts/vendor_assets.py            # npm ci if needed, then copy
    python scripts/vendor_assets.py --check    # exit 1 if static/vendor is stale

The script is idempotent: when ``node_modules`` already holds the pinned
versions it does not call npm (so it works offline), unchanged files are not
rewritten, and files no longer needed are removed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:  # run as a plain script from a checkout
    sys.path.insert(0, str(REPO_ROOT))

from layers.assets import VENDOR_MANIFEST, VendorAsset, VendorError  # noqa: E402

__all__ = [
    "VendorPlan",
    "glyphicons_css",
    "installed_versions_match",
    "main",
    "npm_ci",
    "pinned_versions",
    "plan_vendor",
    "rotate_css",
    "write_vendor",
]

MANIFEST_NAME = "manifest.json"
_CSS_URL_RE = re.compile(
    r"""url\(\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^)"'\s]*))\s*\)"""
)


def pinned_versions(repo_root: Path) -> dict[str, str]:
    """Read the exact versions pinned in ``package.json``.

    Parameters
    ----------
    repo_root
        Folder holding ``package.json``.

    Returns
    -------
    dict
        Dependency name (as installed under ``node_modules``) -> version.
        An alias ``"npm:bootstrap@3.4.1"`` yields ``"3.4.1"``.
    """
    package_json = repo_root / "package.json"
    try:
        deps: dict[str, str] = json.loads(package_json.read_text(encoding="utf-8"))["dependencies"]
    except (OSError, ValueError, KeyError) as err:
        raise VendorError(f"cannot read the dependencies of {package_json}: {err}") from err
    versions = {}
    for name, spec in deps.items():
        version = spec.rsplit("@", 1)[-1] if spec.startswith("npm:") else spec
        if not re.fullmatch(r"\d+\.\d+\.\d+", version):
            raise VendorError(f"{package_json}: pin {name} to an exact version, not {spec!r}")
        versions[name] = version
    return versions


def installed_versions_match(repo_root: Path, pinned: dict[str, str]) -> bool:
    """Tell whether ``node_modules`` already holds every pinned version."""
    for name, version in pinned.items():
        manifest = repo_root / "node_modules" / name / "package.json"
        try:
            installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            return False
        if installed != version:
            return False
    return True


def npm_ci(repo_root: Path) -> None:
    """Install the locked npm packages (no install scripts run)."""
    npm = shutil.which("npm")
    if npm is None:
        raise VendorError(
            "npm is not installed, and node_modules does not hold the pinned packages. "
            "Install Node.js 20 with npm (e.g. `apt-get install -y nodejs npm`), "
            "then run this script again."
        )
    if not (repo_root / "package-lock.json").is_file():
        raise VendorError(f"{repo_root / 'package-lock.json'} is missing")
    command = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"]
    result = subprocess.run(command, cwd=repo_root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise VendorError(
            f"`{' '.join(command[1:])}` failed (exit {result.returncode}):\n"
            f"{result.stderr.strip()[-2000:]}"
        )


def rotate_css() -> bytes:
    """The ``fa-rotate-<angle>`` classes folium's ``Icon(angle=...)`` uses."""
    rules = (
        f".fa-rotate-{a}{{-webkit-transform:rotate({a}deg);transform:rotate({a}deg)}}"
        for a in range(360)
    )
    return ("\n".join(rules) + "\n").encode("ascii")


def glyphicons_css(bootstrap3_css: str) -> bytes:
    """Cut the glyphicon font face and classes out of Bootstrap 3's stylesheet.

    Parameters
    ----------
    bootstrap3_css
        Text of ``bootstrap@3``'s ``dist/css/bootstrap.css``.

    Returns
    -------
    bytes
        A stylesheet with only the ``Glyphicons Halflings`` ``@font-face`` and
        the ``.glyphicon*`` rules (what the old ``bootstrap-glyphicons.css`` held).
    """
    start = re.search(r"@font-face\s*\{\s*font-family:\s*[\"']Glyphicons Halflings", bootstrap3_css)
    if start is None:
        raise VendorError("the Bootstrap 3 stylesheet has no Glyphicons Halflings font face")
    out: list[str] = []
    rule = re.compile(r"\s*(?P<selector>[^{}]+)\{(?P<body>[^{}]*)\}")
    pos = start.start()
    while (match := rule.match(bootstrap3_css, pos)) is not None:
        selector = match.group("selector").strip()
        if out and not selector.startswith(".glyphicon"):
            break
        out.append(match.group(0).strip())
        pos = match.end()
    if len(out) < 100:
        raise VendorError(f"only {len(out)} glyphicon rules found in the Bootstrap 3 stylesheet")
    return (
        "/* Glyphicons Halflings, from Bootstrap 3.4.1 (MIT) */\n" + "\n".join(out) + "\n"
    ).encode()


@dataclass(frozen=True, slots=True)
class VendorPlan:
    """The exact content of the vendor folder.

    Attributes
    ----------
    files
        Path relative to the vendor folder -> file content.
    packages
        npm package -> version that supplied files.
    """

    files: dict[str, bytes]
    packages: dict[str, str]


def _css_refs(css: str) -> Iterable[str]:
    for match in _CSS_URL_RE.finditer(css):
        url = match.group("dq") or match.group("sq") or match.group("bare") or ""
        if not url or url.startswith(("data:", "#")):
            continue
        if url.lower().startswith(("http://", "https://", "//")):
            raise VendorError(f"a vendored stylesheet refers to the external resource {url!r}")
        yield re.split(r"[?#]", url, maxsplit=1)[0]


def _asset_bytes(asset: VendorAsset, node_modules: Path) -> bytes:
    if asset.source == "npm":
        path = node_modules / asset.package / asset.path
        if not path.is_file():
            raise VendorError(f"{path} is missing from the npm package {asset.package}")
        return path.read_bytes()
    if asset.source == "folium":
        templates = resources.files("folium") / "templates" / Path(asset.path).name
        return templates.read_bytes()
    if asset.local_path == "folium/leaflet.awesome.rotate.min.css":
        return rotate_css()
    if asset.local_path == "bootstrap3/dist/css/bootstrap-glyphicons.css":
        source = node_modules / "bootstrap3" / "dist" / "css" / "bootstrap.css"
        return glyphicons_css(source.read_text(encoding="utf-8"))
    raise VendorError(f"no recipe to derive {asset.local_path}")


def plan_vendor(repo_root: Path, pinned: dict[str, str]) -> VendorPlan:
    """Work out every file the vendor folder must contain.

    Parameters
    ----------
    repo_root
        Folder holding ``node_modules``.
    pinned
        Versions from :func:`pinned_versions`.

    Returns
    -------
    VendorPlan
        The files (manifest entries plus what their stylesheets reference).
    """
    node_modules = repo_root / "node_modules"
    files: dict[str, bytes] = {}
    packages: dict[str, str] = {}
    for asset in VENDOR_MANIFEST:
        content = _asset_bytes(asset, node_modules)
        files[asset.local_path] = content
        if asset.package in pinned:
            packages[asset.package] = pinned[asset.package]
        for extra in asset.extra_files:
            source = node_modules / asset.package / extra
            if not source.is_file():
                raise VendorError(f"{source} is missing from the npm package {asset.package}")
            files[f"{asset.package}/{extra}"] = source.read_bytes()
        if not asset.path.endswith(".css"):
            continue
        css_dir = Path(asset.local_path).parent
        for ref in _css_refs(content.decode("utf-8")):
            local = Path(os.path.normpath(css_dir / ref)).as_posix()
            if local.startswith("../") or not local.startswith(asset.package + "/"):
                raise VendorError(f"{asset.local_path} refers to {ref!r} outside its package")
            source = node_modules / local
            if not source.is_file():
                raise VendorError(f"{asset.local_path} refers to {ref!r}, missing at {source}")
            files[local] = source.read_bytes()
    return VendorPlan(files=files, packages=packages)


def _manifest_bytes(plan: VendorPlan) -> bytes:
    manifest = {
        "packages": dict(sorted(plan.packages.items())),
        "assets": {a.cdn_url: a.local_path for a in VENDOR_MANIFEST},
        "files": {
            path: hashlib.sha256(data).hexdigest() for path, data in sorted(plan.files.items())
        },
    }
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_vendor(plan: VendorPlan, vendor_dir: Path, *, check: bool = False) -> list[str]:
    """Bring the vendor folder to the planned content.

    Parameters
    ----------
    plan
        From :func:`plan_vendor`.
    vendor_dir
        Target folder (``static/vendor``).
    check
        Only report what differs; change nothing.

    Returns
    -------
    list of str
        What was (or, with ``check``, would be) written or removed.
    """
    wanted = dict(plan.files)
    wanted[MANIFEST_NAME] = _manifest_bytes(plan)
    changes: list[str] = []
    for rel, data in sorted(wanted.items()):
        target = vendor_dir / rel
        if target.is_file() and target.read_bytes() == data:
            continue
        changes.append(f"write {rel}")
        if not check:
            _write_atomic(target, data)
    if vendor_dir.is_dir():
        for path in sorted(vendor_dir.rglob("*"), reverse=True):
            rel = path.relative_to(vendor_dir).as_posix()
            if path.is_file() and rel not in wanted:
                changes.append(f"remove {rel}")
                if not check:
                    path.unlink()
            elif path.is_dir() and not check and not any(path.iterdir()):
                path.rmdir()
    return changes


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the process exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo-root", type=Path, default=REPO_ROOT)
    parser.add_argument(
        "--vendor-dir", type=Path, default=None, help="default: <repo-root>/static/vendor"
    )
    parser.add_argument(
        "--check", action="store_true", help="report differences, change nothing (exit 1 if any)"
    )
    args = parser.parse_args(argv)
    repo_root: Path = args.repo_root.resolve()
    vendor_dir: Path = args.vendor_dir or repo_root / "static" / "vendor"
    try:
        pinned = pinned_versions(repo_root)
        if installed_versions_match(repo_root, pinned):
            print("node_modules holds the pinned versions; npm not needed")
        elif args.check:
            print("node_modules does not hold the pinned versions", file=sys.stderr)
            return 1
        else:
            print("running npm ci …")
            npm_ci(repo_root)
            if not installed_versions_match(repo_root, pinned):
                raise VendorError("npm ci finished but node_modules does not match package.json")
        plan = plan_vendor(repo_root, pinned)
        changes = write_vendor(plan, vendor_dir, check=args.check)
    except VendorError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    for change in changes:
        print(change)
    size = sum(len(data) for data in plan.files.values())
    state = ("stale" if args.check else "updated") if changes else "up to date"
    print(f"{vendor_dir}: {len(plan.files)} files, {size / 1e6:.1f} MB, {state}")
    return 1 if (args.check and changes) else 0


if __name__ == "__main__":
    raise SystemExit(main())

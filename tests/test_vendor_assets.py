"""scripts/vendor_assets.py: derived stylesheets, idempotent writes, clear errors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

from layers.assets import VENDOR_MANIFEST, VendorError

REPO_ROOT = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO_ROOT / "node_modules"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "vendor_assets", REPO_ROOT / "scripts" / "vendor_assets.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("vendor_assets", module)
    spec.loader.exec_module(module)
    return module


vendor = _load_script()

needs_node_modules = pytest.mark.skipif(
    not (NODE_MODULES / "leaflet" / "package.json").is_file(),
    reason="node_modules is absent: run `npm ci` (or scripts/vendor_assets.py) first",
)


def test_pinned_versions_are_exact() -> None:
    pinned = vendor.pinned_versions(REPO_ROOT)
    assert pinned["leaflet"] == "1.9.3"
    assert pinned["bootstrap3"] == "3.4.1"  # npm alias
    npm_packages = {a.package for a in VENDOR_MANIFEST if a.source != "folium"} - {"folium"}
    assert npm_packages <= set(pinned)


def test_loose_pin_is_refused(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"leaflet": "^1.9.3"}}))
    with pytest.raises(VendorError, match="exact version"):
        vendor.pinned_versions(tmp_path)


def test_missing_npm_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vendor.shutil, "which", lambda _name: None)
    with pytest.raises(VendorError, match="npm is not installed"):
        vendor.npm_ci(tmp_path)


def test_rotate_css_covers_every_degree() -> None:
    css = vendor.rotate_css().decode()
    assert ".fa-rotate-0{" in css
    assert ".fa-rotate-359{-webkit-transform:rotate(359deg);transform:rotate(359deg)}" in css
    assert css.count(".fa-rotate-") == 360


def test_glyphicons_css_is_cut_from_bootstrap3() -> None:
    sample = (
        "body{color:red}\n"
        '@font-face {\n  font-family: "Glyphicons Halflings";\n'
        '  src: url("../fonts/g.woff2") format("woff2");\n}\n'
        + "".join(f".glyphicon-i{i}:before {{\n  content: '{i}';\n}}\n" for i in range(120))
        + ".glyphicon {\n  position: relative;\n}\n"
        + "* {\n  box-sizing: border-box;\n}\n"
    )
    css = vendor.glyphicons_css(sample).decode()
    assert "Glyphicons Halflings" in css
    assert ".glyphicon-i119:before" in css
    assert "box-sizing" not in css and "color:red" not in css
    with pytest.raises(VendorError, match="no Glyphicons"):
        vendor.glyphicons_css("body{}")


@needs_node_modules
def test_write_vendor_is_idempotent_and_prunes(tmp_path: Path) -> None:
    plan = vendor.plan_vendor(REPO_ROOT, vendor.pinned_versions(REPO_ROOT))
    target = tmp_path / "vendor"
    first = vendor.write_vendor(plan, target)
    assert any(c.endswith("leaflet/dist/leaflet.js") for c in first)
    for asset in VENDOR_MANIFEST:
        assert (target / asset.local_path).is_file(), asset.local_path
    # Files a stylesheet refers to are copied too.
    assert (target / "leaflet" / "dist" / "images" / "layers.png").is_file()
    assert (
        target / "@fortawesome" / "fontawesome-free" / "webfonts" / "fa-solid-900.woff2"
    ).is_file()
    assert (
        target / "bootstrap3" / "dist" / "fonts" / "glyphicons-halflings-regular.woff2"
    ).is_file()
    manifest = json.loads((target / "manifest.json").read_text())
    assert manifest["packages"]["leaflet"] == "1.9.3"

    assert vendor.write_vendor(plan, target) == []  # second run: nothing to do
    stale = target / "leaflet" / "old.js"
    stale.write_text("x")
    assert vendor.write_vendor(plan, target, check=True) == ["remove leaflet/old.js"]
    assert stale.exists()  # --check changes nothing
    assert vendor.write_vendor(plan, target) == ["remove leaflet/old.js"]
    assert not stale.exists()

"""The mark of the browser tests that need the vendored map assets."""

from __future__ import annotations

import pytest

from layers.assets import VENDOR_DIR

# The map pages load Leaflet and its plugins from static/vendor (no CDN:
# the tests run offline); without them a map never draws.
needs_vendor = pytest.mark.skipif(
    not (VENDOR_DIR / "manifest.json").is_file(),
    reason="static/vendor is absent: run `python scripts/vendor_assets.py` first",
)

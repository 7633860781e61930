"""Site selection in the real app (headless Chromium): refusals and results that stay.

* "sites only inside them" with no area drawn refuses with a message and
  keeps the result on screen;
* a reopened session file is shown beside this page's newer run, never over
  it, and each section's downloads give that section's result.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page
from vendor_mark import needs_vendor

pytestmark = [
    pytest.mark.e2e,
    needs_vendor,
]

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "streamlit_app.py"
TIMEOUT = 90_000


@pytest.fixture
def app_url(streamlit_server: Callable[..., str]) -> str:
    return streamlit_server(APP, env={"CARRIER_MAP_DATA_DIR": str(REPO / "data")})


def _run(page: Page, n: int) -> None:
    """Ask for ``n`` sites and run; wait until this page shows that result."""
    box = page.get_by_label("New sites (default: the plan's gap)")
    box.fill(str(n))
    box.press("Enter")
    page.get_by_role("button", name="Run site selection").click()
    page.get_by_text(f": {n} new sites, status").first.wait_for(timeout=TIMEOUT)


def _download(page: Page, name: str, index: int, folder: Path) -> Path:
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name=name).nth(index).click()
    path = folder / f"{index}-{info.value.suggested_filename}"
    info.value.save_as(str(path))
    return path


def test_refusal_without_areas_and_a_reopened_session_beside_a_newer_run(
    page: Page, app_url: str, tmp_path: Path, screenshot: Callable[[Page, str], Path]
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.set_viewport_size({"width": 1500, "height": 1100})
    page.goto(f"{app_url}/?view=siting&city=luohe&lang=en")
    page.get_by_role("button", name="Run site selection").wait_for(timeout=TIMEOUT)
    _run(page, 2)
    saved = _download(page, "Download the session file", 0, tmp_path)
    _run(page, 3)
    # No area drawn: "sites only inside them" is refused, the result stays.
    page.get_by_text("sites only inside them", exact=True).click()
    page.get_by_role("button", name="Run site selection").click()
    page.get_by_text("needs an area", exact=False).first.wait_for(timeout=TIMEOUT)
    assert page.get_by_text(": 3 new sites, status").count() == 1
    page.get_by_text("ignore", exact=True).click()
    # The rerun of that click has ended once the refusal is gone: upload only then.
    page.get_by_text("needs an area", exact=False).first.wait_for(state="detached", timeout=TIMEOUT)
    # The older session, reopened: its own section; this page's result stays the newer run.
    uploader = page.locator("[data-testid='stFileUploader']").filter(
        has_text="Reopen a saved site-selection session"
    )
    uploader.locator("input[type='file']").set_input_files(str(saved))
    page.get_by_text("Reopened session (to compare", exact=False).wait_for(timeout=TIMEOUT)
    page.get_by_text(": 2 new sites, status").first.wait_for(timeout=TIMEOUT)
    assert page.get_by_text(": 3 new sites, status").count() == 1
    screenshot(page, "siting-reopened-beside-newer")
    latest = pd.read_csv(_download(page, "Download sites CSV", 0, tmp_path))
    reopened = pd.read_csv(_download(page, "Download sites CSV", 1, tmp_path))
    assert (len(latest), len(reopened)) == (3, 2)
    assert not page.locator("[data-testid='stException']").count()
    assert not errors, errors

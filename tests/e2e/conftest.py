"""Fixtures for the end-to-end tests: a real ``streamlit run`` and headless Chromium.

* ``streamlit_server(app_path)`` starts an app on a free port of 127.0.0.1 and
  returns its URL; every server is stopped after the test.
* ``browser`` is a Chromium profile of its own (Debian's ``/usr/bin/chromium``
  driven by Playwright); ``page`` is a tab in it.
* ``external_requests`` records every request to a host other than this
  machine, and fails it, so each test runs as if public CDNs were blocked.
  Tests assert that only map tiles were asked for.
* ``screenshot(page, name)`` writes ``artifacts/screenshots/<test>-<name>.png``.

Every test here is skipped, with the reason, when Chromium or Playwright is
missing (``apt-get install -y chromium chromium-driver``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import CHROMIUM, ExternalRequests, launch_chromium, running_streamlit

try:
    from playwright.sync_api import BrowserContext, Page, Playwright, sync_playwright

    HAVE_PLAYWRIGHT = True
except ImportError:  # pragma: no cover - reported as a skip below
    HAVE_PLAYWRIGHT = False

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "artifacts" / "screenshots"

StreamlitServer = Callable[..., str]

# The fixture apps are Streamlit scripts, not test modules (nor doctest modules).
collect_ignore = ["apps"]


def _skip_reason() -> str | None:
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install -y chromium chromium-driver)"
    if not HAVE_PLAYWRIGHT:
        return "playwright for Python is not installed (pip install playwright)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip this folder's tests, with the reason, when the browser cannot run."""
    reason = _skip_reason()
    if reason is None:
        return
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def streamlit_server(tmp_path: Path) -> Iterator[StreamlitServer]:
    """Factory: ``streamlit_server(app_path) -> "http://127.0.0.1:<port>"``.

    The server runs ``streamlit run`` from the repository root (so
    ``.streamlit/config.toml`` applies and ``layers``/``geo_app`` import),
    headless, with static serving on; see :func:`harness.running_streamlit`
    for the keyword options. Every server started is stopped after the test.
    """
    with ExitStack() as servers:

        def start(app_path: Path | str, **options: Any) -> str:
            return servers.enter_context(
                running_streamlit(Path(app_path), workdir=tmp_path, **options)
            )

        yield start


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    """One Playwright driver for the session."""
    if not HAVE_PLAYWRIGHT:
        pytest.skip("playwright for Python is not installed")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture
def browser(playwright_instance: Playwright, tmp_path: Path) -> Iterator[BrowserContext]:
    """Headless Chromium with a fresh profile (its own user-data-dir)."""
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    context = launch_chromium(playwright_instance, profile)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def external_requests(browser: BrowserContext) -> ExternalRequests:
    """Requests to hosts other than this machine; each is also made to fail."""
    log = ExternalRequests()
    log.attach(browser, block=True)
    return log


@pytest.fixture
def page(browser: BrowserContext, external_requests: ExternalRequests) -> Iterator[Page]:
    """A tab in :func:`browser`, with external requests logged and blocked."""
    tab = browser.new_page()
    yield tab
    tab.close()


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[[Page, str], Path]:
    """``screenshot(page, name)``: save a full-page PNG under artifacts/screenshots/."""

    def save(target: Page, name: str) -> Path:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{request.node.name}-{name}")
        path = SCREENSHOT_DIR / f"{stem}.png"
        target.screenshot(path=str(path), full_page=True)
        return path

    return save

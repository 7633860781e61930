#!/usr/bin/env bash
# Set up a fresh clone: a virtualenv in .venv with the product and its tools,
# and the map's scripts and styles (Leaflet and plugins, from the npm registry)
# in static/vendor/ so the app needs no public CDN.
#
#   bash scripts/setup.sh          # to run the app
#   bash scripts/setup.sh --test   # also Debian's chromium for the browser tests
#
# Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
.venv/bin/python scripts/vendor_assets.py

if [ "${1:-}" = "--test" ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup: installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing and cannot be installed here; browser tests will be skipped"
  fi
fi
echo "setup: ready ($(.venv/bin/python --version))"

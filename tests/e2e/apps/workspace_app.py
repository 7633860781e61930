"""Fixture app for the end-to-end test of the workspace pages.

The inventory page of the workspace that ``CARRIER_MAP_WORKSPACE`` names, in
the language of ``?lang=`` (English by default), as the app draws it.
"""

from __future__ import annotations

import streamlit as st

from geo_app.ui.workspace_panel import render_inventory
from geo_app.workspace import Workspace, resolve_workspace_path

st.set_page_config(page_title="Workspace check", layout="wide")
lang = "zh" if st.query_params.get("lang") == "zh" else "en"
render_inventory(Workspace.open(resolve_workspace_path()), lang)

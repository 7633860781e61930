"""The planner's workspace: one GeoPackage holding carriers, targets and history.

Open one with :meth:`Workspace.open` (path from :func:`resolve_workspace_path`);
count its targets with :func:`count_targets`.
"""

from __future__ import annotations

from geo_app.errors import StaleEditError, WorkspaceError
from geo_app.workspace.backend import GeoPackageBackend, WorkspaceBackend, WorkspaceTransaction
from geo_app.workspace.counting import COUNT_COLUMNS, count_targets, rule_text
from geo_app.workspace.importing import ImportReport
from geo_app.workspace.paths import WORKSPACE_ENV, resolve_workspace_path
from geo_app.workspace.schema import CARRIER_FIELDS, CHANGE_FIELDS, TARGET_FIELDS, Origin
from geo_app.workspace.store import Workspace

__all__ = [
    "CARRIER_FIELDS",
    "CHANGE_FIELDS",
    "COUNT_COLUMNS",
    "TARGET_FIELDS",
    "WORKSPACE_ENV",
    "GeoPackageBackend",
    "ImportReport",
    "Origin",
    "StaleEditError",
    "Workspace",
    "WorkspaceBackend",
    "WorkspaceError",
    "WorkspaceTransaction",
    "count_targets",
    "resolve_workspace_path",
    "rule_text",
]

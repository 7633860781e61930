"""Where the workspace file is: given, from the environment, or the default."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Final

import platformdirs

__all__ = ["DEFAULT_NAME", "WORKSPACE_ENV", "resolve_workspace_path"]

#: Environment variable naming the workspace file.
WORKSPACE_ENV: Final[str] = "CARRIER_MAP_WORKSPACE"

#: File name of the default workspace in the user's data folder.
DEFAULT_NAME: Final[str] = "workspace.gpkg"


def resolve_workspace_path(
    explicit: str | Path | None = None, *, env: Mapping[str, str] | None = None
) -> Path:
    """The workspace file to use.

    Parameters
    ----------
    explicit
        A path given by the planner (``--workspace``, the app's field): used as is.
    env
        The environment (default :data:`os.environ`); :data:`WORKSPACE_ENV`
        names the file when ``explicit`` is not given.

    Returns
    -------
    pathlib.Path
        ``explicit``, else ``$CARRIER_MAP_WORKSPACE``, else
        ``<user data folder>/carrier-map/workspace.gpkg``.

    Examples
    --------
    >>> resolve_workspace_path("mine.gpkg").name
    'mine.gpkg'
    >>> resolve_workspace_path(env={"CARRIER_MAP_WORKSPACE": "/srv/team.gpkg"}).as_posix()
    '/srv/team.gpkg'
    >>> resolve_workspace_path(env={}).name
    'workspace.gpkg'
    """
    if explicit is not None and str(explicit).strip():
        return Path(explicit).expanduser()
    env = os.environ if env is None else env
    named = env.get(WORKSPACE_ENV, "").strip()
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_data_dir(appauthor=False)) / "carrier-map" / DEFAULT_NAME

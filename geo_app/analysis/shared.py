"""Analysis grids shared by every planner of one server, handed out as copies.

Building Luoyang's 250 m grid takes about a second; the app builds it once
per boundaries, city and cell size and keeps it in a :class:`SharedGrids`.
What is shared is never handed out: :meth:`SharedGrids.get` gives each
caller :meth:`~geo_app.analysis.grid.Grid.private_copy` (frames of its own;
the arrays are read-only). The store is safe to use from several threads
(each planner's analysis runs in a worker thread).

Examples
--------
>>> from shapely import box
>>> d = gpd.GeoDataFrame({"adcode": ["1"], "name": ["a"], "city": ["c"]},
...                      geometry=[box(112.0, 34.0, 112.05, 34.05)], crs=4326)
>>> grids = SharedGrids(max_entries=2)
>>> a, b = grids.get(d, "k", "c", 500.0), grids.get(d, "k", "c", 500.0)
>>> a is b, a.pieces is b.pieces, a.flat is b.flat, grids.builds
(False, False, True, 1)
"""

from __future__ import annotations

import threading
from collections import OrderedDict

import geopandas as gpd

from geo_app.analysis.grid import Grid
from geo_app.analysis.run import city_grid

__all__ = ["SharedGrids"]


class SharedGrids:
    """A small least-recently-used store of read-only grids.

    Parameters
    ----------
    max_entries
        Grids kept (one per boundaries fingerprint, city and cell size).
    """

    def __init__(self, max_entries: int = 8) -> None:
        self.max_entries = int(max_entries)
        self._grids: OrderedDict[tuple[str, str, float], Grid] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[str, str, float], threading.Lock] = {}
        #: How many grids were built (not found).
        self.builds = 0

    def cached(self, boundaries_key: str, city: str, cell_size_m: float) -> bool:
        """True when the grid is already built."""
        with self._lock:
            return (boundaries_key, city, float(cell_size_m)) in self._grids

    def get(
        self, boundaries: gpd.GeoDataFrame, boundaries_key: str, city: str, cell_size_m: float
    ) -> Grid:
        """The grid of ``city`` (built on first use), as a private copy.

        Parameters
        ----------
        boundaries
            District boundaries of both cities.
        boundaries_key
            A fingerprint of ``boundaries`` (the store does not hash them itself).
        city, cell_size_m
            As for :func:`geo_app.analysis.run.city_grid`.
        """
        key = (boundaries_key, city, float(cell_size_m))
        with self._lock:
            gate = self._building.setdefault(key, threading.Lock())
        # One build per key: a second planner asking meanwhile waits for it.
        with gate:
            with self._lock:
                grid = self._grids.get(key)
                if grid is not None:
                    self._grids.move_to_end(key)
            if grid is None:
                grid = city_grid(boundaries, city, cell_size_m=cell_size_m)
                with self._lock:
                    self.builds += 1
                    self._grids[key] = grid
                    while len(self._grids) > self.max_entries:
                        self._grids.popitem(last=False)
        return grid.private_copy()

"""Atomic writes: a file is either the old one or the complete new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = ["atomic_path", "write_bytes_atomic", "write_csv_atomic", "write_text_atomic"]


@contextlib.contextmanager
def atomic_path(target: str | Path, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place on success.

    The temporary file lives in the same folder so :func:`os.replace` is an
    atomic rename; on any error it is removed and ``target`` is untouched.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=suffix or target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp_path = Path(tmp)
    tmp_path.unlink()  # writers such as GDAL want to create the file themselves
    try:
        yield tmp_path
        tmp_path.replace(target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _write_with(target: str | Path, writer: Callable[[Path], Any]) -> Path:
    with atomic_path(target) as tmp:
        writer(tmp)
    return Path(target)


def write_bytes_atomic(data: bytes, target: str | Path) -> Path:
    """Write ``data`` to ``target`` atomically."""
    return _write_with(target, lambda p: p.write_bytes(data))


def write_text_atomic(text: str, target: str | Path) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically."""
    return _write_with(target, lambda p: p.write_text(text, encoding="utf-8"))


def write_csv_atomic(frame: pd.DataFrame, target: str | Path, *, bom: bool = False) -> Path:
    """Write ``frame`` as UTF-8 CSV (with a BOM for Excel when ``bom``) atomically."""
    encoding = "utf-8-sig" if bom else "utf-8"
    return _write_with(target, lambda p: frame.to_csv(p, index=False, encoding=encoding))

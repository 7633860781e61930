"""Atomic writes and stored uploads.

A file, or a folder of files, is either the old one or the complete new one.

A single file is written to a temporary file beside it and renamed into
place (:func:`atomic_path`). A set of files (``carrier-map build``,
``analyse``, ``select``) is written into a temporary folder beside the
target and swapped in whole (:func:`atomic_folder`), so a killed run leaves
the old set or the new set, never a mix.

Every temporary carries the mark ``.cmtmp-<pid>-`` in its name (for example
``.carriers.geojson.cmtmp-4242-k3j9x_2a.geojson``). A process killed in the
middle of a write leaves one behind; the first time a later process writes
into that folder it removes such leftovers — only those of processes no
longer running and older than itself, and nothing else.

Files a planner uploads in the app all go through :func:`store_upload`: the
size is checked against :data:`UPLOAD_LIMITS` before anything reads the
file, and the bytes are stored atomically under their SHA-256, so a stored
upload is always whole and is rewritten if it is not.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import hashlib
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from geo_app.errors import DataFileError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "SET_MANIFEST",
    "UPLOAD_LIMITS",
    "StoredUpload",
    "atomic_folder",
    "atomic_path",
    "clean_stale_temporaries",
    "default_upload_root",
    "store_upload",
    "write_bytes_atomic",
    "write_csv_atomic",
    "write_text_atomic",
]

#: File inside a folder written by :func:`atomic_folder` listing the files of its set.
SET_MANIFEST = ".carrier-map-set"

_MARK = "cmtmp"
_OLD_MARK = "cmold"
# ``.<target name>.<mark>-<pid>-<8 random characters of mkstemp>[suffix]``
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.(?P<mark>cmtmp|cmold)-(?P<pid>\d+)-[a-z0-9_]{8}")
# Earlier versions wrote ``.<target name>.<8 random characters><target suffix>``.
_LEGACY_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}(?P<suffix>\.[^.]+)?$")
# Nothing this process creates is older than this.
_PROCESS_START = time.time()
_cleaned: set[Path] = set()
_cleaned_lock = threading.Lock()


def _temp_prefix(target: Path, mark: str = _MARK) -> str:
    return f".{target.name}.{mark}-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def clean_stale_temporaries(folder: str | Path) -> list[Path]:
    """Remove the temporaries killed writers left in ``folder``; return what was removed.

    Only entries named like this module's temporaries, written by a process
    that is no longer running and before this process started, are touched.
    A set moved aside by :func:`atomic_folder` whose target is missing (a
    kill between two renames) is moved back into place instead.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     mine = Path(tmp, ".a.csv.cmtmp-999999999-abcd1234.csv")
    ...     _ = mine.write_text("half"); os.utime(mine, (0, 0))
    ...     other = Path(tmp, ".a.csv.bak")
    ...     _ = other.write_text("keep")
    ...     [p.name for p in clean_stale_temporaries(tmp)], other.exists()
    (['.a.csv.cmtmp-999999999-abcd1234.csv'], True)
    """
    folder = Path(folder)
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        if match is None:
            if _legacy_temporary(entry):
                _remove(entry)
                removed.append(entry)
            continue
        pid = int(match["pid"])
        try:
            stale = entry.lstat().st_mtime < _PROCESS_START
        except FileNotFoundError:
            continue
        if not stale or (pid != os.getpid() and _alive(pid)):
            continue
        target = folder / match["name"]
        if match["mark"] == _OLD_MARK and entry.is_dir() and not target.exists():
            with contextlib.suppress(OSError):
                entry.rename(target)
                continue
        _remove(entry)
        removed.append(entry)
    return removed


def _legacy_temporary(entry: Path) -> bool:
    """A temporary file of an earlier version: beside its target, with its suffix, old."""
    match = _LEGACY_TEMP_NAME.match(entry.name)
    if match is None or not entry.is_file() or entry.is_symlink():
        return False
    target = entry.with_name(match["name"])
    if (match["suffix"] or "") != target.suffix or not target.exists():
        return False
    return entry.stat().st_mtime < _PROCESS_START


def _clean_once(folder: Path) -> None:
    key = folder.resolve()
    with _cleaned_lock:
        if key in _cleaned:
            return
        _cleaned.add(key)
    clean_stale_temporaries(folder)


@contextlib.contextmanager
def atomic_path(target: str | Path, *, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place on success.

    The temporary file lives in the same folder so :func:`os.replace` is an
    atomic rename; on any error it is removed and ``target`` is untouched.
    Leftovers of killed writers in that folder are removed first.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_once(target.parent)
    fd, tmp = tempfile.mkstemp(
        prefix=_temp_prefix(target), suffix=suffix or target.suffix, dir=target.parent
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


# --- a set of files, swapped in whole ------------------------------------------


@contextlib.contextmanager
def atomic_folder(target: str | Path) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; swap it in whole on success.

    Whatever was in ``target`` and is not part of the set this command wrote
    last time (another command's files, the planner's own) is kept: it is
    hard-linked into the new folder before the swap. The files of the set
    are listed in :data:`SET_MANIFEST`, so a file the new set no longer has
    disappears with the old set. On Linux the swap is one atomic
    ``renameat2(RENAME_EXCHANGE)``; elsewhere the old folder is renamed aside
    and the new one in, and a kill between the two is undone on the next
    start. On any error ``target`` is untouched.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     with atomic_folder(Path(tmp, "out")) as folder:
    ...         _ = (folder / "a.csv").write_text("x")
    ...     sorted(p.name for p in Path(tmp, "out").iterdir())
    ['.carrier-map-set', 'a.csv']
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _clean_once(target.parent)
    if target.exists() and not target.is_dir():
        raise DataFileError(target, code="storage.not_a_folder")
    tmp = _new_folder(target, _MARK)
    try:
        yield tmp
        written = sorted(
            str(p.relative_to(tmp).as_posix()) for p in tmp.rglob("*") if not p.is_dir()
        )
        _carry_over(target, tmp)
        (tmp / SET_MANIFEST).write_text("\n".join(written) + "\n", encoding="utf-8")
        _fsync_tree(tmp)
        _swap_in(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _new_folder(target: Path, mark: str) -> Path:
    """A new empty folder beside ``target`` named as a temporary (usual permissions)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_"
    while True:
        token = "".join(secrets.choice(alphabet) for _ in range(8))
        folder = target.parent / f"{_temp_prefix(target, mark)}{token}"
        try:
            folder.mkdir()
        except FileExistsError:
            continue
        return folder


def _set_members(folder: Path) -> set[str] | None:
    """Top-level names of the set last written into ``folder`` (``None``: unknown)."""
    try:
        lines = (folder / SET_MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return {line.split("/", 1)[0] for line in lines if line}


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _carry_over(target: Path, new: Path) -> None:
    """Hard-link into ``new`` the entries of ``target`` that belong to no set of ours."""
    if not target.is_dir():
        return
    old_set = _set_members(target)
    fresh = {p.name for p in new.iterdir()}
    for entry in target.iterdir():
        name = entry.name
        if name == SET_MANIFEST or name in fresh or _TEMP_NAME.match(name):
            continue
        if old_set is not None and name in old_set:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, new / name, symlinks=True, copy_function=_link_or_copy)
        elif entry.is_symlink():
            (new / name).symlink_to(entry.readlink())
        else:
            _link_or_copy(str(entry), str(new / name))


def _fsync_tree(folder: Path) -> None:
    for path in (*folder.rglob("*"), folder):
        if path.is_symlink():
            continue
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def _swap_in(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``; the old set ends up at ``new`` and is removed."""
    if not target.exists():
        new.rename(target)
        return
    if not _exchange(new, target):
        aside = _new_folder(target, _OLD_MARK)
        aside.rmdir()
        target.rename(aside)
        new.rename(target)
        new = aside
    shutil.rmtree(new, ignore_errors=True)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); ``False`` if unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


# --- uploads ---------------------------------------------------------------------

_MB = 1024 * 1024

#: Largest upload accepted per kind of file, in bytes; checked before parsing.
UPLOAD_LIMITS: Final[Mapping[str, int]] = MappingProxyType(
    {
        "table": 20 * _MB,  # a carrier list to geocode (CSV, XLSX, XLS)
        "document": 20 * _MB,  # a plan (.txt, .docx, .pdf)
        "population_grid": 200 * _MB,  # weighted points (CSV) or a GeoTIFF
        "areas": 10 * _MB,  # candidate or excluded areas (GeoJSON)
        "session": 10 * _MB,  # a site-selection session (JSON)
        "layer": 50 * _MB,  # a layer of carriers (GeoJSON, GeoPackage)
    }
)


@dataclass(frozen=True, slots=True)
class StoredUpload:
    """An upload stored on the server.

    Attributes
    ----------
    path
        Where its bytes are: ``<root>/<sha256>/<the planner's file name>``.
    digest
        SHA-256 of the content (hex).
    name
        The file name as the planner gave it (for messages only).
    data
        The content.
    """

    path: Path
    digest: str
    name: str
    data: bytes


def default_upload_root() -> Path:
    """Folder of stored uploads (in the system's temporary folder)."""
    return Path(tempfile.gettempdir()) / "carrier-mapper-uploads"


def _safe_name(name: str) -> str:
    """The last part of an uploaded file's name, without control characters.

    Examples
    --------
    >>> _safe_name("../../etc/passwd"), _safe_name("..\\a\\名单.XLSX"), _safe_name("..")
    ('passwd', '名单.xlsx', 'upload')
    """
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    clean = "".join(c for c in last if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    stem, suffix = Path(clean).stem, Path(clean).suffix.lower()
    return f"{stem or 'upload'}{suffix}"[:150]


def store_upload(
    data: bytes, name: str, *, kind: str, root: str | Path | None = None
) -> StoredUpload:
    """Check an upload's size, then store it atomically under its content hash.

    The size is checked first, against :data:`UPLOAD_LIMITS` for ``kind``.
    A stored copy whose content does not match its hash (a write cut short
    by an older version) is rewritten.

    Raises
    ------
    DataFileError
        ``upload.too_large`` when the file exceeds the limit for its kind.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     up = store_upload(b"a,b\\n1,2\\n", "list.CSV", kind="table", root=tmp)
    ...     up.path.relative_to(tmp).parent == Path(up.digest), up.path.name, up.path.read_bytes()
    (True, 'list.csv', b'a,b\\n1,2\\n')
    """
    limit = UPLOAD_LIMITS[kind]
    if len(data) > limit:
        raise DataFileError(
            _safe_name(name),
            code="upload.too_large",
            params={"size_mb": f"{len(data) / _MB:.1f}", "limit_mb": f"{limit / _MB:g}"},
        )
    digest = hashlib.sha256(data).hexdigest()
    path = Path(root or default_upload_root()) / digest / _safe_name(name)
    if not _holds(path, digest):
        write_bytes_atomic(data, path)
    return StoredUpload(path=path, digest=digest, name=name, data=data)


def _holds(path: Path, digest: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False

"""The cache folder: what the tool derives from files that rarely change (a large
names table's indexes, the word-class lexicon), kept on disk so that a run reads it back
instead of building it again.

Only files this package wrote are ever unpickled: each is named for a digest of what it
was built from and holds that digest again, and a file is read only when it and its
folder belong to this user and nobody else may write to them (a pickle can run code when
loaded). Any problem reading a file means building afresh; a file that cannot be written
is not written. Writes are atomic (a temporary file, then a rename), so processes that
build the same file at once leave one whole file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import Any

CACHE_ENV = "CLEANUP_NAMES_CACHE"  # "0" turns the cache off; a path puts it there


def cache_dir() -> Path | None:
    """Where cache files are kept: $CLEANUP_NAMES_CACHE, else $XDG_CACHE_HOME/cleanup,
    else ~/.cache/cleanup; None when the cache is turned off."""
    configured = os.environ.get(CACHE_ENV, "")
    if configured.lower() in ("0", "off", "no", "false"):
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleanup"


def file_key(head: str, files: list[Path] | tuple[Path, ...], contents: list[bytes]) -> str:
    """The sha256 that names a cache file built from ``files`` (their paths, resolved,
    and ``contents``) by the code ``head`` describes (its format and versions)."""
    digest = hashlib.sha256(head.encode())
    for path, data in zip(files, contents):
        digest.update(b"\0" + os.fsencode(str(path.resolve())) + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def trusted(handle) -> bool:
    """Whether the open file ``handle`` is our own: owned by this user, writable by
    nobody else, in a folder nobody else can write to (or a sticky one)."""
    own = os.getuid() if hasattr(os, "getuid") else None
    if own is None:
        return True
    info = os.fstat(handle.fileno())
    folder = os.stat(os.path.dirname(handle.name) or ".")
    group_or_other_write = stat.S_IWGRP | stat.S_IWOTH
    return (
        info.st_uid == own
        and not info.st_mode & group_or_other_write
        and folder.st_uid == own
        and not (folder.st_mode & group_or_other_write and not folder.st_mode & stat.S_ISVTX)
    )


def read_stored(path: Path) -> Any:
    """What ``store`` wrote to ``path``; None when it is missing, not trusted or cannot
    be read (the caller checks that it is what it asked for)."""
    try:
        with open(path, "rb") as handle:
            if not trusted(handle):
                return None
            return pickle.load(handle)
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file: build afresh
        return None


def store(path: Path, value: Any, *, keep: int | None = None) -> None:
    """Write ``value`` to ``path`` atomically, best effort; with ``keep``, remove all but
    the ``keep`` newest files of the folder named like it (its prefix up to the first
    "-", and its suffix)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        prefix = path.name.partition("-")[0]
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{prefix}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
        if keep is not None:
            older = sorted(path.parent.glob(f"{prefix}-*{path.suffix}"), key=lambda p: p.stat().st_mtime,
                           reverse=True)
            for stale in older[keep:]:
                stale.unlink()
    except OSError:
        pass

"""Which files a synced folder holds, and their bytes, read without trusting the file system.

What is not a regular file (FIFO, device, socket, folder) is never opened; its type is checked
before the open and again on the open descriptor. Sizes are capped before reading. Symlinks are
judged as links: loops and dangling links are reported, links leaving the folder are not followed
unless allowed, links to a file the walk indexes anyway are skipped (no duplicate release).
Symlinked folders are never entered. Nothing here raises on a bad entry: it becomes a `SkippedFile`.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index.models import SkippedFile
from index.settings import Settings

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "json",
}
READ_CHUNK = 1 << 20
DEFAULT_JSON_DEPTH: int = Settings.model_fields["max_json_depth"].default
DEFAULT_HTML_DEPTH: int = Settings.model_fields["max_html_depth"].default
SURROGATE = re.compile(r"[\ud800-\udfff]")  # undecodable bytes in names; lone surrogates in JSON


@dataclass(frozen=True)
class ReadLimits:
    """What a file may be and hold; built from `Settings` (`ReadLimits.of(settings)`)."""

    max_file_bytes: int
    max_json_depth: int = DEFAULT_JSON_DEPTH
    follow_external_links: bool = False
    max_html_depth: int = DEFAULT_HTML_DEPTH

    @classmethod
    def of(cls, settings: Settings) -> ReadLimits:
        return cls(
            settings.max_file_bytes,
            settings.max_json_depth,
            settings.follow_external_links,
            settings.max_html_depth,
        )


def as_limits(limits: int | ReadLimits) -> ReadLimits:
    return limits if isinstance(limits, ReadLimits) else ReadLimits(int(limits))


def walk_files(root: Path) -> Iterator[Path | SkippedFile]:
    """Supported files under `root`, sorted, skipping hidden files and folders.

    Symlinked folders are not entered (a loop would never end); folders that cannot be listed
    (vanished mid-sync, no permission) come out as `SkippedFile`s whose source ends in `/`.
    """
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        yield from _folder_errors(errors, root)
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            if os.path.islink(here / name):
                dirs.remove(name)
                yield SkippedFile(source_name(here / name, root), "symlink to a folder: not followed")
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS:
                yield here / name
    yield from _folder_errors(errors, root)


def _folder_errors(errors: list[OSError], root: Path) -> Iterator[SkippedFile]:
    while errors:
        exc = errors.pop(0)
        folder = Path(exc.filename) if exc.filename else root
        source = "./" if folder == root else source_name(folder, root) + "/"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            why = "folder vanished during the sync"
        else:
            why = f"cannot list folder: {strerror(exc)}"
        yield SkippedFile(source, f"{why}; what the index holds from it is kept")


def source_name(path: Path, root: Path) -> str:
    """Path relative to the synced folder, POSIX style, naming a symlink itself (never its target);
    the bare name if it lies outside. Names that are not UTF-8 show U+FFFD for the bad bytes."""
    try:
        source = path.relative_to(root).as_posix()
    except ValueError:
        try:  # the folder given by another spelling (a symlinked parent, a relative path)
            real = Path(os.path.realpath(path.parent)) / path.name
            source = real.relative_to(os.path.realpath(root)).as_posix()
        except ValueError:
            source = path.name
    return _printable(source) if bad_name(source) else source


def bad_name(name: str) -> bool:
    return SURROGATE.search(name) is not None


def _printable(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def read_bytes(path: Path, root: Path, source: str, limits: ReadLimits) -> bytes | SkippedFile:
    """The file's bytes, checked by type and size *before* it is opened, and re-checked on the open
    descriptor: a FIFO would block forever, /dev/zero would never end."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            problem = _link_problem(path, root, limits.follow_external_links)
            if problem:
                return SkippedFile(source, problem)
            info = os.stat(path)
    except OSError as exc:
        return SkippedFile(source, _open_error(exc))
    kind = _not_regular(info.st_mode)
    if kind:
        return SkippedFile(source, f"{kind}, not a regular file")
    if info.st_size > limits.max_file_bytes:
        return SkippedFile(source, _too_large(info.st_size, limits.max_file_bytes))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        return SkippedFile(source, _open_error(exc))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode) or (opened.st_dev, opened.st_ino) != (info.st_dev, info.st_ino):
            return SkippedFile(source, "file was replaced while being read; sync again")
        chunks, total = [], 0
        while chunk := os.read(fd, min(READ_CHUNK, limits.max_file_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limits.max_file_bytes:  # grew between stat and read
                return SkippedFile(source, f"file is too large (over {size_text(limits.max_file_bytes)})")
    except OSError as exc:
        return SkippedFile(source, f"cannot read file: {strerror(exc)}")
    finally:
        os.close(fd)
    if not total:
        return SkippedFile(source, "file is empty")
    return b"".join(chunks)


def _link_problem(path: Path, root: Path, follow_external: bool) -> str | None:
    """Why a symlink is not read: a loop, a missing target, a target outside the folder (unless
    allowed), or a target the walk indexes under its own name anyway (no duplicate release)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop: the link leads back to itself"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return "dangling symlink: its target does not exist"
        return f"cannot follow symlink: {strerror(exc)}"
    target = os.path.realpath(path)
    real_root = os.path.realpath(root)
    if os.path.commonpath([target, real_root]) != real_root:
        if follow_external:
            return None
        return (
            "symlink to a file outside the synced folder: not followed "
            "(set PRESSQA_FOLLOW_EXTERNAL_LINKS=true to index such files)"
        )
    inner = Path(os.path.relpath(target, real_root))
    walked = not any(part.startswith(".") for part in inner.parts) and inner.suffix.lower() in EXTENSIONS
    if walked and os.path.isfile(target):
        return f"symlink to '{inner.as_posix()}', which is indexed under its own name"
    return None


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device file"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _open_error(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "cannot read file: it no longer exists (removed while the folder was read)"
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link leads back to itself"
    if exc.errno == errno.EISDIR:
        return "a folder, not a regular file"
    return f"cannot read file: {strerror(exc)}"


def _too_large(size: int, limit: int) -> str:
    return f"file is too large ({size_text(size)}; the limit is {size_text(limit)})"


def size_text(n: int) -> str:
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"

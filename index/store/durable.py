"""fsync of files and directories: what makes a rename or a manifest switch survive a power cut."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_tree(path: Path) -> None:
    for child in path.rglob("*"):
        if child.is_file():
            fsync_path(child)
    fsync_path(path)

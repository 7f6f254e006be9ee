"""What a sync sees in its folders, and what it must keep from the index without seeing it.

A file that could not be read keeps its last indexed version (and a multi-record file whose
records are all unreadable keeps all of them); a folder that could not be listed keeps everything
the index holds from under it. Only what is really gone from a scanned folder is removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.models import RawDoc, SkippedFile
from index.sources import ReadLimits, iter_raw_docs, read_raw_doc

Key = tuple[str, str]  # (root, source) as the index stores them


@dataclass
class Scan:
    docs: list[RawDoc] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)
    warnings: list[SkippedFile] = field(default_factory=list)  # read, with a caveat (bytes replaced)
    seen: set[Key] = field(default_factory=set)
    kept_files: set[Key] = field(default_factory=set)  # (root, file): unreadable, keep its records
    kept_folders: dict[str, list[str]] = field(default_factory=dict)  # root → unlisted folder prefixes

    def keeps(self, root: str, source: str) -> bool:
        """Whether the index's release at (root, source) stays although the scan did not read it."""
        if (root, source) in self.seen or (root, source.split("#", 1)[0]) in self.kept_files:
            return True
        return any(source.startswith(prefix) for prefix in self.kept_folders.get(root, ()))

    def gone(
        self, states: dict[Key, tuple[str, str]], roots: Sequence[Path], only: Sequence[Path] | None
    ) -> list[str]:
        """Ids of stored releases under the scanned roots (and `only` paths) that are really gone."""
        scanned = {str(r) for r in roots}
        wanted = None if only is None else {str(in_real_folder(p)) for p in only}
        return [
            rid
            for (root, source), (rid, _) in states.items()
            if root in scanned
            and not self.keeps(root, source)
            and (wanted is None or str(Path(root) / source.split("#", 1)[0]) in wanted)
        ]


def scan_folders(roots: Sequence[Path], only: Sequence[Path] | None, limits: ReadLimits) -> Scan:
    """Read every supported file under `roots` (or just the `only` paths inside them)."""
    scan = Scan()
    for root in roots:
        items = iter_raw_docs(root, limits) if only is None else _read_only(root, only, limits)
        with_docs: set[Key] = set()
        with_skips: set[Key] = set()
        for item in items:
            key, file_key = (str(root), item.source), (str(root), item.source.split("#", 1)[0])
            scan.seen.add(key)
            if isinstance(item, SkippedFile):
                scan.skipped.append(item)
                with_skips.add(file_key)
                if item.is_folder:
                    prefix = "" if item.source == "./" else item.source
                    scan.kept_folders.setdefault(str(root), []).append(prefix)
                continue
            if item.warning:
                scan.warnings.append(SkippedFile(item.source, item.warning))
            scan.docs.append(item)
            with_docs.add(file_key)
        scan.kept_files |= with_skips - with_docs  # no record of the file was readable: it broke
    return scan


def in_real_folder(path: Path) -> Path:
    """`path` with its folder resolved but not itself: a symlink is judged as a link, never as its
    target (and a symlink loop cannot raise here)."""
    path = Path(path).absolute()
    return Path(os.path.realpath(path.parent)) / path.name


def _read_only(root: Path, only: Sequence[Path], limits: ReadLimits) -> Iterator[RawDoc | SkippedFile]:
    for path in only:
        path = in_real_folder(path)
        if not path.is_relative_to(root) or not os.path.lexists(path):
            continue
        result = read_raw_doc(path, root, limits)
        if isinstance(result, SkippedFile):
            yield result
        else:
            yield from result

"""Safe file writing for every exporter."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place, so a reader never sees half a file
    and a failure leaves the previous version intact."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; outputs are for reading and serving
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def atomic_stream(path: Path) -> Iterator[BinaryIO]:
    """A binary file to write into piece by piece (for outputs too large to hold as one string), renamed over
    ``path`` only when the ``with`` block ends without an error; same guarantees as :func:`atomic_write`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as one unit: every one is written whole (and flushed to the disk) beside its
    place before any is renamed into place, so a failure while writing (a full disk) leaves every previous
    version as it was. The renames follow one another at once; nothing is left half written."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files:
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            staged.append((temporary, path))
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())  # a full disk may only say so here, on a file system that delays writes
            os.chmod(temporary, 0o644)
        for temporary, path in staged:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        raise

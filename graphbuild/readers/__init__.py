"""Read stage's seam: the registry of readers, each turning one kind of file into a :class:`SourceFile`.

A reader is registered with :func:`reader` for file suffixes (and media types); :func:`reader_for` picks
one by a file's suffix, and a file no reader claims is read as plain text, as it always was. A reader
returns the document's text with, where that text is not the file's own characters (a web page's text, a
PDF's), a map from each of its characters back to where it came from. A third party adds one with the
decorator in its own module, or through the entry point group ``graphbuild_readers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import catalogue

from graphbuild.document import SourceFile

registry = catalogue.create("graphbuild", "readers", entry_points=True)

DEFAULT_READER = "text"  # for a file no reader claims by its suffix

ReadFunction = Callable[[Path, str], SourceFile]  # read(path, identifier) -> SourceFile; raises ValueError, OSError


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot: ".txt"; "" for a file without a suffix
    media_types: tuple[str, ...]
    read: ReadFunction


def reader(name: str, *, suffixes: Iterable[str], media_types: Iterable[str] = ()) -> Callable[[ReadFunction], ReadFunction]:
    """Register ``read(path, identifier) -> SourceFile`` as the reader of files with these suffixes."""

    def register(read: ReadFunction) -> ReadFunction:
        registry.register(name, func=Reader(name, tuple(s.lower() for s in suffixes), tuple(media_types), read))
        return read

    return register


def readers() -> dict[str, Reader]:
    _register_built_ins()
    return dict(registry.get_all())


def reader_for(path: Path) -> Reader:
    """The reader registered for the file's suffix; the plain-text reader for any other file."""
    known = readers()
    suffix = path.suffix.lower()
    for candidate in known.values():
        if suffix in candidate.suffixes:
            return candidate
    return known[DEFAULT_READER]


def _register_built_ins() -> None:
    from graphbuild.readers import text  # noqa: F401  (importing it registers it)

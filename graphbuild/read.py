"""Read stage: find the text documents under a sources folder and decode them.

Every file under the folder is tried, recursively, in a stable order; hidden files and the catalogue are
skipped. Each file is read by the reader registered for its suffix (:mod:`graphbuild.readers`); a file it
cannot read (binary, or in an encoding that is not UTF-8) yields a :class:`ReadError` naming it, and reading
goes on with the rest.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from graphbuild.document import SourceFile
from graphbuild.readers import reader_for

CATALOGUE_NAMES = ("catalogue.csv", "catalog.csv")
CATALOGUE_FIELDS = ("file", "title", "publisher", "date", "kind", "author", "issue")


@dataclass(frozen=True)
class ReadError:
    identifier: str
    problem: str

    def __str__(self) -> str:
        return f"{self.identifier}: {self.problem}"


def discover(sources: Path) -> list[Path]:
    """Every candidate document under ``sources``, sorted by relative path."""
    found = []
    for path in sources.rglob("*"):
        relative = path.relative_to(sources)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if relative.as_posix() in CATALOGUE_NAMES:
            continue
        found.append(path)
    return sorted(found, key=lambda p: p.relative_to(sources).as_posix())


def read_catalogue(sources: Path) -> tuple[dict[str, dict[str, str]], list[ReadError]]:
    """Metadata per document from an optional ``catalogue.csv`` (columns: file,title,publisher,date,kind…)."""
    for name in CATALOGUE_NAMES:
        path = sources / name
        if not path.exists():
            continue
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        except (UnicodeDecodeError, csv.Error) as error:
            return {}, [ReadError(name, f"catalogue not read: {error}")]
        if not rows or "file" not in rows[0]:
            return {}, [ReadError(name, "catalogue not read: it needs a header row with a 'file' column")]
        catalogue = {}
        for row in rows:
            key = (row.pop("file") or "").strip()
            catalogue[key] = {k: v.strip() for k, v in row.items() if k and v and v.strip()}
        return catalogue, []
    return {}, []


def read_sources(sources: Path) -> Iterator[SourceFile | ReadError]:
    """Each document under ``sources`` as a :class:`SourceFile`, or a :class:`ReadError` saying what is wrong."""
    catalogue, errors = read_catalogue(sources)
    yield from errors
    for path in discover(sources):
        identifier = path.relative_to(sources).as_posix()
        try:
            source = reader_for(path).read(path, identifier)
        except (OSError, ValueError) as error:
            yield ReadError(identifier, f"skipped: {error}")
            continue
        if not source.text.strip():
            yield ReadError(identifier, "skipped: the file is empty")
            continue
        yield replace(source, metadata={**source.metadata, **catalogue.get(identifier, {})})

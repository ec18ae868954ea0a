"""Read stage: find the text documents under a sources folder and decode them.

Every file under the folder is tried, recursively, in a stable order; hidden files and the catalogue are
skipped. Each file is read by the reader registered for its suffix (:mod:`graphbuild.readers`); a file it
cannot read (binary, or in an encoding that is not UTF-8) yields a :class:`ReadError` naming it, and reading
goes on with the rest.

What is not read is named too, with its reason: a symbolic link that leads out of the sources folder (a link
to ``/etc/passwd`` must not become a document), dangles or loops; a folder that cannot be listed; a named
pipe, socket or device, which is never opened (opening a FIFO blocks until someone writes to it). Links inside
the folder are followed, unless ``follow_links`` is false.

The catalogue's dates are read as the texts' are (ISO Gregorian, or Solar and converted: «1400/04/10»,
«۱۰ تیر ۱۴۰۰»), and kept as an ISO Gregorian value; a date that is none is named with its row and ignored.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from graphbuild.document import SourceFile
from graphbuild.extract.dates import ISO_VALUE, SOLAR_AFTER_SAL, find_dates, to_gregorian_value
from graphbuild.readers import reader_for

CATALOGUE_NAMES = ("catalogue.csv", "catalog.csv")
CATALOGUE_FIELDS = ("file", "title", "publisher", "date", "kind", "author", "issue")
_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


@dataclass(frozen=True)
class ReadError:
    identifier: str
    problem: str

    def __str__(self) -> str:
        return f"{self.identifier}: {self.problem}"


def discover(sources: Path, follow_links: bool = True) -> list[Path | ReadError]:
    """Every candidate document under ``sources``, and a :class:`ReadError` for each thing skipped (but hidden
    files and the catalogue), sorted by relative path."""
    def identifier(item: Path | ReadError) -> str:
        return item.identifier if isinstance(item, ReadError) else item.relative_to(sources).as_posix()

    root = sources.resolve()
    found = [item for item in _walk(sources, root, "", follow_links, frozenset({root}))
             if identifier(item) not in CATALOGUE_NAMES]  # the catalogue is read, and named, on its own
    return sorted(found, key=identifier)


def _walk(folder: Path, root: Path, prefix: str, follow_links: bool,
          ancestors: frozenset[Path]) -> Iterator[Path | ReadError]:
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing)
    except OSError as error:
        yield ReadError(prefix or "./", f"folder skipped: it cannot be listed: {error.strerror or error}")
        return
    for name in names:
        if name.startswith("."):
            continue
        path, relative = folder / name, prefix + name
        problem = _link_problem(path, root, follow_links)
        if problem is None and (problem := _kind_problem(path)) is None and path.is_dir():
            real = path.resolve()
            if real in ancestors:
                problem = f"skipped: a link loop (it leads back to {_shown(real, root)})"
            else:
                yield from _walk(path, root, relative + "/", follow_links, ancestors | {real})
                continue
        yield ReadError(relative, problem) if problem else path


def _link_problem(path: Path, root: Path, follow_links: bool) -> str | None:
    """Why a symbolic link is not followed (not at all, dangling, a loop, or out of the folder); None if it is
    followed, or ``path`` is no link."""
    if not path.is_symlink():
        return None
    if not follow_links:
        return "skipped: a symbolic link, and links are not followed (--no-follow-links)"
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return f"skipped: a dangling link (to {os.readlink(path)}, which does not exist)"
    except (RuntimeError, OSError) as error:  # RuntimeError: pathlib's «Symlink loop»; OSError: ELOOP
        if isinstance(error, RuntimeError) or error.errno == errno.ELOOP:
            return "skipped: a link loop"
        return f"skipped: the link cannot be followed: {error.strerror or error}"
    if not target.is_relative_to(root):
        return f"skipped: a link to {target}, outside the sources folder"
    return None


def _kind_problem(path: Path) -> str | None:
    """Why a path that is neither folder nor regular file is not read; None for those two."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return f"skipped: {error.strerror or error}"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file")
    return f"skipped: {kind}, not a regular file"


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() + "/" if path != root else "the sources folder"


def catalogue_date(value: str) -> str | None:
    """A catalogue's date as an ISO Gregorian value at the precision written ('2016-10-30', '2012-04', '2019'),
    or None if it is no date. ISO-shaped years 1200–1499 are Solar («1400-04-10», «1400»), as in the texts;
    other writings are read as a text's date is («۱۰ تیر ۱۴۰۰», «1400/04/10», «28 October 2016»)."""
    written = value.strip().translate(_LATIN_DIGITS)
    if iso := ISO_VALUE.fullmatch(written):
        year, month, day = (int(part) if part else None for part in iso.group("year", "month", "day"))
        solar = SOLAR_AFTER_SAL[0] <= year <= SOLAR_AFTER_SAL[1]
        resolved = to_gregorian_value("solar" if solar else "gregorian", year, month, day)
        return resolved[0] if resolved else None
    found = find_dates(value.strip())
    if len(found) != 1 or found[0].text != value.strip():
        return None
    mention = found[0]
    one_year = len(mention.start_value) == 4 and mention.calendar != "gregorian"  # a Solar year: its first part
    return mention.start_value if mention.end_value is None or one_year else None


def read_catalogue(sources: Path, follow_links: bool = True) -> tuple[dict[str, dict[str, str]], list[ReadError]]:
    """Metadata per document from an optional ``catalogue.csv`` (columns: file,title,publisher,date,kind…)."""
    for name in CATALOGUE_NAMES:
        path = sources / name
        if not os.path.lexists(path):
            continue
        problem = _link_problem(path, sources.resolve(), follow_links) or _kind_problem(path)
        if problem is None and path.is_dir():
            problem = "a folder"
        if problem:
            return {}, [ReadError(name, f"catalogue not read: {problem.removeprefix('skipped: ')}")]
        try:
            text = _read_regular_file(path).decode("utf-8-sig")
            reader = csv.DictReader(io.StringIO(text, newline=""))
            rows = [(reader.line_num, row) for row in reader]
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            return {}, [ReadError(name, f"catalogue not read: {error}")]
        if not rows or "file" not in rows[0][1]:
            return {}, [ReadError(name, "catalogue not read: it needs a header row with a 'file' column")]
        catalogue, errors = {}, []
        for line, row in rows:
            key = (row.pop("file") or "").strip()
            fields = {k: v.strip() for k, v in row.items() if k and isinstance(v, str) and v.strip()}
            if "date" in fields and (value := catalogue_date(fields["date"])) != fields["date"]:
                if value is None:
                    errors.append(ReadError(f"{name} row {line}", f"date {fields.pop('date')!r} is not a date; ignored"))
                else:
                    fields["date"] = value
            catalogue[key] = fields
        return catalogue, errors
    return {}, []


def _read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file, opened so that a FIFO swapped in after the check cannot block."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        return stream.read()


def read_sources(sources: Path, follow_links: bool = True) -> Iterator[SourceFile | ReadError]:
    """Each document under ``sources`` as a :class:`SourceFile`, or a :class:`ReadError` saying what is wrong
    or why it was skipped."""
    catalogue, errors = read_catalogue(sources, follow_links)
    yield from errors
    for path in discover(sources, follow_links):
        if isinstance(path, ReadError):
            yield path
            continue
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

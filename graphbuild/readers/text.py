"""Plain text files: UTF-8, with or without a byte-order mark. Anything else is refused with the reason."""

from __future__ import annotations

from pathlib import Path

from graphbuild.document import SourceFile
from graphbuild.readers import reader

TEXT_SUFFIXES = (".txt", ".text", ".md", "")


def decode(data: bytes) -> str:
    """UTF-8 text, with or without a byte-order mark; raises ValueError for anything else."""
    if b"\x00" in data:
        raise ValueError("it holds NUL bytes: a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"it is not UTF-8 text (byte {error.start}: {data[error.start:error.start + 1]!r})") from None
    return text


@reader("text", suffixes=TEXT_SUFFIXES, media_types=("text/plain",))
def read_text(path: Path, identifier: str) -> SourceFile:
    """The file's decoded characters are the document's text: offsets into it are offsets into the file's text."""
    return SourceFile(identifier, decode(path.read_bytes()))

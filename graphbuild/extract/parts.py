"""The parts of a document that carry its own facts: the messages of a collection, and their closing lines.

A collection of messages («پیام‌ها به کنگره …») is cut at separator lines («***», «-----»); a single
statement is one part, the whole text. A part's closing short lines hold its signature: the people or the
body that wrote it, where from («پرستو از تهران»), and often a date.
"""

from __future__ import annotations

from graphbuild.document import Document

SIGNATURE_LINE_WORDS = 8  # a closing line this short may carry a signature


def blind(text: str) -> str:
    """Text with spaces and half-spaces removed, so that «امضا کنندگان» and «امضاکنندگان» compare equal."""
    return text.replace(" ", "").replace("\u200c", "")


def is_separator(line: str, separators: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= 3 and all(char in separators for char in stripped)


BLANK_LINES_BETWEEN_MESSAGES = 2  # in a collection, this many empty lines also end a message


def messages(text: str, separators: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch between separator lines; the whole text if there is none.

    In a text that has separator lines (a collection), a run of empty lines also ends a message: writers
    and editors skip the separator between some messages, never the blank space.
    """
    all_lines = text.split("\n")
    collection = any(is_separator(line, separators) for line in all_lines)
    cuts, position, blank_run = [0], 0, 0
    for line in all_lines:
        if is_separator(line, separators):
            cuts += [position, position + len(line)]
        blank_run = blank_run + 1 if not line.strip() else 0
        if collection and blank_run == BLANK_LINES_BETWEEN_MESSAGES:
            cuts += [position, position]
        position += len(line) + 1
    cuts.append(len(text))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2) if cuts[i + 1] > cuts[i]]


def line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of text[start:end], without its surrounding spaces."""
    spans, position = [], start
    for line in text[start:end].split("\n"):
        stripped = line.strip()
        if stripped:
            first = position + line.index(stripped)
            spans.append((first, first + len(stripped)))
        position += len(line) + 1
    return spans


def closing_lines(doc: Document, start: int, end: int, count: int, slogans: list[str]) -> list[tuple[int, int]]:
    """The part's last ``count`` non-empty lines that are short enough to sign it, slogans aside."""
    closing = line_spans(doc.text, start, end)[-count:]
    return [(a, b) for a, b in closing if len(doc.text[a:b].split()) <= SIGNATURE_LINE_WORDS
            and not doc.text[a:b].startswith(tuple(slogans))]

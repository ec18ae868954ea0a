"""Tokens and sentences of a normalised text, with character offsets.

hazm's word_tokenize returns bare strings and rewrites some of them, so it cannot say where a token stands;
the extractors need offsets on every token, hence this small regular-expression tokeniser over text that
hazm has already normalised (spacing and half-spaces are settled by then).
"""

from __future__ import annotations

import re

from graphbuild.document import Token
from graphbuild.lang.fa.morphology import SENTENCE_END_MARKS

TOKEN = re.compile(r"[\w\u200c]+|[^\w\s]")
# A sentence ends at a full stop, question or exclamation mark, or a line break: lines in these texts are
# paragraphs, list items or signature lines, and a name never runs across one (normalise has joined the lines
# of a hard-wrapped document by then).
SENTENCE_END = re.compile(rf"[{re.escape(SENTENCE_END_MARKS)}]+(?=\s|$)|\n")


def segment(text: str) -> tuple[tuple[Token, ...], tuple[tuple[int, int], ...]]:
    tokens = tuple(
        Token(m.group(), m.start(), m.end(), is_word=m.group()[0].isalnum() or m.group()[0] == "_")
        for m in TOKEN.finditer(text)
    )
    sentences = []
    start = 0
    for match in SENTENCE_END.finditer(text):
        if text[start : match.end()].strip():
            sentences.append(_trim(text, start, match.end()))
        start = match.end()
    if text[start:].strip():
        sentences.append(_trim(text, start, len(text)))
    return tokens, tuple(sentences)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

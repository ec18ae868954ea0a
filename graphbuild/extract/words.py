"""Word-level tests the extractors share: what ends a name, what is a verb, ordinals, numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TypeVar

from persian_tools import digits as persian_digits

from graphbuild.document import Document, Token
from graphbuild.lang.fa.morphology import (  # noqa: F401  (DIGITS: shared from here too)
    DIGITS,
    FINAL_I,
    FIRST,
    FIRST_WORD,
    GLUED_PREFIXES,
    NON_LATIN_DIGITS,
    ORDINAL_AFTER_CONSONANT,
    ORDINAL_AFTER_VOWEL,
    ORDINAL_STEM_SPELLINGS,
    ORDINAL_SUFFIX,
    ORDINAL_THIRD,
    THIRD_STEM,
    THREE,
    VERB_PREFIXES,
)
from graphbuild.resources import Resources

T = TypeVar("T")


def lines(doc: Document) -> Iterator[list[Token]]:
    """The document's tokens, line by line: no name runs across a line break."""
    current: list[Token] = []
    line_end = doc.text.find("\n")
    for token in doc.tokens:
        while line_end != -1 and token.start > line_end:
            if current:
                yield current
            current = []
            line_end = doc.text.find("\n", line_end + 1)
        current.append(token)
    if current:
        yield current


GLUED_PART_FREQUENCY = 50_000  # each part of a run-together word must be at least this common


def is_glued(word: str, resources: Resources) -> bool:
    """Two known words run together («جنایتباراسرائیل», «وبرآمده»): not a name the lexicon lacks."""
    def common(part: str) -> bool:
        return part in resources.places or resources.lexicon.frequency(part) > GLUED_PART_FREQUENCY

    def known(part: str) -> bool:  # a part may itself be written without its half-space: «جنایتبار»
        return common(part) or any(common(part[:i]) and common(part[i:]) for i in range(2, len(part) - 1))

    if any(word.startswith(p) and len(word) > len(p) + 2 and resources.lexicon.is_known(word[len(p):])
           for p in GLUED_PREFIXES):
        return True
    return any(known(word[:i]) and known(word[i:]) for i in range(2, len(word) - 1))


def is_known_word(word: str, resources: Resources) -> bool:
    """A word of hazm's list, also when written without its half-space («جنایتبار» for «جنایت‌بار»)."""
    known = resources.lexicon.is_known
    return known(word) or any(known(f"{word[:i]}\u200c{word[i:]}") for i in range(2, len(word) - 1))


def is_verb(word: str, resources: Resources) -> bool:
    return word in resources.lexicon.verbs or word.startswith(VERB_PREFIXES)


def ends_name(word: str, resources: Resources) -> bool:
    """A word that cannot stand inside a name: a stopword, a verb, or a listed name-ending word."""
    return (
        word in resources.lexicon.stopwords
        or word in _stops(resources)
        or is_verb(word, resources)
    )


def _stops(resources: Resources) -> frozenset[str]:
    return resources.derived("name_stops", lambda: frozenset(resources.patterns["names"]["stops"]))


def is_stop_word(word: str, resources: Resources) -> bool:
    """A stopword of the lexicon or a listed name-ending word: verbs are not checked (see :func:`ends_name`)."""
    # one set, built once per process rather than two looked up per word
    return word in resources.derived("stop_words", lambda: resources.lexicon.stopwords | _stops(resources))


_TO_LATIN_DIGITS = str.maketrans(NON_LATIN_DIGITS, "0123456789" * 2)


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN_DIGITS)


def number_value(word: str) -> int | None:
    """The value of a number written in digits (any script) or in Persian words; None if it is not one."""
    if DIGITS.match(word):
        return int(to_latin_digits(word))
    return _word_number(word)


@lru_cache(maxsize=4096)
def _word_number(words: str) -> int | None:
    try:
        value = persian_digits.convert_from_word(words)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None
    return value if isinstance(value, int) and value > 0 else None


def ordinal_value(words: str) -> int | None:
    """11 for «یازدهم», «یازدهمین», «۱۱ام» or «۱۱»; 31 for «سی و یکمین»; None for anything else."""
    words = words.strip()
    if words in FIRST:
        return FIRST[words]
    if DIGITS.match(words):
        return int(to_latin_digits(words))
    stripped = ORDINAL_SUFFIX.sub("", words)
    if stripped == words or not stripped:
        return None
    if DIGITS.match(stripped):
        return int(to_latin_digits(stripped))
    stripped = ORDINAL_STEM_SPELLINGS.get(stripped, stripped)
    if stripped.endswith(f" {THIRD_STEM}"):
        stripped = stripped[:-len(THIRD_STEM)] + THREE
    return _word_number(stripped)


def ordinal_words(value: int) -> str:
    """The «-م» ordinal in words: 1 → «اول», 11 → «یازدهم», 30 → «سی‌ام», 31 → «سی و یکم»."""
    if value == 1:
        return FIRST_WORD
    cardinal = persian_digits.convert_to_word(value)
    if cardinal.endswith(THREE):
        return cardinal[:-len(THREE)] + ORDINAL_THIRD
    if cardinal.endswith(FINAL_I):
        return cardinal + ORDINAL_AFTER_VOWEL
    return cardinal + ORDINAL_AFTER_CONSONANT


def first_words(phrases) -> frozenset[str]:
    """The first words of a lexicon's phrases: most tokens open no phrase, and this says so at once."""
    return frozenset(phrase.split(" ", 1)[0] for phrase in phrases)


def longest_phrase(tokens: list[Token], i: int, lookup: Callable[[str], T | None], longest: int,
                   openers: frozenset[str] | None = None) -> tuple[int, T] | None:
    """The longest run of tokens from ``i`` (at most ``longest``) whose text ``lookup`` knows:
    (number of tokens, what lookup gave), or None. Runs that start or end on punctuation are passed over;
    with ``openers`` (see :func:`first_words`), so are runs whose first word opens no phrase."""
    if i >= len(tokens) or not tokens[i].is_word or (openers is not None and tokens[i].text not in openers):
        return None
    for length in range(min(longest, len(tokens) - i), 0, -1):
        if not tokens[i + length - 1].is_word:
            continue
        value = lookup(" ".join(token.text for token in tokens[i : i + length]))
        if value is not None:
            return length, value
    return None


def phrase_matches(doc: Document, match: Callable[[list[Token], int], tuple[int, T] | None]) -> Iterator[tuple[int, int, T]]:
    """Left-to-right, non-overlapping matches of ``match`` over every line: (start, end, value), in characters."""
    for tokens in lines(doc):
        i = 0
        while i < len(tokens):
            found = match(tokens, i)
            if not found:
                i += 1
                continue
            length, value = found
            yield tokens[i].start, tokens[i + length - 1].end, value
            i += length

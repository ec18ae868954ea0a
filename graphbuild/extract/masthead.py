"""A periodical's masthead: the title of the newsletter or paper the text is an issue of, and its number.

Two shapes, both read from the pattern data (``[masthead]``):
- the text's first line holds only a short title and a number: «انترناسیونال ۲۷۳» (the periodical
  «انترناسیونال», issue 273);
- a line opens with a short title, perhaps with another name in parentheses, and then a word that says it is
  a periodical: «طلوع (آرورا) نشریه تک برگی …».
The title becomes an Organization mention (newspapers and media are organisations, tests/gold/GUIDELINE.md);
the number becomes the document's ``schema:issueNumber``, unless the catalogue gives one.
"""

from __future__ import annotations

import re

from graphbuild.components import mention_finder, relation_finder
from graphbuild.document import Document, Mention, Relation
from graphbuild.extract.dates import is_month_name
from graphbuild.extract.parts import line_spans
from graphbuild.extract.words import DIGITS, to_latin_digits
from graphbuild.resources import Resources

WORD = r"[^\W\d_][\w\u200c]*"
PARENTHESISED = rf"\(\s*{WORD}(?:\s+{WORD})?\s*\)"
LARGEST_ISSUE = 9999


def _title_ok(words: list[str], resources: Resources) -> bool:
    patterns = resources.patterns["masthead"]
    # «تیر ۱۴۰۱», «اکتبر ۲۰۱۶»: a month and a year are a date, not a title and an issue
    return (0 < len(words) <= patterns["title_words"] and words[0] not in patterns["not_titles"]
            and not is_month_name(words[0]) and not any(word in resources.lexicon.stopwords for word in words))


def _patterns(resources: Resources) -> tuple[re.Pattern, re.Pattern]:
    """The first line's «TITLE NUMBER» and a line's «TITLE (OTHER NAME) نشریه», made once per process."""
    def build() -> tuple[re.Pattern, re.Pattern]:
        patterns = resources.patterns["masthead"]
        most = patterns["title_words"]
        words = "|".join(map(re.escape, patterns["periodical_words"]))
        return (
            re.compile(rf"((?:{WORD}\s+){{0,{most - 1}}}{WORD})\s+(\S+)"),
            re.compile(rf"^[^\S\n]*((?:{WORD}[^\S\n]+){{0,{most - 1}}}{WORD}(?:[^\S\n]*{PARENTHESISED})?)"
                       rf"[^\S\n]+(?:{words})\b", re.MULTILINE),
        )

    return resources.derived("masthead_patterns", build)


def _title_and_issue(doc: Document, resources: Resources) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(title span, issue number span) on the text's first line, or None."""
    lines = line_spans(doc.text, 0, len(doc.text))
    if not lines:
        return None
    line = lines[0]
    match = _patterns(resources)[0].fullmatch(doc.text[line[0]:line[1]])
    if not match or not DIGITS.fullmatch(match.group(2)) or not 0 < int(to_latin_digits(match.group(2))) <= LARGEST_ISSUE:
        return None
    if not _title_ok(match.group(1).split(), resources) or _names_a_place(match.group(1), resources):
        return None
    start = line[0]
    return (start + match.start(1), start + match.end(1)), (start + match.start(2), start + match.end(2))


def _names_a_place(title: str, resources: Resources) -> bool:
    # the test of bodies.py's _is_place_word, which is private: no public place-word helper to import yet
    return title in resources.places or title in resources.place_aliases


def _titled_periodicals(doc: Document, resources: Resources) -> list[tuple[int, int]]:
    """Spans of «TITLE (OTHER NAME) نشریه …» titles at the start of a line."""
    spans = []
    for match in _patterns(resources)[1].finditer(doc.text):
        title = re.sub(PARENTHESISED, "", match.group(1)).split()
        if _title_ok(title, resources):
            spans.append((match.start(1), match.end(1)))
    return spans


@mention_finder("masthead")
class MastheadExtractor:
    name = "masthead"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        spans = _titled_periodicals(doc, resources)
        if found := _title_and_issue(doc, resources):
            spans.append(found[0])
        return [Mention(start, end, "Organization", doc.text[start:end], self.name) for start, end in spans]


@relation_finder("issue-numbers")
class IssueNumberExtractor:
    """The issue number beside the title on the first line: a fact about the document itself."""

    name = "issue-number"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        found = _title_and_issue(doc, resources)
        if found is None:
            return []
        (title_start, _), (start, end) = found
        return [Relation("issueNumber", (0, len(doc.text)), (start, end), (title_start, end),
                         value=str(int(to_latin_digits(doc.text[start:end]))))]

"""A document's own facts: who signed it, who wrote each of its messages, where from and when.

- **Signatories**: the list after a header such as «اسامی امضا کنندگان :», one signer per line, numbered or
  not («۴ – حزب کمونیست ایران»). :class:`SignatoryListExtractor` makes sure every listed signer is a mention,
  even one no other rule knows («هسته اقلیت»): the list itself says it names a signer.
- **Authors**: the people on a part's closing short lines («آرش صمیمی»), or a body named alone on one of them
  («شورای همکاری نیروهای چپ و کمونیست» above «مصوب نشست …»).
- **Where from**: a place after «از» on a signature line («پرستو از تهران», «آرام از شهرستان قم»).
- **When**: a date standing alone on a closing line («۲۴ مرداد ۹۸»).

The subject of each relation is a part of the document (see :mod:`graphbuild.extract.parts`): the whole text
for a statement, one message in a collection. Resolution makes the first the document and the second a
message within it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from graphbuild.components import mention_finder, relation_finder
from graphbuild.document import Document, Kind, Mention, Relation
from graphbuild.extract.bodies import body_kind, body_openers, political_designators
from graphbuild.extract.dates import find_dates
from graphbuild.extract.parts import (
    SIGNATURE_LINE_WORDS,
    blind,
    closing_lines,
    is_separator,
    line_spans,
    messages,
)
from graphbuild.extract.people import is_given_name
from graphbuild.extract.words import is_verb
from graphbuild.resources import Resources

HEADER_WORDS = 6  # a signatory header is a short line
ITEM_WORDS = 14  # a line longer than this ends the list of signatories
# A list item's marker: a number or a bullet, and the punctuation after it («۱۲–», «3 -», «•»).
ITEM_MARKER = re.compile(r"^(?:[0-9۰-۹٠-٩]{1,3}\s*[-–—.)\]:]?|[-–—•*·])\s*")
# A signer's place after its name: «کانون اندیشه کپنهاگ - دانمارک».
PLACE_SUFFIX = re.compile(r"\s+[-–—]\s+[^-–—]+$")
SIGNER_KINDS = ("Party", "Organization", "Person")
BODY_KINDS = ("Party", "Organization")


def signatory_items(doc: Document, resources: Resources) -> list[tuple[int, int]]:
    """The (start, end) of each signer's line in every signatory list of the document, marker left out."""
    patterns = resources.patterns["messages"]
    headers = [blind(header) for header in patterns["signatory_headers"]]
    spans = line_spans(doc.text, 0, len(doc.text))
    items: list[tuple[int, int]] = []
    in_list = False
    for start, end in spans:
        line = doc.text[start:end]
        if len(line.split()) <= HEADER_WORDS and any(header in blind(line) for header in headers):
            in_list = True
            continue
        if not in_list:
            continue
        if is_separator(line, patterns["separator_characters"]) or len(line.split()) > ITEM_WORDS:
            in_list = False
            continue
        marker = ITEM_MARKER.match(line)
        first = start + (marker.end() if marker else 0)
        if first < end:
            items.append((first, end))
    return items


@mention_finder("signatory-lists")
class SignatoryListExtractor:
    """A mention for each listed signer, with its kind from its head noun («سازمان …»), a given name, or else
    Organization. The other extractors' finds over the same characters win (see combine.py)."""

    name = "signatory-list"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        mentions = []
        for start, end in signatory_items(doc, resources):
            text = doc.text[start:end]
            if suffix := PLACE_SUFFIX.search(text):
                end, text = start + suffix.start(), text[: suffix.start()]
            words = text.split()
            if not words or words[0] in resources.places or text in resources.places:
                continue
            mentions.append(Mention(start, end, _signer_kind(words, resources), text, self.name))
        return mentions


NAME_LINE_WORDS = 3  # a writer's name under a closing formula


@mention_finder("signature-names")
class SignatureNameExtractor:
    """The writer's name on the line under a closing formula («با عشق و احترام» / «سامیر»), known to no
    lexicon: the letter's shape says it is a name. Only in a collection of messages or at a text's end."""

    name = "signature"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        patterns = resources.patterns["messages"]
        formulas = {blind(formula) for formula in patterns["closing_formulas"]}
        mentions = []
        for part in messages(doc.text, patterns["separator_characters"]):
            closing = line_spans(doc.text, *part)[-patterns["signature_lines"]:]
            for (a, b), (start, end) in zip(closing, closing[1:]):
                if blind(doc.text[a:b]).rstrip("،,.!") in formulas and _looks_like_a_name(doc.text[start:end], resources):
                    mentions.append(Mention(start, end, "Person", doc.text[start:end], self.name))
        return mentions


def _looks_like_a_name(line: str, resources: Resources) -> bool:
    words = line.split()
    return 0 < len(words) <= NAME_LINE_WORDS and all(
        word.replace("\u200c", "").isalpha() and word not in resources.lexicon.stopwords
        and word not in resources.places and not is_verb(word, resources) for word in words)


def _signer_kind(words: list[str], resources: Resources) -> Kind:
    if words[0] in body_openers(resources):
        kind = body_kind(words[0], words[1:], resources)
        if kind is None and _party_head_with_designator(words, resources):
            # In running text «هسته اقلیت» could describe; standing alone as a signer it is a name.
            return "Party"
        return kind or "Organization"
    if is_given_name(words[0], resources) and len(words) <= 3:
        return "Person"
    return "Organization"


def _party_head_with_designator(words: list[str], resources: Resources) -> bool:
    heads = resources.patterns["heads"]
    return (words[0] in heads["party"] + heads["party_if_designated"]
            and any(word in political_designators(resources) for word in words[1:]))


@relation_finder("document-facts")
class DocumentFactExtractor:
    name = "document-facts"

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]:
        patterns = resources.patterns["messages"]
        items = signatory_items(doc, resources)
        found = [Relation("signatory", (0, len(doc.text)), (m.start, m.end), line)
                 for line in items for m in _outermost(doc, line, SIGNER_KINDS)]
        # The signatory list closes the text: the signature above it is the last lines before the list.
        list_start = min((start for start, _ in items), default=len(doc.text))
        parts = messages(doc.text[:list_start], patterns["separator_characters"])
        if len(parts) == 1:
            return found + _signature_facts(doc, (0, len(doc.text)), parts[0], resources)
        for part in parts:
            found += _signature_facts(doc, part, part, resources) + _heading_author(doc, part)
        return found


def _outermost(doc: Document, span: tuple[int, int], kinds: tuple[str, ...]) -> list[Mention]:
    """Mentions of those kinds within the span that no other such mention there contains."""
    inside = [m for m in _within(doc.mentions, span) if m.kind in kinds]
    return [m for m in inside
            if not any(o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)
                       for o in inside)]


def _signature_facts(doc: Document, part: tuple[int, int], scanned: tuple[int, int],
                     resources: Resources) -> list[Relation]:
    """Authors, their place and the date of a part, from the closing lines of the stretch ``scanned``."""
    patterns = resources.patterns["messages"]
    slogans = patterns["slogan_openers"]
    found: list[Relation] = []
    for line in closing_lines(doc, *scanned, patterns["signature_lines"], slogans):
        people = _outermost(doc, line, ("Person",))
        found += [Relation("author", part, (p.start, p.end), line) for p in people]
        if people:
            found += [Relation("locationCreated", part, (p.start, p.end), line)
                      for p in _places_after_origin_word(doc, line, resources)]
    organs = frozenset(resources.patterns["names"]["organs"])
    for line in closing_lines(doc, *scanned, patterns["body_signature_lines"], slogans):
        bodies = _outermost(doc, line, BODY_KINDS)
        if len(bodies) == 1 and _fills_line(doc, bodies[0], line, organs):
            found.append(Relation("author", part, (bodies[0].start, bodies[0].end), line))
    if found:
        found += _closing_date(doc, part, scanned, patterns["signature_lines"], slogans)
    return found


def _heading_author(doc: Document, part: tuple[int, int]) -> list[Relation]:
    """A message in a collection may open with its writer's name: «منصور رسا / کارگر پروژه‌ای»."""
    lines = line_spans(doc.text, *part)
    if not lines or len(doc.text[slice(*lines[0])].split()) > SIGNATURE_LINE_WORDS:
        return []
    first = lines[0]
    people = _outermost(doc, first, ("Person",))
    return [Relation("author", part, (p.start, p.end), first) for p in people[:1] if p.start == first[0]]


def _fills_line(doc: Document, mention: Mention, line: tuple[int, int], organs: frozenset[str]) -> bool:
    """The mention is all the line says, but for punctuation and perhaps the organ that signs for the body
    («هیئت اجرایی سازمان …»): a signature, not a sentence naming a body."""
    before = " ".join(doc.text[line[0] : mention.start].split())
    if before in organs:
        before = ""
    rest = before + doc.text[mention.end : line[1]]
    return not any(char.isalpha() for char in rest)


def _places_after_origin_word(doc: Document, line: tuple[int, int], resources: Resources) -> list[Mention]:
    """«پرستو از تهران»; a word that says what kind of place may stand between: «آرام از شهرستان قم»."""
    origin_words = set(resources.patterns["messages"]["origin_words"])
    tokens = _within(doc.tokens, line)
    index = {token.start: i for i, token in enumerate(tokens)}
    found = []
    for place in (m for m in _within(doc.mentions, line) if m.kind == "Place" and m.start in index):
        before = tokens[max(0, index[place.start] - 2) : index[place.start]]
        if (before and before[-1].text in origin_words) or (
                len(before) == 2 and before[0].text in origin_words and before[1].is_word
                and not before[1].text[0].isdigit()):
            found.append(place)
    return found


def _within(items, span: tuple[int, int]) -> list:
    """The tokens or mentions (sorted by start, as a document keeps them) that lie inside the span."""
    first = bisect_left(items, span[0], key=lambda item: item.start)
    last = bisect_left(items, span[1], key=lambda item: item.start)
    return [item for item in items[first:last] if item.end <= span[1]]


def _closing_date(doc: Document, part: tuple[int, int], scanned: tuple[int, int], count: int,
                  slogans: list[str]) -> list[Relation]:
    """A date that is the whole of one of the closing lines: the day the part was written."""
    for start, end in reversed(closing_lines(doc, *scanned, count, slogans)):
        dates = find_dates(doc.text[start:end])
        if len(dates) == 1 and not any(c.isalpha() for c in doc.text[start:end].replace(dates[0].text, "")):
            date = dates[0]
            return [Relation("datePublished", part, (start, end), (start, end), value=date.start_value,
                             value_end=date.end_value or "", note=date.note)]
    return []

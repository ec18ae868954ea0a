"""Settle what several extractors found over the same characters.

Precedence, in order:
0. Rules and lexicons before the statistical recogniser: a recogniser find is kept only where no rule or
   lexicon find overlaps it at all (its kind and extent are the weaker evidence).
1. Identical spans of different kinds: Event, then Party, Place, Organization, Person (a gazetteer's exact
   name beats a head noun: «اتحاد جماهیر شوروی» is a place; both beat the shape of a personal name).
2. Spans that cross (overlap without one containing the other): the longer wins, then the kind order above.
3. Nesting is kept: an event names its organiser («کنگره یازدهم حزب …» holds a Party), a name holds a place
   («… کارگران ایران»). A person's name nested inside another entity's name is dropped: it is part of that
   name, not a reference to a person; so is a place inside a person's name («روزا لوکزامبورگ»), an event
   without an ordinal inside a body's name («مقاومت ایران» in «شورای ملی مقاومت ایران»), and a shorter
   mention of the same kind that shares an edge with a longer one («انقلاب بهمن» inside «انقلاب بهمن ۵۷»).
4. Names: an event pattern's find over exactly the characters of a lexicon event is named as the lexicon names
   it, so aliases resolve to one event («انقلاب روسیه» → «انقلاب اکتبر»).
"""

from __future__ import annotations

from dataclasses import replace

from graphbuild.components import component
from graphbuild.document import Document, Mention
from graphbuild.extract.known import SOURCE as LEXICON_SOURCE
from graphbuild.extract.statistical import SOURCE as STATISTICAL_SOURCE
from graphbuild.kinds import body_kinds, kind_spec
from graphbuild.resources import Resources


def _rank(mention: Mention) -> tuple:
    """Longer first; for one stretch, the kind of lower rank (kinds.toml) first."""
    return (-(mention.end - mention.start), kind_spec(mention.kind).rank, mention.start, mention.source)


def _contains(outer: Mention, inner: Mention) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


@component("combine", reads=("candidates",), adds=("mentions",))
def make_combine(resources: Resources):
    """The candidates every extractor found become the document's mentions, overlaps settled."""

    def settle(doc: Document) -> Document:
        return doc.with_mentions(combine(list(doc.layer("candidates")))).without_layer("candidates")

    return settle


def combine(mentions: list[Mention]) -> list[Mention]:
    mentions = _with_lexicon_names(mentions)
    ruled = _settle([m for m in mentions if m.source != STATISTICAL_SOURCE])
    statistical = _settle([m for m in mentions if m.source == STATISTICAL_SOURCE])
    kept = ruled + [m for m in statistical if not any(_overlap(m, other) for other in ruled)]
    return sorted(kept, key=lambda m: (m.start, -m.end))


def _with_lexicon_names(mentions: list[Mention]) -> list[Mention]:
    """An event pattern's find over exactly the characters of a lexicon event takes the lexicon's canonical
    name, keeping its own attributes: «انقلاب روسیه» found by the event pattern is «انقلاب اکتبر». (Parties
    and organisations need not: resolution joins their short forms and typos by their written names.)"""
    canonical = {(m.start, m.end, m.kind): m.key_text for m in mentions
                 if m.source == LEXICON_SOURCE and m.kind == "Event"}
    return [replace(m, key_text=canonical[(m.start, m.end, m.kind)])
            if m.source != LEXICON_SOURCE and (m.start, m.end, m.kind) in canonical else m
            for m in mentions]


def _head_plus_name(outer: Mention, inner: Mention) -> bool:
    """«سازمان اتحاد فدائیان کمونیست» holds «اتحاد فدائیان کمونیست»: the outer head and the inner name are
    one name, not two bodies."""
    bodies = body_kinds()
    head = outer.text.split(" ", 1)[0]
    return outer.kind in bodies and inner.kind in bodies and outer.text == f"{head} {inner.text}"


def _overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _settle(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=_rank):
        clash = False
        for other in kept:
            if other.end <= mention.start or mention.end <= other.start:
                continue
            same_span = (other.start, other.end) == (mention.start, mention.end)
            nested = _contains(other, mention)
            redundant = (other.kind == mention.kind and (other.start == mention.start or other.end == mention.end)) \
                or _head_plus_name(other, mention)
            # A place inside a person's name is part of the name: «روزا لوکزامبورگ» names no country.
            in_a_name = (mention.kind == "Place" and other.kind == "Person") or (
                # «شورای ملی مقاومت ایران» is no «مقاومت ایران»; a meeting with its ordinal inside a name
                # («کمیته برگزاری کنگره یازدهم») still names that meeting.
                mention.kind == "Event" and other.kind in body_kinds()
                and mention.attribute("ordinal") is None)
            if same_span or not nested or mention.kind == "Person" or redundant or in_a_name:
                clash = True
                break
        if not clash:
            kept.append(mention)
    return kept

"""A document's own longer name wins over the lexicon's short form: a per-document rule, run as the last
component so that resolution, across documents, sees each document's bodies as the document names them."""

from __future__ import annotations

from dataclasses import replace

from graphbuild.components import component
from graphbuild.document import Document
from graphbuild.extract.known import SOURCE as KNOWN_SOURCE
from graphbuild.kinds import body_kinds
from graphbuild.resources import Resources


@component("own-longer-names", reads=("mentions",), adds=("mentions",))
def make_own_longer_names(resources: Resources):
    return own_longer_names_win


def own_longer_names_win(doc: Document) -> Document:
    """A short form the lexicon knows («کومه‌له») names the body the document itself names in full, when the
    document's longer name holds it and is not the lexicon's body: «حزب کومه‌له کردستان ایران» beside
    «کومه‌له» makes every bare «کومه‌له» of that document this party, not the lexicon's namesake."""
    bodies = body_kinds()
    full = [m for m in doc.mentions if m.kind in bodies and m.source != KNOWN_SOURCE]
    changed = False
    mentions = []
    for mention in doc.mentions:
        if mention.source == KNOWN_SOURCE and mention.kind in bodies:
            short = mention.text.split()
            # Of its own kind only: «سازمان نظامی حزب توده» holds «حزب توده» but is a body within the party.
            holders = {m.name for m in full if m.name != mention.name and _holds(m.text.split(), short)
                       and len(m.text.split()) > len(short) and m.kind == mention.kind}
            if len(holders) == 1:
                mention, changed = replace(mention, key_text=holders.pop()), True
        mentions.append(mention)
    return doc.with_mentions(tuple(mentions)) if changed else doc


def _holds(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))

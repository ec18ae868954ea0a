"""Well-known entities from a hand-kept lexicon (``data/known_entities.tsv``): names that no head noun opens
(«ناتو», «داعش», «جمهوری اسلامی»), acronyms and people known by one name («لنین»). Each mention carries the
lexicon's canonical name, so that short forms and aliases resolve to one entity."""

from __future__ import annotations

from graphbuild.document import Document, Mention, Token
from graphbuild.extract.words import lines
from graphbuild.resources import KnownEntity, Resources

LONGEST_NAME = 7  # tokens


def known_at(tokens: list[Token], i: int, resources: Resources) -> tuple[int, KnownEntity] | None:
    for length in range(min(LONGEST_NAME, len(tokens) - i), 0, -1):
        window = tokens[i : i + length]
        if not window[-1].is_word:
            continue
        entity = resources.known_entities.get(" ".join(t.text for t in window))
        if entity:
            return length, entity
    return None


class KnownEntityExtractor:
    name = "known-entity"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        mentions = []
        for tokens in lines(doc):
            i = 0
            while i < len(tokens):
                found = known_at(tokens, i, resources) if tokens[i].is_word else None
                if not found:
                    i += 1
                    continue
                length, entity = found
                start, end = tokens[i].start, tokens[i + length - 1].end
                mentions.append(Mention(start, end, entity.kind, doc.text[start:end], self.name,
                                        key_text=entity.name))
                i += length
        return mentions

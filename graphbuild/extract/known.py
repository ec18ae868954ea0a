"""Well-known entities from a hand-kept lexicon (``data/known_entities.tsv``): names that no head noun opens
(«ناتو», «داعش», «جمهوری اسلامی»), acronyms and people known by one name («لنین»). Each mention carries the
lexicon's canonical name, so that short forms and aliases resolve to one entity."""

from __future__ import annotations

from graphbuild.components import mention_finder
from graphbuild.document import Document, Mention
from graphbuild.extract.words import first_words, longest_phrase, phrase_matches
from graphbuild.resources import Resources

LONGEST_NAME = 7  # tokens
SOURCE = "known-entity"  # the mentions' source: combine and the own-longer-names rule know lexicon finds by it


@mention_finder("known-entities")
class KnownEntityExtractor:
    name = SOURCE

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        openers = resources.derived("known_openers", lambda: first_words(resources.known_entities))

        def match(tokens, i):
            return longest_phrase(tokens, i, resources.known_entities.get, LONGEST_NAME, openers)

        return [
            Mention(start, end, entity.kind, doc.text[start:end], self.name, key_text=entity.name)
            for start, end, entity in phrase_matches(doc, match)
        ]

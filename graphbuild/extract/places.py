"""Places from the gazetteer lexicon: Iran's provinces and cities, the world's countries, cities and regions."""

from __future__ import annotations

from graphbuild.document import Document, Mention, Token
from graphbuild.extract.words import first_words, longest_phrase, phrase_matches
from graphbuild.resources import Resources

LONGEST_PLACE_NAME = 5  # tokens; «خاورمیانه و شمال آفریقا»


def place_at(tokens: list[Token], i: int, resources: Resources) -> tuple[int, str] | None:
    """The longest place name starting at token ``i``: (number of tokens, gazetteer name), or None."""

    def lookup(phrase: str) -> str | None:
        name = resources.place_aliases.get(phrase, phrase)
        return name if name in resources.places else None

    openers = resources.extra.get("place_openers")
    if openers is None:
        openers = resources.extra["place_openers"] = first_words([*resources.places, *resources.place_aliases])
    return longest_phrase(tokens, i, lookup, LONGEST_PLACE_NAME, openers)


class PlaceExtractor:
    name = "gazetteer"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        return [
            Mention(start, end, "Place", doc.text[start:end], self.name, key_text=name,
                    attributes=(("place_code", resources.places[name].code),))
            for start, end, name in phrase_matches(doc, lambda tokens, i: place_at(tokens, i, resources))
        ]

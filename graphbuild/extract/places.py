"""Places from the gazetteer lexicon: Iran's provinces and cities, the world's countries, regions."""

from __future__ import annotations

from graphbuild.document import Document, Mention, Token
from graphbuild.extract.words import lines
from graphbuild.resources import Resources

LONGEST_PLACE_NAME = 5  # tokens; «خاورمیانه و شمال آفریقا»


def place_at(tokens: list[Token], i: int, resources: Resources) -> tuple[int, str] | None:
    """The longest place name starting at token ``i``: (number of tokens, gazetteer name), or None."""
    for length in range(min(LONGEST_PLACE_NAME, len(tokens) - i), 0, -1):
        words = [token.text for token in tokens[i : i + length]]
        if not all(token.is_word for token in tokens[i : i + length]):
            continue
        phrase = " ".join(words)
        name = resources.place_aliases.get(phrase, phrase)
        if name in resources.places:
            return length, name
    return None


class PlaceExtractor:
    name = "gazetteer"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        mentions = []
        for tokens in lines(doc):
            i = 0
            while i < len(tokens):
                found = place_at(tokens, i, resources)
                if not found:
                    i += 1
                    continue
                length, name = found
                start, end = tokens[i].start, tokens[i + length - 1].end
                place = resources.places[name]
                mentions.append(
                    Mention(start, end, "Place", doc.text[start:end], self.name, key_text=name,
                            attributes=(("place_code", place.code),))
                )
                i += length
        return mentions

"""The statistical recogniser (a CRF trained on ParsTwiNER) as an extractor, with the checks its finds must
pass before they may become entities.

The CRF generalises to names no lexicon holds, but it was trained on tweets and errs on common words. So a
find is kept only when:
- Person: one to four words, none a stopword or verb, at least one a known given or family name or a word
  the lexicon does not know (a lone common word is not a person);
- Place: the gazetteer knows it, or it holds a word the lexicon does not know;
- Party / Organization (POG / ORG): a head noun settles its kind and the head-noun rules must accept the
  name; without a head it must hold a Persian word no lexicon knows, and no event head or stopword;
- Event (EVE): not taken; the event patterns are more precise on these texts.
Nationalities (NAT) are not entities. Which finds survive overlaps with rule and lexicon finds is settled in
:mod:`graphbuild.extract.combine`: rules and lexicons win.
"""

from __future__ import annotations

from collections.abc import Mapping

from graphbuild.components import mention_finder
from graphbuild.document import Document, Kind, Mention, Token
from graphbuild.extract.bodies import body_kind
from graphbuild.extract.people import is_given_name, name_end_without_plural
from graphbuild.extract.places import place_at
from graphbuild.extract.recogniser import Recogniser, lexicons_from
from graphbuild.extract.words import DIGITS, ends_name, is_glued, lines
from graphbuild.resources import Resources

SOURCE = "recogniser"
COMMON_WORD = 300_000  # hazm corpus count above which a word in a person's name needs a lexicon's support
MAX_PERSON_WORDS = 4


def _unknown(word: str, resources: Resources) -> bool:
    """A Persian word no lexicon knows, and not two known words run together («جنایتباراسرائیل»)."""
    if resources.lexicon.is_known(word) or DIGITS.match(word) or len(word) < 2 or not _persian(word):
        return False
    return not is_glued(word, resources)


def _persian(word: str) -> bool:
    return all("\u0600" <= char <= "\u06ff" or char == "\u200c" for char in word)


def _person_ok(words: list[str], resources: Resources) -> bool:
    """A name first (from the lexicons, or a word no lexicon knows), the other words names or rare words;
    one word alone must be unknown to every lexicon (given names are too often common words: «نوید»)."""
    if not 1 <= len(words) <= MAX_PERSON_WORDS or any(ends_name(w, resources) for w in words):
        return False
    def is_name(word: str) -> bool:
        return is_given_name(word, resources) or word in resources.family_names or _unknown(word, resources)

    if len(words) == 1:
        return _unknown(words[0], resources)
    # It opens with a name: a rare common word first («سیستم برتون») is a phrase, not a person.
    return is_name(words[0]) and all(
        is_name(w) or (_persian(w) and resources.lexicon.frequency(w) < COMMON_WORD) for w in words)


def _place_ok(tokens: list[Token], start: int, end: int, resources: Resources) -> bool:
    found = place_at(tokens, start, resources)
    if found and found[0] == end - start:
        return True
    return any(_unknown(t.text, resources) for t in tokens[start:end]) and not any(
        ends_name(t.text, resources) for t in tokens[start:end])


def _body_kind(words: list[str], kind: Kind, resources: Resources) -> Kind | None:
    heads = resources.patterns["heads"]
    if words[0] in heads["party"] + heads["party_if_designated"] + heads["organization"]:
        return body_kind(words[0], words[1:], resources)
    if any(ends_name(w, resources) or w in resources.patterns["events"]["heads"] for w in words):
        return None
    return kind if any(_unknown(w, resources) for w in words) else None


def checked_kind(tokens: list[Token], start: int, end: int, kind: Kind | None, resources: Resources) -> Kind | None:
    """The kind a recogniser span of ``kind`` (its label's) becomes, or None when it fails the checks above."""
    words = [t.text for t in tokens[start:end]]
    if kind is None or not all(t.is_word for t in (tokens[start], tokens[end - 1])):
        return None
    if kind == "Person":
        return kind if _person_ok(words, resources) else None
    if kind == "Place":
        return kind if _place_ok(tokens, start, end, resources) else None
    return _body_kind(words, kind, resources)


@mention_finder("recogniser")
class RecogniserExtractor:
    name = SOURCE

    def __init__(self, recogniser: Recogniser, labels: Mapping[str, Kind]) -> None:
        self.recogniser = recogniser
        self.labels = dict(labels)  # the model's entity labels → kinds; a label not listed is not used

    @classmethod
    def from_resources(cls, resources: Resources, model: str, labels: Mapping[str, Kind]) -> RecogniserExtractor:
        """The extractor with the language package's model and its labels (settings of the pipeline file)."""
        return cls(Recogniser(resources.data_file(model), lexicons_from(resources)), labels)

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        recogniser = self.recogniser
        mentions = []
        for tokens in lines(doc):
            for start, end, label in recogniser.spans([t.text for t in tokens]):
                kind = checked_kind(tokens, start, end, self.labels.get(label), resources)
                if kind:
                    first, last = tokens[start].start, tokens[end - 1].end
                    if kind == "Person":  # «رضا شهابی‌ها», the likes of Reza Shahabi, names him
                        last = name_end_without_plural(tokens[end - 1])
                    mentions.append(Mention(first, last, kind, doc.text[first:last], self.name))
        return mentions

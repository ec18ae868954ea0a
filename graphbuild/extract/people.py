"""People: names after a title («رفیق», «آقای», «خانم»…), given name + family name pairs, and signature lines
(«پرستو از تهران», «پرستو بهبهانی، بهادر رسولی», a name alone on the closing line of a message).

Given and family names come from a lexicon made from a NER corpus; a family name the lexicon lacks is
recognised by its shape (a word hazm's lexicon does not know, or one with a family-name ending).
"""

from __future__ import annotations

from functools import lru_cache

from graphbuild.components import mention_finder
from graphbuild.document import Document, Mention, Token
from graphbuild.extract.places import place_at
from graphbuild.extract.words import DIGITS, ends_name, lines
from graphbuild.lang.fa.morphology import (
    ALLAH_SPELLINGS,
    FAMILY_ENDINGS,
    FAMILY_SUFFIX_WORDS,
    GLUED_PREPOSITIONS,
    LIST_SEPARATORS,
    NAME_PLURAL,
    PERSIAN_LETTER,
    SENTENCE_END_MARKS,
)
from graphbuild.resources import Resources

MAX_NAME_WORDS = 3
COMMON_WORD = 2_000_000  # hazm frequency above which a word is not read as a name by its shape alone
# A compound that hazm counts this often is a word of its own, not a name: «خداحافظ» (خدا + حافظ).
COMMON_COMPOUND = 100_000
COMPOUND_NAME_MEMO = 65_536  # words whose answer is kept: a corpus's unknown words, within a bound
TYPO_SOURCE = 1_000_000  # a word this common, one letter away from an unknown "family name", makes it a typo
SIGNATURE_LINE_WORDS = 8  # a line this short may be a signature
ROLE_SEPARATORS = {"/", "|"}


def _is_name_word(token: Token, resources: Resources, given_names_win: bool = False) -> bool:
    """A word that may stand in a person's name. ``given_names_win``: on a signature line a given name that is
    also a verb's form («شایسته», «خجسته») is read as the name; in prose it would be too often the verb."""
    word = token.text
    return (
        token.is_word
        and not DIGITS.match(word)
        and (not ends_name(word, resources)
             or (given_names_win and is_given_name(word, resources) and word not in resources.lexicon.stopwords))
        and word not in resources.patterns["people"]["titles"]
        and PERSIAN_LETTER.search(word) is not None
    )


def _family_like(token: Token, resources: Resources) -> bool:
    word = token.text
    if not _is_name_word(token, resources) or word in resources.places or _glued_preposition(word, resources):
        return False
    if word in resources.family_names or not resources.lexicon.is_known(word):
        return True
    return word.endswith(FAMILY_ENDINGS) and resources.lexicon.frequency(word) < COMMON_WORD


def _family_by_shape(word: str, resources: Resources) -> bool:
    """«سلطانزاده», «قاسم‌پور»: a word no lexicon knows with a family-name ending, the way new surnames look."""
    stem = word.replace("\u200c", "")
    return (len(stem) >= 6 and stem.endswith(FAMILY_SUFFIX_WORDS) and not resources.lexicon.is_known(word)
            and not resources.lexicon.is_known(stem))


def is_given_name(word: str, resources: Resources) -> bool:
    """A given name from the lexicons, also in its other common spelling («یداله» for «یدالله»), or one
    built from them (see :func:`is_compound_given_name`)."""
    if word in resources.given_names:
        return True
    short, full = ALLAH_SPELLINGS
    if word.endswith(short) and word[:-len(short)] + full in resources.given_names:
        return True
    return is_compound_given_name(word, resources) and resources.lexicon.frequency(word) < COMMON_COMPOUND


def is_compound_given_name(word: str, resources: Resources) -> bool:
    """«غلامرضا», «نورمحمد», «گل‌احمد», «مولابخش»: a name-forming prefix before a given name or a suffix, or a
    given name before a suffix. Compound names are made freely, so no list of them can be whole."""
    return _is_compound_given_name(word, resources)


def _compound_name_parts(resources: Resources) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The name-forming prefixes and suffixes of the pattern data, as tuples built once."""
    people = resources.patterns["people"]
    return resources.derived("given_name_parts",
                             lambda: (tuple(people["given_name_prefixes"]), tuple(people["given_name_suffixes"])))


@lru_cache(maxsize=COMPOUND_NAME_MEMO)  # asked of every unknown word, many times over a corpus; bounded
def _is_compound_given_name(word: str, resources: Resources) -> bool:
    stem = word.replace("\u200c", "")
    if len(stem) < 5:
        return False
    given = resources.given_names
    prefixes, suffixes = _compound_name_parts(resources)
    for prefix in prefixes:
        rest = stem[len(prefix):]
        if stem.startswith(prefix) and len(rest) >= 2 and (rest in given or rest in suffixes):
            return True
    return any(stem.endswith(suffix) and stem[: -len(suffix)] in given for suffix in suffixes
               if len(stem) - len(suffix) >= 2)


def _town_as_given_name(tokens: list[Token], i: int, resources: Resources, after_title: bool = False) -> bool:
    """«بیستون رحیمی‌نژاد»: a town's name that is also a given name, before a word that can only be a family
    name (one shaped like it: «…نژاد», «…زاده»; after a title, any family name), names a person, not the town."""
    place = resources.places.get(tokens[i].text)
    if place is None or place.type != "city" or i + 1 >= len(tokens) or not _is_name_word(tokens[i], resources):
        return False
    family = tokens[i + 1]
    if family.text in resources.places or not _is_name_word(family, resources):
        return False
    return _family_by_shape(family.text, resources) or (after_title and _family_like(family, resources))


def _glued_preposition(word: str, resources: Resources) -> bool:
    """«ازایران», «بهتهران»: a preposition written onto the word after it, not a name."""
    return any(word.startswith(p) and (word[len(p):] in resources.places or resources.lexicon.is_known(word[len(p):]))
               for p in GLUED_PREPOSITIONS if len(word) > len(p) + 2)


def _plausible_pair(given: Token, family: Token, resources: Resources) -> bool:
    """A given name that is also a common word («معین») needs a family name the lexicon vouches for."""
    if not resources.lexicon.is_known(family.text) and resources.lexicon.misspelt_common_word(family.text, TYPO_SOURCE):
        return False  # «با آرزو موفقعیت»: a wish for success with a typo, not Arezoo Movaffaghiat
    if resources.lexicon.frequency(given.text) < COMMON_WORD:
        return True
    return family.text in resources.family_names or not resources.lexicon.is_known(family.text)


def _given_name_as_family(tokens: list[Token], i: int, resources: Resources) -> bool:
    """«عبدالکریم قاسم», «نورمحمد کریم»: after a compound given name, which is whole and never the first half
    of a double given name, a given name is the family name (as in Arab and Afghan names), unless a family name
    follows it (then it is the second given name: «غلامرضا حسین …» is left to the pair that follows)."""
    first, family = tokens[i].text, tokens[i + 1]
    if not (is_compound_given_name(first, resources) and is_given_name(family.text, resources)
            and _is_name_word(family, resources) and resources.lexicon.frequency(family.text) < COMMON_WORD):
        return False
    return not (i + 2 < len(tokens) and _family_like(tokens[i + 2], resources))


def _first_given_name(tokens: list[Token], i: int, resources: Resources) -> int:
    """Where a name whose pair starts at ``i`` begins: one word earlier when that word is a given name too.
    «فواد مصطفی سلطانی», «محمد رضا شجریان»: a double given name, or a two-word family name written apart;
    either way the first word is the person's. A given name that is a common word («امید») stays out."""
    if i == 0:
        return i
    before = tokens[i - 1]
    if (is_given_name(before.text, resources) and _is_name_word(before, resources)
            and resources.lexicon.frequency(before.text) < COMMON_WORD and before.end + 1 >= tokens[i].start):
        return i - 1
    return i


def without_plural(word: str) -> str:
    """«زاده‌ها» → «زاده»: «جعفر عظیم‌زاده‌ها» (the likes of Jafar Azimzadeh) names the person."""
    return word.removesuffix(NAME_PLURAL)


def name_end_without_plural(last: Token) -> int:
    """Where a name whose last word is ``last`` ends in the text, the plural («…‌ها») left out."""
    return last.end - (len(last.text) - len(without_plural(last.text)))


def _extend_family(tokens: list[Token], end: int) -> int:
    """Take in a detached family-name suffix: «عبدی نژاد», «عظیم زاده», «عظیم زاده‌ها»."""
    if end < len(tokens) and without_plural(tokens[end].text) in FAMILY_SUFFIX_WORDS:
        return end + 1
    return end


@mention_finder("people")
class PersonExtractor:
    name = "person-pattern"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        mentions: list[Mention] = []
        for tokens in lines(doc):
            spans = self._after_titles(tokens, resources) + self._name_pairs(tokens, resources)
            spans += self._signature(tokens, resources) + self._name_list(tokens, resources)
            for first, end in spans:
                start, stop = tokens[first].start, name_end_without_plural(tokens[end - 1])
                mentions.append(Mention(start, stop, "Person", doc.text[start:stop], self.name))
        return mentions

    def _after_titles(self, tokens: list[Token], resources: Resources) -> list[tuple[int, int]]:
        titles = set(resources.patterns["people"]["titles"])
        spans = []
        for i, token in enumerate(tokens):
            if token.text not in titles:
                continue
            end = i + 1
            if end < len(tokens) and (is_given_name(tokens[end].text, resources) or _family_like(tokens[end], resources)
                                      or _town_as_given_name(tokens, end, resources, after_title=True)):
                end += 1
                while end < len(tokens) and end - i <= MAX_NAME_WORDS and _family_like(tokens[end], resources):
                    end += 1
            lone = tokens[i + 1].text if end == i + 2 else ""
            if lone and not (is_given_name(lone, resources) or lone in resources.family_names
                             or _family_by_shape(lone, resources)):
                continue  # one word after a title must be a known name: «رفیق دیگر» is no one
            if end > i + 1:
                spans.append((i + 1, _extend_family(tokens, end)))
        return spans

    def _name_pairs(self, tokens: list[Token], resources: Resources) -> list[tuple[int, int]]:
        spans = []
        for i in range(len(tokens) - 1):
            if _town_as_given_name(tokens, i, resources):
                spans.append((i, _extend_family(tokens, i + 2)))
                continue
            if is_given_name(tokens[i].text, resources) and _is_name_word(tokens[i], resources):
                family, after = tokens[i + 1], i + 2
                # «جعفر عظیم زاده»: a family-name suffix written apart vouches for the word before it.
                split_family = after < len(tokens) and without_plural(tokens[after].text) in FAMILY_SUFFIX_WORDS
                if (_family_like(family, resources) and _plausible_pair(tokens[i], family, resources)) or (
                        split_family and _is_name_word(family, resources)) or _given_name_as_family(tokens, i, resources):
                    spans.append((_first_given_name(tokens, i, resources), _extend_family(tokens, after)))
        return spans

    def _name_list(self, tokens: list[Token], resources: Resources) -> list[tuple[int, int]]:
        """A list of names after a colon, «…: سپهر رهایی، منصوره فضیلتی، شیرین فرخنده»: every item of one to
        three name words, when most items open with a known given name."""
        colon = next((i for i, t in enumerate(tokens) if t.text == ":"), None)
        if colon is None:
            return []
        items: list[list[int]] = [[]]
        for i in range(colon + 1, len(tokens)):
            if tokens[i].text in LIST_SEPARATORS:
                items.append([])
            elif tokens[i].text in SENTENCE_END_MARKS:
                break
            else:
                items[-1].append(i)
        items = [item for item in items if item]
        if len(items) < 2 or any(len(item) > MAX_NAME_WORDS for item in items):
            return []
        if not all(_is_name_word(tokens[i], resources) for item in items for i in item):
            return []
        known = sum(1 for item in items if is_given_name(tokens[item[0]].text, resources))
        return [(item[0], item[-1] + 1) for item in items] if known >= 2 or known * 2 > len(items) else []

    def _signature(self, tokens: list[Token], resources: Resources) -> list[tuple[int, int]]:
        """Names on a short line that reads as a signature: names, a list of names, «NAME از PLACE»."""
        words = [t for t in tokens if t.is_word]
        if not words or len(words) > SIGNATURE_LINE_WORDS:
            return []
        # Cut the line at «از PLACE» (or at «از» after a given name): the place is the signer's town.
        cut = len(tokens)
        has_place = False
        links = resources.patterns["people"]["signature_place_links"]
        for i, token in enumerate(tokens):
            if token.text in links:
                cut, has_place = i, place_at(tokens, i + 1, resources) is not None
                break
            if any(token.text.startswith(link) and token.text[len(link):] in resources.places for link in links):
                cut, has_place = i, True  # «ازایران»: the link glued to the place
                break
            if token.text in ROLE_SEPARATORS:
                cut = i  # «منصور رسا / کارگر پروژه‌ای»: what follows is the signer's role
                break
        pieces: list[list[int]] = [[]]
        for i in range(cut):
            if tokens[i].text in LIST_SEPARATORS:
                pieces.append([])
            else:
                pieces[-1].append(i)
        pieces = [piece for piece in pieces if piece]
        spans = []
        for piece in pieces:
            if place_at(tokens, piece[0], resources) and len(piece) == place_at(tokens, piece[0], resources)[0]:
                continue
            if len(piece) > MAX_NAME_WORDS or not all(_is_name_word(tokens[i], resources, True) for i in piece):
                return []  # one piece that is not a name: this line is prose, not a signature
            first, last = tokens[piece[0]], tokens[piece[-1]]
            is_name = is_given_name(first.text, resources) or (len(piece) > 1 and _family_like(last, resources))
            if not (is_name or (has_place and len(pieces) <= 3)):
                return []
            if any(place_at(tokens, i, resources) for i in piece):
                continue  # «NAME - CITY»: the place is the signer's town
            spans.append((piece[0], piece[-1] + 1))
        return spans

"""Places from the gazetteer lexicon: Iran's provinces and cities, the world's countries, cities and regions.

:func:`place_at`, which the other extractors use too, matches the lexicon's names exactly. The place
extractor also finds the forms of those names that Persian writing makes and an exact match misses:

- a clitic written onto the name: the copula («ایتالیاست»، «ایرانست»، «ایران‌است»), a plural possessive
  («ایران‌مان», "our Iran", names Iran) and, after a final vowel, the ezafe («ایتالیای فاشیستی»). Never a «ی»
  after a consonant: «ایرانی» is a demonym, as is «ایتالیایی»;
- a region named by a compass word before a place («جنوب عراق»، «شمال‌غرب سوریه»): a place of its own, named
  as written. (Its base place is not given as its parent: the resolver takes parents from gazetteer codes.)
- a country's name run onto the word before it by a missing space («جنایتباراسرائیل»);
- a name that a hard-wrapped text breaks over two lines («کشورهای خاور⏎دور»);
- a region named as two places joined by «و» («خاورمیانه و شمال آفریقا»): a mention of each;
- a name in Latin letters («London»، «TEHRAN»), from the English names in ``place_names_en.tsv``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from graphbuild.components import mention_finder
from graphbuild.document import Document, Mention, Token
from graphbuild.extract.words import (
    GLUED_PREFIXES,
    ends_name,
    first_words,
    is_known_word,
    lines,
    longest_phrase,
)
from graphbuild.lang.fa import tsv_rows
from graphbuild.lang.fa.morphology import (
    ADMINISTRATIVE_WORDS,
    AND,
    CLITICS,
    COMPASS_FIRST_WORDS,
    COMPASS_SECOND_WORD,
    COMPASS_WORD,
    EZAFE,
    FINAL_I,
    FINAL_VOWELS,
    JOINED_AND,
    PORT_WORD,
    SPACED_AND,
    SQUARE_WORD,
    ZWNJ,
)
from graphbuild.resources import Place, Resources

LONGEST_PLACE_NAME = 5  # tokens; «خاورمیانه و شمال آفریقا»
# Written by scripts/make_lexicons.py. Read by this extractor from the resources' folder, like the
# recogniser's model, because only it uses the file; the loader makes what every stage shares.
ENGLISH_NAMES_FILE = "place_names_en.tsv"

GLUED_COUNTRY_LETTERS = 5  # a shorter country's name («چین»، «عراق») ends too many other words
LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F\u02BB\u02BC]*")
# What may stand between two words of one English name: spaces, or one hyphen, apostrophe or full stop
# («Port-au-Prince»، «St. John's»). A comma or a line break ends the name.
LATIN_GAP = re.compile(r"[ \t]+|[ \t]*[-'’`.][ \t]*")
ADDRESS_MARKS = "@/\\_:.="  # next to a word without a space, they make it part of an e-mail, a URL or a path
# hazm frequency above which a port's name without «بندر» is a word of its own, no alias: «گز», «ترکمن»
PORT_NAME_WORD_FREQUENCY = 1_000_000
# «میدان چوارچرا», «میدان توپخانه»: a square named by a proper name. «میدان» is also a field or an arena
# («میدان مبارزه», «میدان جنگ»; «میدان انقلاب» is both), so only a rare word makes it a square, and not an
# adjective in «ی» («میدان نفتی», «میدان مغناطیسی»: hazm counts these 0 times).
SQUARE_NAME_FREQUENCY = 500_000  # hazm count below which a word after «میدان» is a name


@dataclass(frozen=True)
class PlaceFind:
    """A stretch of the normalised text that names a place: the gazetteer's name and code for it, or, for a
    region named by a compass word, the name as written and no code."""

    start: int
    end: int
    name: str
    code: str = ""


Found = tuple[int, list[PlaceFind]]  # tokens taken, and the places they name


def place_at(tokens: list[Token], i: int, resources: Resources) -> tuple[int, str] | None:
    """The longest place name starting at token ``i``: (number of tokens, gazetteer name), or None."""

    def lookup(phrase: str) -> str | None:
        name = resources.place_aliases.get(phrase) or derived_aliases(resources).get(phrase, phrase)
        return name if name in resources.places else None

    return longest_phrase(tokens, i, lookup, LONGEST_PLACE_NAME, _openers(resources))


def _openers(resources: Resources) -> frozenset[str]:
    return resources.derived("place_openers", lambda: first_words(
        [*resources.places, *resources.place_aliases, *derived_aliases(resources)]))


def derived_aliases(resources: Resources) -> dict[str, str]:
    """Names the gazetteer's own rows imply, as the language writes them: a port named without «بندر»
    («ماهشهر» for «بندرماهشهر»; not when the rest is a place of its own or a common word), and a name joined
    by «و» with a space after it («سیستان و بلوچستان» for «سیستان وبلوچستان»)."""
    def build() -> dict[str, str]:
        aliases: dict[str, str] = {}
        for name in resources.places:
            rest = name.removeprefix(PORT_WORD).strip()
            if rest != name and len(rest) >= 3 and rest not in resources.places \
                    and resources.lexicon.frequency(rest) < PORT_NAME_WORD_FREQUENCY:
                aliases.setdefault(rest, name)
                aliases.setdefault(f"{PORT_WORD} {rest}", name)
            spaced = JOINED_AND.sub(SPACED_AND, name)
            if spaced != name:
                aliases.setdefault(spaced, name)
        return aliases

    return resources.derived("derived_place_aliases", build)


def display_name(name: str, resources: Resources) -> str:
    """The name a place is usually called by: «کردستان» for the row «استان کردستان» (a province is named
    without «استان» when the gazetteer knows the bare name), «سیستان و بلوچستان» for «سیستان وبلوچستان»."""
    for prefix in ADMINISTRATIVE_WORDS:
        rest = name.removeprefix(prefix)
        if rest != name and rest in resources.places:
            name = rest
            break
    return JOINED_AND.sub(SPACED_AND, name)


def _place(phrase: str, resources: Resources) -> Place | None:
    return resources.places.get(resources.place_aliases.get(phrase) or derived_aliases(resources).get(phrase, phrase))


def _lexicon_find(tokens: list[Token], i: int, resources: Resources) -> Found | None:
    found = place_at(tokens, i, resources)
    if found is None:
        return None
    length, name = found
    place = resources.places[name]
    parts = _coordinated_parts(tokens[i : i + length], resources) if place.type == "region" else None
    return length, parts or [PlaceFind(tokens[i].start, tokens[i + length - 1].end, name, place.code)]


def _coordinated_parts(run: list[Token], resources: Resources) -> list[PlaceFind] | None:
    """The two places of a region named «X و Y» when each is a place itself; None otherwise."""
    words = [token.text for token in run]
    if AND not in words:
        return None
    middle = words.index(AND)
    finds = []
    for part in (run[:middle], run[middle + 1 :]):
        place = _place(" ".join(token.text for token in part), resources) if part else None
        if place is None:
            return None
        finds.append(PlaceFind(part[0].start, part[-1].end, place.name, place.code))
    return finds


def _stems(word: str) -> Iterator[tuple[str, bool]]:
    """The word without a clitic, and whether the clitic was the ezafe."""
    for clitic in CLITICS:
        if word.endswith(clitic) and len(word) > len(clitic) + 1:
            yield word[: -len(clitic)].rstrip(ZWNJ), False
    if word.endswith(EZAFE) and word[:-1].endswith(FINAL_VOWELS):
        yield word[:-1], True


def _inflected_find(tokens: list[Token], i: int, resources: Resources) -> Found | None:
    """A name whose last word carries a clitic: «ایتالیاست»، «کره شمالیست»، «ایران‌مان»، «آمریکای لاتینست»."""
    longest = min(LONGEST_PLACE_NAME, len(tokens) - i) if tokens[i].text in _openers(resources) else 1
    for length in range(longest, 0, -1):
        run = tokens[i : i + length]
        last = run[-1]
        stems = list(_stems(last.text))
        # A word of the word list is a word of its own, not a name with a clitic: «کهکشان»، «قبرستان».
        if not stems or resources.lexicon.frequency(last.text) or not all(token.is_word for token in run):
            continue
        for stem, is_ezafe in stems:
            place = _place(" ".join([*(token.text for token in run[:-1]), stem]), resources)
            # The ezafe form of an Iranian town that is also a common word («پیشوای» "leader of") is that word.
            if place and not (is_ezafe and place.code.startswith("IR-city")):
                return length, [PlaceFind(run[0].start, last.start + len(stem), place.name, place.code)]
    return None


def _compass_words(tokens: list[Token], i: int) -> int:
    """How many tokens from ``i`` make a compass point: 0, 1 («شمال»، «شمال‌شرق») or 2 («جنوب غربی»)."""
    if not COMPASS_WORD.fullmatch(tokens[i].text):
        return 0
    two_words = tokens[i].text in COMPASS_FIRST_WORDS and i + 1 < len(tokens)
    return 2 if two_words and tokens[i + 1].text in COMPASS_SECOND_WORD else 1


def _compass_find(tokens: list[Token], i: int, resources: Resources) -> Found | None:
    """«جنوب عراق»: a compass point before a place names a region; «شمال» alone names none."""
    compass = _compass_words(tokens, i)
    if not compass or i + compass >= len(tokens):
        return None
    base = max(filter(None, (_lexicon_find(tokens, i + compass, resources),
                             _inflected_find(tokens, i + compass, resources))),
               key=lambda found: (found[0], found[1][-1].end), default=None)
    if base is None or len(base[1]) != 1:
        return None
    length, (place,) = base
    words = [token.text for token in tokens[i : i + compass + length]]
    words[-1] = words[-1][: place.end - tokens[i + compass + length - 1].start]  # the clitic is not the name's
    return compass + length, [PlaceFind(tokens[i].start, place.end, " ".join(words))]


def _glued_countries(resources: Resources) -> dict[str, Place]:
    """Countries' names and aliases that may be found run onto another word: one word of at least
    GLUED_COUNTRY_LETTERS letters, and counted in hazm's word list. A country its corpus never names is too
    rare to be read out of a longer word: «حقگویان» is «حق‌گویان», not «حق» + «گویان» (Guyana)."""
    def build() -> dict[str, Place]:
        names = {name: name for name in resources.places} | resources.place_aliases
        return {
            written: resources.places[name] for written, name in names.items()
            if name in resources.places and resources.places[name].type == "country" and " " not in written
            and len(written.replace(ZWNJ, "")) >= GLUED_COUNTRY_LETTERS and resources.lexicon.frequency(written)
        }

    return resources.derived("glued_countries", build)


def _glued_find(tokens: list[Token], i: int, resources: Resources) -> Found | None:
    """«جنایتباراسرائیل»: an unknown word that is a known word and a country's name run together."""
    token = tokens[i]
    if not token.is_word:
        return None
    countries = _glued_countries(resources)
    for cut in range(1, len(token.text) - GLUED_COUNTRY_LETTERS + 1):
        prefix, name = token.text[:cut], token.text[cut:]
        if name not in countries or prefix.endswith(ZWNJ):
            continue
        if (len(prefix) > 1 or prefix in GLUED_PREFIXES) and is_known_word(prefix, resources) \
                and not is_known_word(token.text, resources):
            place = countries[name]
            return 1, [PlaceFind(token.start + cut, token.end, place.name, place.code)]
    return None


def _square_find(tokens: list[Token], i: int, resources: Resources) -> Found | None:
    """«میدان چوارچرا»: a square named by a rare word; «میدان مبارزه» is an arena, no place."""
    if tokens[i].text != SQUARE_WORD or i + 1 >= len(tokens):
        return None
    name = tokens[i + 1]
    word = name.text
    rare = not is_known_word(word, resources) or (
        resources.lexicon.frequency(word) < SQUARE_NAME_FREQUENCY and not word.endswith(FINAL_I))
    if not (rare and name.is_word and len(word) > 2 and not any(char.isdigit() for char in word)
            and not ends_name(word, resources)):
        return None
    return 2, [PlaceFind(tokens[i].start, name.end, f"{SQUARE_WORD} {word}")]


def find_at(tokens: list[Token], i: int, resources: Resources) -> Found | None:
    """The longest place name, in any of the forms above, that starts at token ``i``."""
    if not tokens[i].is_word:
        return None
    finders = (_lexicon_find, _inflected_find, _compass_find, _glued_find, _square_find)
    found = [f(tokens, i, resources) for f in finders]
    return max(filter(None, found), key=lambda f: (f[0], f[1][-1].end), default=None)  # a tie: the first


def token_finds(doc: Document, resources: Resources) -> Iterator[PlaceFind]:
    """Left-to-right, non-overlapping place names in Persian script, line by line. A name may run from the
    last word of a line onto the next only if that word, as written, is no place name by itself: «خاور⏎دور»,
    «آمریکای⏎لاتین» (an ezafe says that the name goes on), not «کردستان⏎عراق», which may be a heading."""
    text_lines = list(lines(doc))
    taken = 0  # tokens at the start of this line that a name from the line before has taken
    for number, tokens in enumerate(text_lines):
        i, taken = taken, 0
        while i < len(tokens):
            found = find_at(tokens, i, resources)
            last_word = i == len(tokens) - 1 and number + 1 < len(text_lines)
            if last_word and place_at(tokens, i, resources) is None:
                wrapped = find_at([tokens[i], *text_lines[number + 1][: LONGEST_PLACE_NAME - 1]], 0, resources)
                if wrapped and wrapped[0] > 1:
                    found, taken = wrapped, wrapped[0] - 1
            if found is None:
                i += 1
                continue
            yield from found[1]
            i += found[0]


def english_key(name: str) -> str:
    """An English name as compared: no accents or case, words of letters and digits only («Côte d'Ivoire» →
    «cote d ivoire»). scripts/make_lexicons.py keys the lexicon with it too."""
    plain = "".join(char for char in unicodedata.normalize("NFKD", name) if not unicodedata.combining(char))
    return " ".join(re.findall(r"[a-z0-9]+", plain.casefold()))


@dataclass(frozen=True)
class EnglishNames:
    places: dict[str, tuple[str, str]]  # english_key → (the English name as listed, the Persian name)
    longest: int  # words


def english_names(resources: Resources) -> EnglishNames:
    def build() -> EnglishNames:
        places = {english_key(row["name_en"]): (row["name_en"], row["name"])
                  for row in tsv_rows(resources.data_file(ENGLISH_NAMES_FILE))}
        return EnglishNames(places, max((key.count(" ") + 1 for key in places), default=0))

    return resources.derived("place_names_en", build)


def _in_address(doc: Document, start: int, end: int) -> bool:
    """Whether doc.text[start:end] is part of an e-mail address, a URL or a path: «info@london.org». Read in
    the source file, since normalisation puts spaces around the punctuation of addresses."""
    text = doc.source.text
    start, end = doc.source_span(start, end)
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    before_joined = before in ADDRESS_MARKS and start > 1 and not text[start - 2].isspace()
    after_joined = after in ADDRESS_MARKS and end + 1 < len(text) and text[end + 1].isalnum()
    return before in "@/\\_=" or before_joined or after in "@/\\_" or after_joined


def latin_finds(doc: Document, resources: Resources) -> Iterator[PlaceFind]:
    """Place names in Latin letters, matched without regard to case or accents on whole words, longest first.

    Guards: a name must begin with a capital («London», «LONDON»; a «turkey» or «jam» in lower case is a
    word), an abbreviation must be written as listed («UK», not «Uk»), and a word of an e-mail address or a
    URL is not a name.
    """
    names = english_names(resources)
    words = [(m.start(), m.end()) for m in LATIN_WORD.finditer(doc.text)]
    i = 0
    while i < len(words):
        found = None
        for count in range(min(names.longest, len(words) - i), 0, -1):
            window = words[i : i + count]
            if any(not LATIN_GAP.fullmatch(doc.text[a[1] : b[0]]) for a, b in pairwise(window)):
                continue
            start, end = window[0][0], window[-1][1]
            written = doc.text[start:end]
            listed = names.places.get(english_key(written))
            if listed is None or not written[0].isupper() or _in_address(doc, start, end):
                continue
            english, persian = listed
            if english.isupper() and " " not in english and written != english:
                continue
            place = _place(persian, resources)
            if place is not None:
                found = count, PlaceFind(start, end, place.name, place.code)
                break
        if found is None:
            i += 1
            continue
        yield found[1]
        i += found[0]


@mention_finder("places")
class PlaceExtractor:
    name = "gazetteer"

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]:
        # A town that opens a person's name («رفیق بیستون رحیمی») is found here too; combine.py drops a Place
        # nested in a Person.
        return [
            Mention(find.start, find.end, "Place", doc.text[find.start : find.end], self.name,
                    key_text=display_name(find.name, resources),
                    attributes=(("place_code", find.code),) if find.code else ())
            for find in [*token_finds(doc, resources), *latin_finds(doc, resources)]
        ]

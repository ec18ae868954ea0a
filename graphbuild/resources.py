"""The language data every stage shares, loaded once per process from ``graphbuild/data``.

Code asks :func:`load_resources` for a :class:`Resources` object; it never opens data files itself, so a new
lexicon or pattern list is a data change, and a worker process loads everything once.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

LA_RESTORE_RATIO = 10  # restoring «ا» must make the word this many times more frequent in hazm's corpus
SUFFIXES = ("", "ی", "ها", "های", "هایی", "ای", "ات", "ان", "ین", "مان", "تان", "شان")


T = TypeVar("T")

@dataclass(frozen=True)
class Place:
    name: str
    type: str  # country, province, city or region
    code: str
    parent: str  # code of the containing place ('' for countries and regions)
    lat: str = ""
    lon: str = ""
    wikidata: str = ""
    name_en: str = ""


@dataclass
class Lexicon:
    """Word-level knowledge from hazm's bundled word list and stopwords, plus the project's own lists."""

    frequencies: dict[str, int]
    stopwords: frozenset[str]
    number_expecting_words: frozenset[str]
    verbs: frozenset[str] = frozenset()  # inflected verb forms, from hazm's lemmatiser tables

    def frequency(self, word: str) -> int:
        return self.frequencies.get(word, 0)

    def is_known(self, word: str) -> bool:
        """Whether hazm's word list holds the word or its stem («طبقه‌ی» → «طبقه», «شبکه‌های» → «شبکه»)."""
        if word in self.frequencies:
            return True
        if "ئی" in word and self.is_known(word.replace("ائی", "ایی").replace("ئی", "یی")):
            return True  # the older spelling: «فردگرائی», «اروپائی» for «فردگرایی», «اروپایی»
        if word.endswith("گان") and word[:-3] + "ه" in self.frequencies:  # «نمایندگان» → «نماینده»
            return True
        return any(
            word.endswith(suffix) and word[: -len(suffix)].rstrip("\u200c") in self.frequencies
            for suffix in SUFFIXES[1:]
        )

    def restore_lost_la(self, word: str) -> str | None:
        """The word with «ا» put back after one «ل», if that makes a far more common word; else None."""
        best, best_frequency = None, 0
        for i, char in enumerate(word):
            if char != "ل" or word[i + 1 : i + 2] == "ا":
                continue
            candidate = word[: i + 1] + "ا" + word[i + 1 :]
            # The «ا» put back must belong to the stem that vouches for it: «بین‌المللای» is «بین‌الملل» + «ای»
            # by its frequency, which says nothing for the «ا».
            frequency = self._stem_frequency(candidate, covering=i + 2)
            if frequency > best_frequency:
                best, best_frequency = candidate, frequency
        if best and best_frequency > LA_RESTORE_RATIO * max(self._stem_frequency(word), 1) and best_frequency > 1000:
            return best
        return None

    def misspelt_common_word(self, word: str, min_frequency: int) -> bool:
        """Whether one extra letter or two swapped letters turn a common word into ``word`` («موفقعیت»).

        Only a handful of candidates per word, looked up in the frequency table: cheaper than a fuzzy search
        over the whole word list, and an edit this small is the only one that is safe to call a typo.
        """
        deletions = (word[:i] + word[i + 1 :] for i in range(len(word)))
        swaps = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        return any(self.frequency(candidate) >= min_frequency for candidate in (*deletions, *swaps)
                   if candidate != word)

    def _stem_frequency(self, word: str, covering: int = 0) -> int:
        """Frequency of the word, or of its stem once a common suffix is taken off; only stems at least
        ``covering`` characters long count."""
        for suffix in SUFFIXES:
            stem = word[: len(word) - len(suffix)].rstrip("\u200c") if suffix else word
            if (suffix and not word.endswith(suffix)) or len(stem) < covering:
                continue
            if self.frequencies.get(stem, 0) > 0:
                return self.frequencies[stem]
        return 0


@dataclass(frozen=True)
class KnownEntity:
    name: str
    kind: str


@dataclass
class Resources:
    lexicon: Lexicon
    patterns: dict
    places: dict[str, Place]  # normalised name → place
    place_aliases: dict[str, str]  # other name → name in ``places``
    given_names: frozenset[str]
    family_names: frozenset[str]
    known_entities: dict[str, KnownEntity] = field(default_factory=dict)  # name or alias → entity
    extra: dict = field(default_factory=dict)  # values worked out from the above: see :meth:`derived`

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A value worked out from the language data once per process (a set of pattern words, a compiled
        pattern), kept under ``key``. ``build`` runs only the first time: the extractors ask at every token."""
        try:
            return self.extra[key]
        except KeyError:
            value = self.extra[key] = build()
            return value


DATA_DIR = Path(__file__).resolve().parent / "data"


def _data_file(name: str) -> Path:
    return DATA_DIR / name


@lru_cache(maxsize=1)
def load_resources() -> Resources:
    """Load all language data. Cached: call it freely."""
    import hazm  # late import: hazm is slow to import and only needed here and in normalisation

    from graphbuild.normalise import normalise_name

    patterns = tomllib.loads(_data_file("patterns.toml").read_text(encoding="utf-8"))
    lexicon = Lexicon(
        frequencies={word: count for word, count, _ in hazm.words_list()},
        stopwords=frozenset(hazm.stopwords_list()),
        number_expecting_words=frozenset(patterns["dates"]["number_expecting"]),
        verbs=frozenset(hazm.Lemmatizer().verbs),
    )
    places = _load_places(patterns, normalise_name)
    aliases = {normalise_name(alias): normalise_name(target) for alias, target in patterns["places"]["aliases"]}
    given, family = set(), set()
    with _data_file("person_names.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            (given if row["role"] == "given" else family).add(row["name"])
    for line in _data_file("given_names.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            given.add(normalise_name(line))
    _add_world_places(places, aliases, normalise_name)
    known = _load_known_entities(normalise_name)
    return Resources(lexicon, patterns, places, aliases, frozenset(given), frozenset(family), known)


def tsv_rows(name: str) -> list[dict[str, str]]:
    """The rows of a tab-separated file of ``graphbuild/data`` with a header line; none if it is missing."""
    path = _data_file(name)
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _add_world_places(places: dict[str, Place], aliases: dict[str, str], normalise_name) -> None:
    """Capitals, cities of the region and of the exile, and named regions: a hand-kept lexicon."""
    for row in tsv_rows("world_places.tsv"):
        name = normalise_name(row["name"])
        parent = row.get("parent") or ""
        if name not in places:  # a gazetteer row of the same name stays; the aliases still lead to it
            places[name] = Place(name, row["type"], f"{row['type']}-{parent or 'world'}-{name}", parent)
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            aliases.setdefault(normalise_name(alias), name)


def _load_known_entities(normalise_name) -> dict[str, KnownEntity]:
    """Well-known parties, organisations, people and events whose names no head noun opens."""
    known: dict[str, KnownEntity] = {}
    for row in tsv_rows("known_entities.tsv"):
        entity = KnownEntity(normalise_name(row["name"]), row["kind"])
        for name in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
            known.setdefault(normalise_name(name), entity)
    return known


def _load_places(patterns: dict, normalise_name) -> dict[str, Place]:
    excluded = {normalise_name(word) for word in patterns["places"]["not_places"]}
    places: dict[str, Place] = {}
    # Priority when one name is several places: a country, a region, a city, then a province.
    rank = {"country": 0, "region": 1, "city": 2, "province": 3}  # «تهران» is the city more often
    with _data_file("places.tsv").open(encoding="utf-8") as handle:
        rows = [Place(**row) for row in csv.DictReader(handle, delimiter="\t")]
    for name, place_type in patterns["places"]["regions"]:
        name = normalise_name(name)
        rows.append(Place(name, place_type, f"region-{name}", ""))
    for place in sorted(rows, key=lambda p: (rank.get(p.type, 9), p.code)):
        if place.name not in excluded and place.name not in places:
            places[place.name] = place
    return places

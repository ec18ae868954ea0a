"""Persian: the language package. Its folder holds the language data (patterns, lexicons, the recogniser's
model, the map's captions) and :func:`load` turns them into the frozen :class:`~graphbuild.resources.Resources`
that the build passes to every component.

Like spaCy's ``spacy/lang/fa``: the data lives here, apart from the code that uses it; a component never
reads these files itself, it receives what :func:`load` made of them.
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from graphbuild.lang.fa.lexicon import Lexicon
from graphbuild.resources import KnownEntity, Place, Resources

DATA_DIR = Path(__file__).resolve().parent
PATTERNS_FILE = DATA_DIR / "patterns.toml"
PIPELINE_FILE = DATA_DIR / "pipeline.toml"  # the components that run over each document, in order


@lru_cache(maxsize=1)
def load() -> Resources:
    """All of the language data, loaded once per process (hazm's tables take seconds): call it where a build,
    a script or a test starts, and pass the result on."""
    import hazm  # late import: hazm is slow to import and only needed here and in normalisation

    from graphbuild.lang.fa.orthography import normalise_name

    patterns = read_patterns()
    lexicon = Lexicon(
        frequencies={word: count for word, count, _ in hazm.words_list()},
        stopwords=frozenset(hazm.stopwords_list()),
        number_expecting_words=frozenset(patterns["dates"]["number_expecting"]),
        verbs=frozenset(hazm.Lemmatizer().verbs),
    )
    places = _load_places(patterns, normalise_name)
    aliases = {normalise_name(alias): normalise_name(target) for alias, target in patterns["places"]["aliases"]}
    given, family = set(), set()
    for row in tsv_rows("person_names.tsv"):
        (given if row["role"] == "given" else family).add(row["name"])
    for line in (DATA_DIR / "given_names.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            given.add(normalise_name(line))
    _add_world_places(places, aliases, normalise_name)
    known = _load_known_entities(normalise_name)
    return Resources(lexicon, patterns, places, aliases, frozenset(given), frozenset(family), known, DATA_DIR)


@lru_cache(maxsize=1)
def read_patterns() -> dict:
    """The patterns file alone, for code that needs no lexicon (the date reader's month names)."""
    return tomllib.loads(PATTERNS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def captions() -> dict:
    """The map's captions: ``kinds`` and ``relations`` by name, and the page's ``texts``."""
    return tomllib.loads((DATA_DIR / "captions.toml").read_text(encoding="utf-8"))


def tsv_rows(name: str | Path) -> list[dict[str, str]]:
    """The rows of a tab-separated file with a header line (a name: of the language package's folder); none
    if it is missing."""
    path = name if isinstance(name, Path) else DATA_DIR / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _add_world_places(places: dict[str, Place], aliases: dict[str, str], normalise_name: Callable) -> None:
    """Capitals, cities of the region and of the exile, and named regions: a hand-kept lexicon."""
    for row in tsv_rows("world_places.tsv"):
        name = normalise_name(row["name"])
        parent = row.get("parent") or ""
        if name not in places:  # a gazetteer row of the same name stays; the aliases still lead to it
            places[name] = Place(name, row["type"], f"{row['type']}-{parent or 'world'}-{name}", parent)
        for alias in filter(None, (row.get("aliases") or "").split("|")):
            aliases.setdefault(normalise_name(alias), name)


def _load_known_entities(normalise_name: Callable) -> dict[str, KnownEntity]:
    """Well-known parties, organisations, people and events whose names no head noun opens."""
    known: dict[str, KnownEntity] = {}
    for row in tsv_rows("known_entities.tsv"):
        entity = KnownEntity(normalise_name(row["name"]), row["kind"])
        for name in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
            known.setdefault(normalise_name(name), entity)
    return known


def _load_places(patterns: dict, normalise_name: Callable) -> dict[str, Place]:
    excluded = {normalise_name(word) for word in patterns["places"]["not_places"]}
    places: dict[str, Place] = {}
    # Priority when one name is several places: a country, a region, a city, then a province.
    rank = {"country": 0, "region": 1, "city": 2, "province": 3}  # «تهران» is the city more often
    rows = [Place(**row) for row in tsv_rows("places.tsv")]
    for name, place_type in patterns["places"]["regions"]:
        name = normalise_name(name)
        rows.append(Place(name, place_type, f"region-{name}", ""))
    for place in sorted(rows, key=lambda p: (rank.get(p.type, 9), p.code)):
        if place.name not in excluded and place.name not in places:
            places[place.name] = place
    return places

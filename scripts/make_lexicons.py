"""Make graphbuild's lexicons from the reference data in ../shared/data.

The project may hold lexicons of facts drawn from that data, never copies of its files (see NOTICE):

- ``graphbuild/lang/fa/places.tsv``: Iran's provinces and cities and the world's countries, with codes,
  containing province and coordinates; city names that are mostly common words are left out, judged by how
  often ParsTwiNER tags them as a place and by hazm's word frequencies.
- ``graphbuild/lang/fa/person_names.tsv``: given names and family names that ParsTwiNER tags as people.
- ``graphbuild/lang/fa/place_names_en.tsv``: the English names of the places, for names written in Latin letters
  («London», «TEHRAN»): Iran's from the gazetteer, the countries' from ISO 3166 (pycountry), and the world
  cities' and regions' from the hand-kept ``graphbuild/lang/fa/world_places_en.tsv``.

Run: ``python scripts/make_lexicons.py [--shared ../shared]`` (``make lexicons``; it needs pycountry, in the
``lexicons`` extra). The output is sorted, so reruns are stable.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import hazm

from graphbuild.extract.places import ENGLISH_NAMES_FILE, english_key
from graphbuild.extract.recogniser import read_conll, tags_to_spans
from graphbuild.lang.fa.orthography import normalise_name

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graphbuild" / "lang" / "fa"  # the Persian language package's data
WORLD_NAMES_EN = DATA / "world_places_en.tsv"  # hand-kept: a lexicon place's Persian name → its English names
# English names from the gazetteer and ISO 3166 that in a text name something else more often than the place:
# an English word («Jam», «Shaft», «Sari», «Jersey»), a person («Beheshti», «Keshavarz», «Razan»), or nothing
# at all (the gazetteer's «Supermarket»). The hand-kept list simply leaves such names out («Batman», «Acre»).
NOT_PLACE_NAMES_EN = frozenset({
    "Beheshti", "Givi", "Jam", "Jersey", "Keshavarz", "Mehraban", "Razan", "Sari", "Shadmehr", "Shaft",
    "Shahdad", "Supermarket",
})
SHORTEST_NAME_EN = 3  # letters: a shorter name that is not an abbreviation in capitals («UK») is left out

COMMON_WORD_FREQUENCY = 200_000  # hazm corpus count above which a village's name is taken as a common word
VERY_COMMON_WORD_FREQUENCY = 5_000_000  # ... and above which even a county seat needs ParsTwiNER's support


def ner_statistics(ner_dir: Path) -> tuple[Counter, Counter, Counter, Counter]:
    """Counts from ParsTwiNER's train split: how often each word is a place, and is tagged O."""
    as_place, as_other, given, family = Counter(), Counter(), Counter(), Counter()
    for sentence in read_conll(ner_dir / "train.txt"):
        for token, tag in sentence:
            if tag.endswith("LOC"):
                as_place[normalise_name(token)] += 1
            elif tag == "O":
                as_other[normalise_name(token)] += 1
        words = [token for token, _ in sentence]
        for start, end, kind in tags_to_spans([tag for _, tag in sentence]):
            tokens = words[start:end]
            if kind == "PER" and len(tokens) >= 2:
                given[normalise_name(tokens[0])] += 1
                family[normalise_name(tokens[-1])] += 1
    return as_place, as_other, given, family


def is_common_word(name: str, is_county: bool, frequencies: dict, stopwords: set, as_place: Counter,
                   as_other: Counter, as_person: Counter) -> bool:
    """Whether a gazetteer name is more often something else: a common word or a person's name."""
    if name in stopwords:
        return True
    if as_other[name] >= 2 and as_other[name] > as_place[name]:
        return True
    if as_person[name] > as_place[name]:
        return True
    if not is_county and not as_place[name]:
        return True  # a village or small town the NER corpus never names: too often a homonym, too rarely meant
    return frequencies.get(name, 0) > VERY_COMMON_WORD_FREQUENCY and not as_place[name]


def _spelling_blind(name: str) -> str:
    """«سیستان وبلوچستان» and «سیستان و بلوچستان» are one name: compare without spaces and half-spaces."""
    return normalise_name(name).replace(" ", "").replace("\u200c", "")


def place_rows(gazetteers: Path, as_place: Counter, as_other: Counter, as_person: Counter) -> list[list[str]]:
    frequencies = {word: count for word, count, _ in hazm.words_list()}
    stopwords = set(hazm.stopwords_list())
    rows = []
    wikidata = {}
    with open(gazetteers / "DERIVED_iran_provinces_wikidata.tsv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            wikidata[_spelling_blind(row["name_fa"])] = (row["wikidata"], row["iso3166_2"])
    provinces = json.loads((gazetteers / "masterking32_iran_provinces_2025-01-18.json").read_text("utf-8"))
    province_codes = {}
    for province in provinces.values():
        name = normalise_name(province["name"])
        qid, iso = wikidata.get(_spelling_blind(province["name"]), ("", f"IR-P{province['id']}"))
        province_codes[province["id"]] = iso
        row = [name, "province", iso, "IR", province["lat"], province["lon"], qid, province["en_name"]]
        rows.append([normalise_name("استان " + name)] + row[1:])
        if not is_common_word(name, True, frequencies, stopwords, as_place, as_other, as_person):
            rows.append(row)
    cities = json.loads((gazetteers / "masterking32_iran_cities_2025-01-18.json").read_text("utf-8"))
    for city in cities.values():
        name = normalise_name(city["name"])
        if len(name) < 2 or is_common_word(name, city["is_county"], frequencies, stopwords, as_place, as_other,
                                           as_person):
            continue
        code = f"IR-city-{city['id']}"
        parent = province_codes.get(city["province_id"], "IR")
        rows.append([name, "city", code, parent, city["lat"], city["lon"], "", city["en_name"]])
    with open(gazetteers / "umpirsky_country-list_fa_country.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = normalise_name(row["value"])
            if not is_common_word(name, True, frequencies, stopwords, as_place, as_other, as_person):
                english = country_names_en(row["id"])
                rows.append([name, "country", row["id"], "", "", "", "", english[0] if english else ""])
    return sorted(rows)


def country_names_en(code: str) -> list[str]:
    """A country's English names from ISO 3166 (pycountry): the common, the short and the official one."""
    import pycountry  # only this script needs it: `pip install -e .[lexicons]`

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return []
    names = [getattr(country, attribute, None) for attribute in ("common_name", "name", "official_name")]
    # «Korea, Republic of» is an index form, not a name anyone writes; «the State of Palestine» loses «the».
    names = [re.sub(r"^the ", "", name) for name in names if name and "," not in name]
    return list(dict.fromkeys(names))


def _gazetteer_name_en(name: str | None) -> str:
    """The gazetteer's English name as a text would write it: «Borujen city» → «Borujen»; '' if not Latin."""
    name = re.sub(r"\s+city$", "", (name or "").strip(), flags=re.IGNORECASE)
    letters = [char for char in unicodedata.normalize("NFKD", name) if char.isalpha()]
    return name if letters and all(char.isascii() for char in letters) else ""


def _hand_kept_names_en(known_place) -> list[tuple[str, str]]:
    """(English name, Persian name) pairs from world_places_en.tsv; every Persian name must be a lexicon place."""
    pairs = []
    with open(WORLD_NAMES_EN, encoding="utf-8") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            name = normalise_name(row["name"])
            if not known_place(name):
                sys.exit(f"{WORLD_NAMES_EN}, line {line}: «{row['name']}» is not a place of the lexicon")
            pairs.extend((english.strip(), name) for english in row["name_en"].split("|") if english.strip())
    return pairs


def english_name_rows(place_rows: list[list[str]], known_place) -> list[list[str]]:
    """Rows (English name, Persian name) for place_names_en.tsv.

    Where one English name is given to different places, the hand-kept list wins, then the countries, the
    provinces and the cities; a name that two places of the same rank share is left out: it names neither
    for certain.
    """
    candidates = [(0, english, name) for english, name in _hand_kept_names_en(known_place)]
    rank = {"country": 1, "province": 2, "city": 3}
    for name, place_type, code, *_, name_en in place_rows:
        if place_type == "country":
            candidates.extend((1, english, name) for english in country_names_en(code))
        elif (english := _gazetteer_name_en(name_en)) and not name.startswith("استان "):
            candidates.append((rank[place_type], english, name))
    best: dict[str, tuple[int, set[str], str]] = {}
    for tier, english, name in candidates:
        letters = english_key(english).replace(" ", "")
        abbreviation = english.isupper() and " " not in english
        if english in NOT_PLACE_NAMES_EN or (len(letters) < SHORTEST_NAME_EN and not abbreviation):
            continue
        if not known_place(name):  # a gazetteer name the lexicon leaves out (patterns.toml's not_places)
            continue
        key = english_key(english)
        if key not in best or tier < best[key][0]:
            best[key] = (tier, {name}, english)
        elif tier == best[key][0]:
            best[key][1].add(name)
    return sorted([english, *names] for _, names, english in best.values() if len(names) == 1)


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    data = args.shared / "data"
    as_place, as_other, given, family = ner_statistics(data / "ner" / "parstwiner")
    as_person = given + family
    places = place_rows(data / "gazetteers", as_place, as_other, as_person)
    write_tsv(DATA / "places.tsv", ["name", "type", "code", "parent", "lat", "lon", "wikidata", "name_en"], places)

    from graphbuild.lang.fa import load  # late: it must read the places.tsv just written

    resources = load()

    def known_place(name: str) -> bool:
        return resources.place_aliases.get(name, name) in resources.places

    write_tsv(DATA / ENGLISH_NAMES_FILE, ["name_en", "name"], english_name_rows(places, known_place))
    stopwords = set(hazm.stopwords_list())
    names = []
    for role, counter in (("given", given), ("family", family)):
        for name, count in sorted(counter.items()):
            if count >= 2 and len(name) >= 2 and name not in stopwords and not as_other[name] > count:
                names.append([name, role, count])
    write_tsv(DATA / "person_names.tsv", ["name", "role", "count"], names)
    print(f"wrote {DATA / 'places.tsv'}, {DATA / ENGLISH_NAMES_FILE} and {DATA / 'person_names.tsv'}")


if __name__ == "__main__":
    main()

"""Make graphbuild's lexicons from the reference data in ../shared/data.

The project may hold lexicons of facts drawn from that data, never copies of its files (see NOTICE):

- ``graphbuild/data/places.tsv``: Iran's provinces and cities and the world's countries, with codes,
  containing province and coordinates; city names that are mostly common words are left out, judged by how
  often ParsTwiNER tags them as a place and by hazm's word frequencies.
- ``graphbuild/data/person_names.tsv``: given names and family names that ParsTwiNER tags as people.

Run: ``python scripts/make_lexicons.py [--shared ../shared]``. The output is sorted, so reruns are stable.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import Counter
from pathlib import Path

import hazm

from graphbuild.extract.recogniser import read_conll, tags_to_spans
from graphbuild.normalise import normalise_name

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "graphbuild" / "data"

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
                rows.append([name, "country", row["id"], "", "", "", "", ""])
    return sorted(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    data = args.shared / "data"
    as_place, as_other, given, family = ner_statistics(data / "ner" / "parstwiner")
    as_person = given + family
    header = ["name", "type", "code", "parent", "lat", "lon", "wikidata", "name_en"]
    with open(DATA / "places.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(place_rows(data / "gazetteers", as_place, as_other, as_person))
    stopwords = set(hazm.stopwords_list())
    with open(DATA / "person_names.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "role", "count"])
        for role, counter in (("given", given), ("family", family)):
            for name, count in sorted(counter.items()):
                if count >= 2 and len(name) >= 2 and name not in stopwords and not as_other[name] > count:
                    writer.writerow([name, role, count])
    print(f"wrote {DATA / 'places.tsv'} and {DATA / 'person_names.tsv'}")


if __name__ == "__main__":
    main()

"""Scoring against the gold format of ``../shared/realtexts`` (``<id>.json`` with ``entities`` of a ``type``,
``events`` with a ``date`` and ``affiliations``), by the rules of its reference scorer ``score.py``.

The rules are score.py's, restated here so that the package never reads ``../shared`` at run time; the test
suite checks that both give the same figures on the same graph. In short:
- a document is the ``schema:CreativeWork`` whose ``dcterms:identifier`` is ``<id>.txt``; the entities it
  ``schema:mentions`` are the predictions, of the first of the five kinds among the local names of their types;
- names are compared after score.py's own normalisation (:func:`norm`), not the project's ``name_key``;
- strict: a prediction's label or alternative label is the gold name or an alias, and its kind is the gold's
  type or one of its ``also``; relaxed: after the exact pass, one name's words run inside the other's and cover
  at least half of it (:func:`relaxed_match`); untyped: relaxed, kind-blind;
- a prediction named like a gold ``Ignore`` entity is dropped, neither credit nor blame;
- a dated gold event is dated right when the prediction relaxed-matched to it has a ``schema:startDate`` that
  starts with the gold date, or that the gold date starts with (a year at least);
- affiliations are (person, body) pairs of ``schema:memberOf``; a found pair is right when both sides
  relaxed-match a gold pair's. Recall is right found pairs over gold pairs, as score.py has it.
P, R and F1 are 0 when their denominator is 0 and are rounded to three places, as score.py rounds them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from graphbuild.kinds import kinds
from graphbuild.ontology import SCHEMA

MODES = ("strict", "relaxed", "untyped")

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_CHARS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
                        "ؤ": "و", "ە": "ه", "ھ": "ه", "\u200c": " ", "\u200d": "", "\u0640": "", "\xa0": " "})
_PUNCT = re.compile(r"[«»\"'“”()\[\]{}،,.:;!?؟\-–—_/\\*]+")


def norm(name: str) -> str:
    """score.py's normal form of a name: one spelling of each letter and digit, no diacritics or punctuation."""
    name = unicodedata.normalize("NFKC", name).translate(_CHARS).translate(_DIGITS)
    name = "".join(ch for ch in name if not ("\u064b" <= ch <= "\u065f" or ch == "\u0670"))
    return " ".join(_PUNCT.sub(" ", name).split()).lower()


def relaxed_match(a: str, b: str) -> bool:
    """The same normal name, or the shorter (of two words at least) runs inside the longer and covers half of it."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short.split()) < 2:
        return False
    return f" {short} " in f" {long_} " and len(short.split()) / len(long_.split()) >= 0.5


def prf(tp: int, predicted: int, gold: int) -> dict:
    """score.py's row: the counts and P, R, F1 rounded to three places (0 when there is nothing to divide by)."""
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "pred": predicted, "gold": gold, "P": round(p, 3), "R": round(r, 3), "F1": round(f, 3)}


@dataclass
class _Prediction:
    node: Node
    kind: str
    names: set[str]


@dataclass
class _GoldEntity:
    entry: dict
    types: set[str]
    names: set[str]


@dataclass
class RealTextsEvaluation:
    """score.py's figures, and what was missed, over the gold files of the realtexts format."""

    counts: dict[str, dict[str, list[int]]] = field(
        default_factory=lambda: {mode: defaultdict(lambda: [0, 0, 0]) for mode in MODES})  # tp, predicted, gold
    dates_right: int = 0
    dated_events: int = 0
    affiliations: list[int] = field(default_factory=lambda: [0, 0, 0])  # right found, found, gold
    documents: list[str] = field(default_factory=list)
    missing_docs: list[str] = field(default_factory=list)
    per_doc: dict[str, dict[str, tuple[int, int, int]]] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (document, kind, gold name), relaxed
    false_finds: list[tuple[str, str, str]] = field(default_factory=list)  # (document, kind, label), relaxed
    # (document, fact, subject, what the gold says, what the graph says or '' if nothing)
    fact_misses: list[tuple[str, str, str, str, str]] = field(default_factory=list)

    def rows(self, mode: str) -> dict[str, dict]:
        counts = self.counts[mode]
        rows = {kind: prf(*counts[kind]) for kind in kinds()}
        rows["ALL"] = prf(*(sum(counts[kind][i] for kind in kinds()) for i in range(3)))
        return rows

    def as_dict(self) -> dict:
        """The figures in the shape of score.py's ``--json`` output."""
        result: dict = {"missing_docs": self.missing_docs, "per_doc": self.per_doc}
        result.update({mode: self.rows(mode) for mode in MODES})
        result["event_dates"] = {"correct": self.dates_right, "gold_dated_events": self.dated_events,
                                 "accuracy": round(self.dates_right / self.dated_events, 3) if self.dated_events else None}
        result["affiliations"] = prf(*self.affiliations)
        return result

    def miss_counts(self) -> dict[str, int]:
        """How many gold entities of each kind, and gold facts of each sort, were missed."""
        counted = {kind: 0 for kind in kinds()}
        for _, kind, _ in self.misses:
            counted[kind] += 1
        for _, fact, *_ in self.fact_misses:
            counted[fact] = counted.get(fact, 0) + 1
        return counted

    def misses_by_kind(self) -> tuple[list, list, list]:
        """The misses, the false finds and the fact misses, each grouped kind by kind (then document order)."""
        order = {kind: i for i, kind in enumerate([*kinds(), "affiliation", "event date"])}
        return (sorted(self.misses, key=lambda miss: order[miss[1]]),
                sorted(self.false_finds, key=lambda find: order[find[1]]),
                sorted(self.fact_misses, key=lambda miss: order[miss[1]]))

    def table(self) -> str:
        strict, relaxed, untyped = (self.rows(mode) for mode in MODES)
        lines = [f"{'kind':<13}{'strict P':>9}{'R':>7}{'F1':>7}   {'relaxed P':>9}{'R':>7}{'F1':>7}   "
                 f"{'untyped F1':>10}   {'gold':>5}{'found':>6}"]
        for kind in [*kinds(), "ALL"]:
            s, r = strict[kind], relaxed[kind]
            lines.append(f"{kind:<13}{s['P']:>9.3f}{s['R']:>7.3f}{s['F1']:>7.3f}   {r['P']:>9.3f}{r['R']:>7.3f}"
                         f"{r['F1']:>7.3f}   {untyped[kind]['F1']:>10.3f}   {s['gold']:>5}{s['pred']:>6}")
        dates = self.as_dict()["event_dates"]
        accuracy = "-" if dates["accuracy"] is None else f"{dates['accuracy']:.3f}"
        lines.append("")
        lines.append(f"dated events dated right  {self.dates_right}/{self.dated_events} ({accuracy})")
        a = prf(*self.affiliations)
        lines.append(f"affiliations  P {a['P']:.3f}  R {a['R']:.3f}  F1 {a['F1']:.3f}   "
                     f"(right {a['tp']}, found {a['pred']}, gold {a['gold']})")
        if self.missing_docs:
            lines.append(f"documents missing from the graph: {', '.join(self.missing_docs)}")
        return "\n".join(lines)


def _documents(graph: Graph) -> dict[str, Node]:
    return {str(ident): doc for doc in graph.subjects(RDF.type, SCHEMA.CreativeWork)
            for ident in graph.objects(doc, DCTERMS.identifier)}


def _kind_of(graph: Graph, entity: Node) -> str | None:
    names = {str(t).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in graph.objects(entity, RDF.type)}
    return next((kind for kind in kinds() if kind in names), None)  # Party before Organization, as score.py has it


def _labels(graph: Graph, entity: Node) -> set[str]:
    names = {norm(str(label)) for label in graph.objects(entity, RDFS.label)}
    names |= {norm(str(label)) for label in graph.objects(entity, SKOS.altLabel)}
    return {name for name in names if name}


def _predictions(graph: Graph, doc: Node) -> list[_Prediction]:
    found = []
    for entity in sorted(set(graph.objects(doc, SCHEMA.mentions)), key=str):  # sorted: the same score every run
        kind = _kind_of(graph, entity)
        if kind:
            found.append(_Prediction(entity, kind, _labels(graph, entity)))
    return found


def _gold_entities(gold: dict) -> tuple[list[_GoldEntity], set[str]]:
    """The gold entities to match, and the names of the ``Ignore`` ones."""
    entities, ignored = [], set()
    for entry in gold["entities"]:
        names = {norm(entry["name"])} | {norm(alias) for alias in entry.get("aliases", [])}
        if entry["type"] == "Ignore":
            ignored |= names
        else:
            entities.append(_GoldEntity(entry, {entry["type"], *entry.get("also", [])}, {n for n in names if n}))
    return entities, ignored


def _match(predictions: list[_Prediction], gold: list[_GoldEntity], mode: str) -> dict[int, int]:
    """Prediction index → gold index. Exact names claim their gold entity first; then (not strict) containment."""
    hits: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False) if mode != "strict" else (True,):
        for pi, prediction in enumerate(predictions):
            if pi in hits:
                continue
            for gi, entity in enumerate(gold):
                if gi in used or (mode != "untyped" and prediction.kind not in entity.types):
                    continue
                if (prediction.names & entity.names if exact else
                        any(relaxed_match(a, b) for a in prediction.names for b in entity.names)):
                    hits[pi] = gi
                    used.add(gi)
                    break
    return hits


def _date_right(values: list[str], gold_date: str) -> bool:
    return any(v.startswith(gold_date) or gold_date.startswith(v) and len(v) >= 4 for v in values)


def _score_dates(graph: Graph, gold: dict, entities: list[_GoldEntity], matched: dict[int, Node],
                 result: RealTextsEvaluation, document: str) -> None:
    by_name = {norm(entity.entry["name"]): matched.get(gi) for gi, entity in enumerate(entities)}
    for event in gold.get("events", []):
        if not event.get("date"):
            continue
        result.dated_events += 1
        node = by_name.get(norm(event["name"]))
        values = [str(v) for v in graph.objects(node, SCHEMA.startDate)] if node is not None else []
        if node is not None and _date_right(values, event["date"]):
            result.dates_right += 1
        else:
            found = ", ".join(sorted(values)) if values else ("" if node is None else "no date")
            result.fact_misses.append((document, "event date", event["name"], event["date"], found))


def _score_affiliations(graph: Graph, gold: dict, predictions: list[_Prediction], result: RealTextsEvaluation,
                        document: str) -> None:
    gold_pairs = {(norm(a["person"]), norm(a["org"])) for a in gold.get("affiliations", [])}
    found_pairs = {(frozenset(_labels(graph, person)), frozenset(_labels(graph, body)))
                   for person in {p.node for p in predictions} for body in graph.objects(person, SCHEMA.memberOf)}

    def agree(found: tuple[frozenset, frozenset], wanted: tuple[str, str]) -> bool:
        return any(relaxed_match(x, wanted[0]) for x in found[0]) and any(relaxed_match(y, wanted[1]) for y in found[1])

    right = sum(any(agree(found, wanted) for wanted in gold_pairs) for found in found_pairs)
    result.affiliations = [result.affiliations[0] + right, result.affiliations[1] + len(found_pairs),
                           result.affiliations[2] + len(gold_pairs)]
    for a in gold.get("affiliations", []):
        if not any(agree(found, (norm(a["person"]), norm(a["org"]))) for found in found_pairs):
            result.fact_misses.append((document, "affiliation", a["person"], a["org"], ""))
    for found in sorted(found_pairs, key=lambda pair: (sorted(pair[0]), sorted(pair[1]))):
        if not any(agree(found, wanted) for wanted in gold_pairs):
            shown = f"{min(found[0], default='?')} → {min(found[1], default='?')}"
            result.false_finds.append((document, "affiliation", shown))


def _score_document(graph: Graph, doc: Node, gold: dict, document: str, result: RealTextsEvaluation) -> None:
    entities, ignored = _gold_entities(gold)
    predictions = [p for p in _predictions(graph, doc) if not (p.names & ignored)]
    row = {}
    for mode in MODES:
        hits = _match(predictions, entities, mode)
        counts = result.counts[mode]
        for pi, prediction in enumerate(predictions):
            counts[prediction.kind][1] += 1
            counts[prediction.kind][0] += pi in hits
        for entity in entities:
            counts[entity.entry["type"]][2] += 1
        row[mode] = (len(hits), len(predictions), len(entities))
        if mode == "relaxed":
            matched = {gi: predictions[pi].node for pi, gi in hits.items()}
            _score_dates(graph, gold, entities, matched, result, document)
            _score_affiliations(graph, gold, predictions, result, document)
            result.misses += [(document, e.entry["type"], e.entry["name"])
                              for gi, e in enumerate(entities) if gi not in matched]
            result.false_finds += [(document, p.kind, str(graph.value(p.node, RDFS.label) or p.node))
                                   for pi, p in enumerate(predictions) if pi not in hits]
    result.per_doc[document] = row


def _count_missing_document(gold: dict, result: RealTextsEvaluation) -> None:
    for entry in gold["entities"]:
        if entry["type"] != "Ignore":
            for mode in MODES:
                result.counts[mode][entry["type"]][2] += 1


def score_realtexts(graph: Graph, golds: list[dict], mapping: dict[str, str] | None = None) -> RealTextsEvaluation:
    """score.py's figures for ``graph`` over gold files of the realtexts format, in the order given (score.py
    takes them sorted by file name). ``mapping`` is score.py's ``--map``: document identifier → gold id."""
    documents = _documents(graph)
    result = RealTextsEvaluation()
    for gold in golds:
        document = next((i for i, gid in (mapping or {}).items() if gid == gold["id"]), f"{gold['id']}.txt")
        result.documents.append(document)
        if document not in documents:
            result.missing_docs.append(document)
            _count_missing_document(gold, result)
            continue
        _score_document(graph, documents[document], gold, document, result)
    return result


def is_realtexts_gold(data: dict) -> bool:
    """A gold file of the realtexts format: an ``id``, and entities that have a ``type`` (not a ``kind``)."""
    return "id" in data and "document" not in data and all("type" in e for e in data.get("entities", []))


def realtexts_gold_problem(data: dict) -> str | None:
    """What is wrong with a realtexts gold file's structure, if anything (the scorer needs these keys)."""
    if not isinstance(data.get("entities"), list):
        return "no list of entities"
    for entry in data["entities"]:
        if not isinstance(entry, dict) or not {"type", "name"} <= entry.keys():
            return f"an entity without a type or name: {entry!r}"
    for event in data.get("events", []):
        if not isinstance(event, dict) or "name" not in event:
            return f"an event without a name: {event!r}"
    for affiliation in data.get("affiliations", []):
        if not isinstance(affiliation, dict) or not {"person", "org"} <= affiliation.keys():
            return f"an affiliation without a person or org: {affiliation!r}"
    return None

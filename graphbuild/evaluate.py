"""Score a built graph against gold annotations (see tests/gold/GUIDELINE.md).

For each gold document, the entities the graph says it mentions (``schema:mentions``) are compared, kind by
kind, with the gold entities:
- strict: a predicted and a gold entity match when one of the predicted entity's names (label or
  alternative label) is the gold name or one of its forms, spelling-blind (:func:`name_key`);
- relaxed: when one such name contains the other.
Each gold entity is matched at most once. Precision is over predicted entities, recall over gold ones.

A gold folder may also hold files of the format of ``../shared/realtexts`` (an ``id`` and entities with a
``type``): those are scored by that format's own rules (:mod:`graphbuild.evaluate_realtexts`). The format is
told file by file.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from graphbuild import ontology as gbo
from graphbuild.evaluate_realtexts import (
    RealTextsEvaluation,
    is_realtexts_gold,
    realtexts_gold_problem,
    score_realtexts,
)
from graphbuild.graph_file import read_graph
from graphbuild.kinds import kinds
from graphbuild.lang.fa.orthography import normalise_name
from graphbuild.resolve import name_key


@dataclass
class Named:
    kind: str
    name: str
    keys: frozenset[str]


@dataclass
class Score:
    true_predicted: int = 0
    predicted: int = 0
    true_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_predicted += other.true_predicted
        self.predicted += other.predicted
        self.true_gold += other.true_gold
        self.gold += other.gold


@dataclass
class Evaluation:
    strict: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relaxed: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    facts: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))  # affiliations, event facts
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (document, kind, gold name)
    false_finds: list[tuple[str, str, str]] = field(default_factory=list)  # (document, kind, label)
    # (document, fact, subject, what the gold says, what the graph says or '' if nothing)
    fact_misses: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # the documents of project-format gold files
    realtexts: RealTextsEvaluation | None = None  # the figures over realtexts-format gold files, if any

    def as_dict(self) -> dict:
        """The figures as JSON-ready data: ``project`` for project-format gold, ``realtexts`` for the other."""
        result: dict = {}
        if self.documents:
            result["project"] = {
                "documents": self.documents,
                **{mode: {kind: _score_dict(getattr(self, mode)[kind]) for kind in [*kinds(), "all"]}
                   for mode in ("strict", "relaxed")},
                "facts": {name: _score_dict(score) for name, score in sorted(self.facts.items())},
            }
        if self.realtexts:
            result["realtexts"] = {"documents": self.realtexts.documents, **self.realtexts.as_dict()}
        return result

    def table(self) -> str:
        lines = [f"{'kind':<13}{'strict P':>9}{'R':>7}{'F1':>7}   {'relaxed P':>9}{'R':>7}{'F1':>7}   {'gold':>5}{'found':>6}"]
        for kind in [*kinds(), "all"]:
            s, r = self.strict[kind], self.relaxed[kind]
            lines.append(f"{kind:<13}{s.precision:>9.3f}{s.recall:>7.3f}{s.f1:>7.3f}   "
                         f"{r.precision:>9.3f}{r.recall:>7.3f}{r.f1:>7.3f}   {s.gold:>5}{s.predicted:>6}")
        lines.append("")
        lines.append(f"{'facts':<22}{'P':>7}{'R':>7}{'F1':>7}   {'gold':>5}{'found':>6}")
        for name, score in sorted(self.facts.items()):
            lines.append(f"{name:<22}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}   "
                         f"{score.gold:>5}{score.predicted:>6}")
        return "\n".join(lines)


def _score_dict(score: Score) -> dict:
    return {"true_predicted": score.true_predicted, "predicted": score.predicted, "true_gold": score.true_gold,
            "gold": score.gold, "P": round(score.precision, 3), "R": round(score.recall, 3), "F1": round(score.f1, 3)}


def _keys(names: list[str]) -> frozenset[str]:
    return frozenset(name_key(normalise_name(name)) for name in names if name.strip())


class GoldError(ValueError):
    """A gold folder or file that cannot be scored against; the message names it and the problem."""


@dataclass
class GoldFiles:
    project: list[dict] = field(default_factory=list)  # tests/gold/GUIDELINE.md: a document, entities of a kind
    realtexts: list[dict] = field(default_factory=list)  # ../shared/realtexts: an id, entities of a type


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: not a readable JSON gold file: {error}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: not a gold file: the JSON is not an object")
    return data


def _project_gold_problem(data: dict) -> str | None:
    if not isinstance(data.get("entities"), list):
        return "no list of entities"
    bad = next((e for e in data["entities"] if not isinstance(e, dict) or not {"kind", "name"} <= e.keys()), None)
    return None if bad is None else f"an entity without a kind or name: {bad!r}"


def read_gold(gold_dir: Path) -> GoldFiles:
    """Every gold file of ``gold_dir``, sorted by name and sorted by format; an empty folder is an error, since
    scoring against nothing would report a perfect score."""
    paths = sorted(gold_dir.glob("*.json"))
    if not paths:
        raise GoldError(f"{gold_dir}: no gold files (*.json) to score against")
    gold = GoldFiles()
    for path in paths:
        data = _read_json(path)
        if is_realtexts_gold(data):
            problem, files = realtexts_gold_problem(data), gold.realtexts
        elif "document" in data:
            problem, files = _project_gold_problem(data), gold.project
        else:
            problem, files = "neither gold format: no «document» (tests/gold) nor «id» (realtexts)", []
        if problem:
            raise GoldError(f"{path}: {problem}")
        files.append(data)
    return gold


def _named_gold(files: list[dict]) -> dict[str, list[Named]]:
    return {
        data["document"]: [Named(e["kind"], e["name"], _keys([e["name"], *e.get("forms", [])]))
                           for e in data["entities"]]
        for data in files
    }


def load_gold(gold_dir: Path) -> dict[str, list[Named]]:
    """The entities of the project-format gold files of ``gold_dir``, by document."""
    return _named_gold(read_gold(gold_dir).project)


def predicted_entities(graph: Graph) -> dict[str, list[Named]]:
    found: dict[str, list[Named]] = defaultdict(list)
    for doc in graph.subjects(RDF.type, gbo.DOCUMENT_CLASS):
        identifier = str(graph.value(doc, DCTERMS.identifier))
        for entity in sorted(set(graph.objects(doc, gbo.MENTIONS))):
            kinds = [kind for cls, kind in gbo.CLASS_KIND.items() if (entity, RDF.type, cls) in graph]
            label = str(graph.value(entity, RDFS.label))
            names = [label, *map(str, graph.objects(entity, SKOS.altLabel))]
            found[identifier].append(Named(kinds[0] if kinds else "?", label, _keys(names)))
    return found


def _strict(a: Named, b: Named) -> bool:
    return bool(a.keys & b.keys)


def _relaxed(a: Named, b: Named) -> bool:
    return any(x in y or y in x for x in a.keys for y in b.keys)


def _score(predicted: list[Named], gold: list[Named], matches) -> tuple[Score, list[Named], list[Named]]:
    used: set[int] = set()
    true_predicted = 0
    for entity in predicted:
        # A second node for an entity already matched counts against precision: it is a duplicate.
        # An exact name match is taken first, so containment never steals another entity's gold.
        hit = next((i for i, g in enumerate(gold) if i not in used and _strict(entity, g)), None)
        if hit is None:
            hit = next((i for i, g in enumerate(gold) if i not in used and matches(entity, g)), None)
        if hit is not None:
            used.add(hit)
            true_predicted += 1
    missed = [g for i, g in enumerate(gold) if i not in used]
    false = [p for p in predicted if not any(matches(p, g) for g in gold)]  # duplicates are not listed here
    return Score(true_predicted, len(predicted), len(used), len(gold)), missed, false


def _names_of(graph: Graph, entity) -> frozenset[str]:
    return _keys([str(graph.value(entity, RDFS.label)), *map(str, graph.objects(entity, SKOS.altLabel))])


def _score_facts(graph: Graph, gold_files: list[dict], result: Evaluation) -> None:
    """Affiliations (person → body pairs) and event dates, places and organisers, matched by names."""
    for data in gold_files:
        named = {e["name"]: _keys([e["name"], *e.get("forms", [])]) for e in data["entities"]}
        doc = next(graph.subjects(DCTERMS.identifier, Literal(data["document"])), None)
        mentioned = set(graph.objects(doc, gbo.MENTIONS)) if doc is not None else set()
        gold_pairs = [(named.get(a["person"], _keys([a["person"]])), named.get(a["organization"], _keys([a["organization"]])))
                      for a in data.get("affiliations", [])]
        found_pairs = [(_names_of(graph, p), _names_of(graph, o)) for p, o in graph.subject_objects(gbo.MEMBER_OF)
                       if p in mentioned]
        score = result.facts["affiliation"]
        score.gold += len(gold_pairs)
        score.predicted += len(found_pairs)
        score.true_gold += sum(any(g[0] & f[0] and g[1] & f[1] for f in found_pairs) for g in gold_pairs)
        score.true_predicted += sum(any(g[0] & f[0] and g[1] & f[1] for g in gold_pairs) for f in found_pairs)
        result.fact_misses += [(data["document"], "affiliation", a["person"], a["organization"], "")
                               for a, g in zip(data.get("affiliations", []), gold_pairs)
                               if not any(g[0] & f[0] and g[1] & f[1] for f in found_pairs)]
        events = sorted(e for e in mentioned if (e, RDF.type, gbo.KIND_CLASS["Event"]) in graph)
        for gold_event in (e for e in data["entities"] if e["kind"] == "Event"):
            # The event named like the gold's canonical name first, then one named like any of its forms.
            by_name = [e for e in events if _names_of(graph, e) & _keys([gold_event["name"]])]
            by_form = [e for e in events if _names_of(graph, e) & named[gold_event["name"]]]
            match = (by_name or by_form or [None])[0]
            for field_name, predicate in (("start", gbo.START_DATE), ("location", gbo.LOCATION),
                                          ("organizer", gbo.ORGANIZER)):
                if field_name not in gold_event:
                    continue
                score = result.facts[f"event {field_name}"]
                score.gold += 1
                value = _stated_value(graph, match, predicate, doc) if match is not None else None
                expected = gold_event[field_name]
                if value is None:
                    result.fact_misses.append((data["document"], f"event {field_name}", gold_event["name"], expected, ""))
                    continue
                score.predicted += 1
                right = _same_date(str(value), expected) if field_name == "start" else bool(
                    _names_of(graph, value) & named.get(expected, _keys([expected])))
                score.true_predicted += right
                score.true_gold += right
                if not right:
                    shown = str(value) if field_name == "start" else str(graph.value(value, RDFS.label))
                    result.fact_misses.append((data["document"], f"event {field_name}", gold_event["name"], expected,
                                               shown))


def _stated_value(graph: Graph, subject, predicate, doc):
    """The value this document states (an entity met in several documents may carry one value per document)."""
    values = sorted(graph.objects(subject, predicate))
    stated_here = [
        statement_value for statement in graph.subjects(RDF.subject, subject)
        if (statement, RDF.predicate, predicate) in graph
        and (statement_value := graph.value(statement, RDF.object)) is not None
        and any((target, gbo.OA.hasSource, doc) in graph for target in graph.objects(statement, gbo.PROV.wasDerivedFrom))
    ]
    return (sorted(stated_here) or values or [None])[0]


def _same_date(found: str, gold: str) -> bool:
    """Right at the gold's precision: «1979-02» is right for a gold «1979», never the other way round."""
    return found[: len(gold)] == gold and len(found) >= len(gold)


def evaluate(graph: Graph | Path, gold_dir: Path) -> Evaluation:
    """Precision, recall and F1 per kind, strict and relaxed, over every document that has a gold file.

    Raises :class:`GoldError` for an empty gold folder or a bad gold file, and
    :class:`graphbuild.graph_file.GraphReadError` for a graph file that cannot be read."""
    gold_files = read_gold(gold_dir)  # first: a bad gold folder is told before a large graph is parsed
    if isinstance(graph, Path):
        graph = read_graph(graph)
    gold, predicted = _named_gold(gold_files.project), predicted_entities(graph)
    result = Evaluation(documents=sorted(gold))
    for document, gold_entities in sorted(gold.items()):
        for kind in kinds():
            g = [e for e in gold_entities if e.kind == kind]
            p = [e for e in predicted.get(document, []) if e.kind == kind]
            strict, _, _ = _score(p, g, _strict)
            relaxed, missed, false = _score(p, g, _relaxed)
            for name, score in (("strict", strict), ("relaxed", relaxed)):
                getattr(result, name)[kind].add(score)
                getattr(result, name)["all"].add(score)
            result.misses += [(document, kind, e.name) for e in missed]
            result.false_finds += [(document, kind, e.name) for e in false]
    _score_facts(graph, gold_files.project, result)
    if gold_files.realtexts:
        result.realtexts = score_realtexts(graph, gold_files.realtexts)
    return result

"""The kinds of entity and the kinds of relation, declared once (``graphbuild/ontology/kinds.toml``).

Every stage asks here instead of keeping its own list: combine for a kind's precedence, resolution for what
a relation may link, assembly for a kind's classes and a relation's property, the map for styles. A third
party adds a kind or a relation with :func:`register_kind` / :func:`register_relation` (with its classes
declared in its own ontology) and a component that finds it; nothing else changes (docs/architecture.md).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

SPEC_FILE = Path(__file__).resolve().parent / "ontology" / "kinds.toml"
DOCUMENT = "Document"  # a relation's subject that is the document itself (or one message in it), not an entity


@dataclass(frozen=True)
class KindSpec:
    name: str  # as mentions carry it: "Party"
    class_term: str  # a CURIE of graphbuild.ontology.PREFIXES ("gb:Party") or a full IRI
    schema_terms: tuple[str, ...]  # the schema.org classes stated beside it
    rank: int  # combine's precedence between two kinds for one stretch of text: lower wins
    colour: str  # the map's
    shape: str  # the map's (a vis-network shape)
    body: bool = False  # a body of people: a member's party or organisation, an organiser, a signatory


@dataclass(frozen=True)
class RelationSpec:
    name: str  # as relations carry it: "memberOf"
    property_term: str  # the term the graph states it with
    subject: tuple[str, ...]  # kinds, or (DOCUMENT,)
    object: tuple[str, ...]  # kinds; empty when the object is a value (a date, a number)
    colour: str | None = None  # the map's edge colour, for relations drawn between entities

    @property
    def about_document(self) -> bool:
        return self.subject == (DOCUMENT,)

    @property
    def to_value(self) -> bool:
        return not self.object


def _read_spec(path: Path) -> tuple[dict[str, KindSpec], dict[str, RelationSpec]]:
    spec = tomllib.loads(path.read_text(encoding="utf-8"))
    kinds = {name: KindSpec(name, entry["class"], tuple(entry.get("schema", ())), entry["rank"], entry["colour"],
                            entry["shape"], entry.get("body", False))
             for name, entry in spec["kinds"].items()}
    relations = {name: RelationSpec(name, entry["property"], tuple(entry["subject"]), tuple(entry["object"]),
                                    entry.get("colour"))
                 for name, entry in spec["relations"].items()}
    return kinds, relations


_KINDS, _RELATIONS = _read_spec(SPEC_FILE)


def kinds() -> tuple[str, ...]:
    """Every kind's name, in the declared order."""
    return tuple(_KINDS)


def _declared(table: dict, name: str, what: str):
    try:
        return table[name]
    except KeyError:
        raise KeyError(f"unknown {what} {name!r}: declare it in kinds.toml or with register_{what}") from None


def _add(table: dict, spec, what: str) -> None:
    if spec.name in table and table[spec.name] != spec:
        raise ValueError(f"{what} {spec.name!r} is already declared differently")
    table[spec.name] = spec


def kind_spec(name: str) -> KindSpec:
    return _declared(_KINDS, name, "kind")


def body_kinds() -> tuple[str, ...]:
    """The kinds that are bodies of people (Party, Organization), in the declared order."""
    return tuple(name for name, spec in _KINDS.items() if spec.body)


def relations() -> tuple[str, ...]:
    return tuple(_RELATIONS)


def relation_spec(name: str) -> RelationSpec:
    return _declared(_RELATIONS, name, "relation")


def register_kind(spec: KindSpec) -> None:
    """Add a kind (a third party's); its class and schema terms are IRIs or CURIEs of known prefixes."""
    _add(_KINDS, spec, "kind")


def register_relation(spec: RelationSpec) -> None:
    unknown = [k for k in (*spec.subject, *spec.object) if k != DOCUMENT and k not in _KINDS]
    if unknown:
        raise ValueError(f"relation {spec.name!r} links undeclared kinds: {', '.join(unknown)}")
    _add(_RELATIONS, spec, "relation")


def unregister(name: str) -> None:
    """Remove a kind or relation added with register_*, and nothing declared in kinds.toml (for tests)."""
    declared_kinds, declared_relations = _read_spec(SPEC_FILE)
    if name not in declared_kinds:
        _KINDS.pop(name, None)
    if name not in declared_relations:
        _RELATIONS.pop(name, None)

"""Resolve stage (across documents): one entity per real-world thing, whatever its spellings.

Mentions are grouped by kind and a spelling-blind key, then groups are joined when:
- their names differ by one typo in one word («کمونست» / «کمونیست»), judged with rapidfuzz;
- one name is another with a place added at its end («حزب کمونیست کارگری» / «… ایران»), and the short name
  could belong to no other entity;
- they are the same event: the same head, ordinal and organiser («کنگره یازدهم» / «یازدهمین کنگره حزب …»).

The canonical label is the fullest well-formed name (no word that neither the lexicon nor the patterns
know, then the most words, then the most mentions); the other spellings become alternative labels.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from graphbuild.document import Document, Kind, Mention
from graphbuild.extract.words import ordinal_words, to_latin_digits
from graphbuild.kinds import body_kinds, relation_spec
from graphbuild.lang.fa.morphology import ALEF, FIRST_SYNONYM, FIRST_WORD, KEY_NOISE, KURDISH_INITIAL, KURDISH_SHORT_E
from graphbuild.resources import Resources

TYPO_SIMILARITY = 0.8  # normalised Indel similarity of the one word that may differ
TYPO_MIN_LENGTH = 5  # shorter words differ too easily to call a difference a typo


def name_key(name: str) -> str:
    """A key that ignores spacing, half-spaces, punctuation, the script of digits, and which word says «first»
    («نشست یکم» and «نشست اول» are one; «سی و یکم» keeps its «یکم»)."""
    return KEY_NOISE.sub("", FIRST_SYNONYM.sub(FIRST_WORD, to_latin_digits(name)))


@dataclass
class Entity:
    kind: Kind
    key: str  # the resolution key it was minted under: stable across builds of the same sources
    label: str = ""
    alt_labels: list[str] = field(default_factory=list)
    mentions: list[tuple[str, Mention]] = field(default_factory=list)  # (document identifier, mention)
    facts: dict[str, str] = field(default_factory=dict)  # organiser → entity key, ordinal, place code…

    @property
    def documents(self) -> list[str]:
        return sorted({identifier for identifier, _ in self.mentions})


@dataclass(frozen=True)
class Fact:
    """A relation between two resolved entities, with the document and sentence that state it."""

    kind: str  # memberOf, location, date, or a document's own: signatory, author, locationCreated, datePublished
    subject: str  # entity key ('' when the subject is a part of the document: see ``part``)
    object: str  # entity key ('' for a date)
    document: str
    evidence: tuple[int, int]  # sentence span in the normalised text
    role: str = ""
    value: str = ""  # a date's ISO start
    value_end: str = ""
    note: str = ""
    part: tuple[int, int] | None = None  # a document's own fact: the stretch it is about (whole text or message)


@dataclass
class Resolution:
    entities: dict[str, Entity]  # by key
    mention_entity: dict[tuple[str, int, int, str], str]  # (doc, start, end, kind) → entity key
    facts: list[Fact] = field(default_factory=list)

    def entity_of(self, identifier: str, mention: Mention) -> Entity:
        return self.entities[self.mention_entity[(identifier, mention.start, mention.end, mention.kind)]]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller key stays the root, so the result does not depend on the order of unions.
            keep, drop = sorted((root_a, root_b))
            self.parent[drop] = keep


def _surface(mention: Mention) -> str:
    return " ".join(mention.name.split())


def _group_key(mention: Mention) -> str:
    return f"{mention.kind}:{name_key(_surface(mention))}"


def _one_typo_apart(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b) or a == b:
        return False
    differing = [(x, y) for x, y in zip(a, b) if name_key(x) != name_key(y)]
    if len(differing) != 1:
        return False
    x, y = differing[0]
    if _persian_spelling(x) == _persian_spelling(y):
        return True  # «ئه‌حمه‌دی‌پور» is «احمدی‌پور» in Kurdish spelling
    return min(len(x), len(y)) >= TYPO_MIN_LENGTH and Indel.normalized_similarity(x, y) >= TYPO_SIMILARITY


def _persian_spelling(word: str) -> str:
    """A name in Kurdish (Sorani) spelling as Persian writes it: Sorani writes the short vowel «e» as «ه»
    with a half-space, and a word-initial vowel with «ئ» («ئه‌حمه‌د» for «احمد»). Used only to compare names."""
    return KURDISH_SHORT_E.sub("", KURDISH_INITIAL.sub(ALEF, word)).replace("\u200c", "")


def _join_spellings(groups: dict[str, list[str]], kind: Kind, union: _UnionFind, resources: Resources) -> None:
    """Union name groups of one kind that are typos of each other or a short form of one longer name."""
    names = {key: spellings[0].split() for key, spellings in groups.items()}
    keys = sorted(names)
    by_length: dict[int, list[str]] = defaultdict(list)
    for key in keys:
        by_length[len(names[key])].append(key)
    for same_length in by_length.values():
        for i, a in enumerate(same_length):
            for b in same_length[i + 1 :]:
                if len(names[a]) > 1 and _one_typo_apart(names[a], names[b]):
                    union.union(a, b)
    if kind not in body_kinds():
        return
    for short in keys:
        longer = [
            key for key in keys
            if len(names[key]) > len(names[short])
            and names[key][: len(names[short])] == names[short]
            and all(word in resources.places for word in names[key][len(names[short]) :])
        ]
        if len({union.find(key) for key in longer}) == 1:
            union.union(short, longer[0])


def _dominant_party(mentions: list[Mention], entity_of) -> str | None:
    counts = Counter(entity_of(m) for m in mentions if m.kind == "Party")
    return counts.most_common(1)[0][0] if counts else None


def _well_formed(name: str, resources: Resources) -> int:
    """How many words of the name look misspelt (0 for a clean name): unknown, and near a known designator."""
    designators = resources.patterns["designators"]["political"]
    return sum(
        1 for word in name.split()
        if word not in designators and not resources.lexicon.is_known(word) and _near_known(word, resources)
    )


def _near_known(word: str, resources: Resources) -> bool:
    """An unknown word one letter away from a designator is a typo of it («کمونست» for «کمونیست»)."""
    return any(
        Indel.normalized_similarity(word, designator) >= TYPO_SIMILARITY
        for designator in resources.patterns["designators"]["political"]
        if abs(len(designator) - len(word)) <= 2
    )


def _choose_label(spellings: Counter, resources: Resources) -> str:
    return min(spellings, key=lambda s: (_well_formed(s, resources), -len(s.split()), -spellings[s], s))


def resolve(documents: list[Document], resources: Resources) -> Resolution:
    """Cross-document entity resolution over all documents of a build."""
    union = _UnionFind()
    groups: dict[Kind, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc in documents:
        for mention in doc.mentions:
            if mention.kind != "Event":
                groups[mention.kind][_group_key(mention)].append(_surface(mention))
    for kind, kind_groups in groups.items():
        for key in kind_groups:
            union.find(key)
        _join_spellings(kind_groups, kind, union, resources)

    def body_entity(mention: Mention) -> str:
        return union.find(_group_key(mention))

    event_keys = _resolve_events(documents, body_entity)
    entities: dict[str, Entity] = {}
    mention_entity: dict[tuple[str, int, int, str], str] = {}
    for doc in documents:
        for mention in doc.mentions:
            if mention.kind == "Event":
                key, facts = event_keys[(doc.identifier, mention.start, mention.end)]
            else:
                key, facts = body_entity(mention), {}
                if code := mention.attribute("place_code"):
                    facts = {"place_code": code}
            entity = entities.setdefault(key, Entity(mention.kind, key))
            entity.mentions.append((doc.identifier, mention))
            entity.facts.update(facts)
            mention_entity[(doc.identifier, mention.start, mention.end, mention.kind)] = key
    _label_entities(entities, resources)
    _add_containing_places(entities, resources)
    facts = _resolve_relations(documents, mention_entity, body_entity)
    return Resolution(dict(sorted(entities.items())), mention_entity, facts)


def _resolve_relations(documents: list[Document], mention_entity: dict, body_entity) -> list[Fact]:
    facts = set()
    for doc in documents:
        dominant = _dominant_party(list(doc.mentions), body_entity)
        for relation in doc.relations:
            spec = relation_spec(relation.kind)  # what the relation may link (kinds.toml)
            is_part = spec.about_document
            subject = "" if is_part else next(
                (mention_entity[(doc.identifier, *relation.subject, kind)] for kind in spec.subject
                 if (doc.identifier, *relation.subject, kind) in mention_entity), None)
            if relation.object_is_bare:
                target = _party_named_before(doc, relation, body_entity) or dominant
            else:
                target = next((mention_entity[(doc.identifier, *relation.object, kind)] for kind in spec.object
                               if (doc.identifier, *relation.object, kind) in mention_entity), "")
            if (subject or is_part) and (target or spec.to_value):
                facts.add(Fact(relation.kind, subject, target, doc.identifier, relation.evidence, relation.role,
                               relation.value, relation.value_end, relation.note,
                               relation.subject if is_part else None))
    return sorted(facts, key=lambda f: (f.kind, f.subject, f.object, f.document, f.evidence, f.role, f.value,
                                        f.part or (0, 0)))


def _party_named_before(doc: Document, relation, body_entity) -> str | None:
    """«حزب دموکراتیک خلق افغانستان … و نورمحمد تره‌کی، دبیرکل حزب، …»: a bare «حزب» after a party named
    earlier in the same sentence is that party, whatever party the document is mostly about."""
    sentence_start, _ = relation.evidence
    before = [m for m in doc.mentions
              if m.kind == "Party" and sentence_start <= m.start and m.end <= relation.object[0]]
    return body_entity(max(before, key=lambda m: m.end)) if before else None


def _add_containing_places(entities: dict[str, Entity], resources: Resources) -> None:
    """City → province → country from the lexicons, so that a query for a province finds its cities.

    A containing place the texts never name becomes an entity with no mentions: it is known from the
    gazetteer, not found in a document.
    """
    by_code = {place.code: place for place in resources.places.values()}
    entity_by_code = {e.facts["place_code"]: e for e in entities.values() if "place_code" in e.facts}
    pending = list(entity_by_code.values())
    while pending:
        entity = pending.pop()
        place = by_code.get(entity.facts["place_code"])
        parent = by_code.get(place.parent) if place else None
        if parent is None or parent.code == place.code:
            continue
        container = entity_by_code.get(parent.code)
        if container is None:
            key = f"Place:gazetteer:{parent.code}"  # apart from mention keys: «تهران» the city is not the province
            container = entities.setdefault(key, Entity("Place", key, label=parent.name,
                                                        facts={"place_code": parent.code}))
            entity_by_code[parent.code] = container
            pending.append(container)
        entity.facts["contained_in"] = container.key


def _resolve_events(documents: list[Document], body_entity) -> dict[tuple[str, int, int], tuple[str, dict]]:
    """Event keys: head, ordinal and organiser; an event with no organiser named is one of its document's."""
    keys: dict[tuple[str, int, int], tuple[str, dict]] = {}
    for doc in documents:
        dominant = _dominant_party(list(doc.mentions), body_entity)
        with_organiser: dict[tuple[str, str], tuple[str, dict]] = {}
        descriptions: dict[str, set[str]] = {}  # head → the descriptions its events have in this document
        pending = []
        for mention in doc.mentions:
            if mention.kind != "Event":
                continue
            head, ordinal, tail = mention.attribute("head"), mention.attribute("ordinal"), mention.attribute("tail")
            if ordinal is None:
                keys[(doc.identifier, mention.start, mention.end)] = (_group_key(mention), {})
                continue
            organiser = None
            if tail == "body":
                inner = [m for m in doc.mentions if m.kind in body_kinds()
                         and mention.start < m.start and m.end == mention.end]
                organiser = body_entity(inner[0]) if inner else None
            elif tail == "own":  # «حزب کمونیست عراق … نخستین کنگره خود»: the body the text says held it
                organiser = _stated_organiser(doc, mention, body_entity)
            elif tail in ("bare", "organ"):
                organiser = dominant
            organ = _organ_of(mention)
            if organiser:
                facts = {"organizer": organiser, "ordinal": ordinal, "head": head, "organ": organ}
                key = f"Event:{head}|{ordinal}|{organ}|{organiser}"
                with_organiser.setdefault((head, ordinal), (key, facts))
                keys[(doc.identifier, mention.start, mention.end)] = (key, facts)
            elif tail == "description":
                description = mention.attribute("organiser_text") or ""
                descriptions.setdefault(head, set()).add(description)
                keys[(doc.identifier, mention.start, mention.end)] = _described_event(head, ordinal, description)
            else:
                pending.append((mention, head, ordinal))
        for mention, head, ordinal in pending:
            # «کنگره یازدهم» alone is the congress its document names in full, if it does; «نشست‌های اول و
            # دوم» in a text about «نشست چهارم نیروهای چپ و کمونیست» are of that series; else its own.
            fallback = (f"Event:{head}|{ordinal}|document:{doc.identifier}", {"ordinal": ordinal, "head": head})
            if len(descriptions.get(head, ())) == 1:
                fallback = _described_event(head, ordinal, next(iter(descriptions[head])))
            keys[(doc.identifier, mention.start, mention.end)] = with_organiser.get((head, ordinal), fallback)
    return keys


def _stated_organiser(doc: Document, event: Mention, body_entity) -> str | None:
    """The entity of the body an organizer relation of the event points at, if there is one."""
    span = next((r.object for r in doc.relations if r.kind == "organizer" and r.subject == (event.start, event.end)),
                None)
    body = next((m for m in doc.mentions if m.kind in body_kinds() and (m.start, m.end) == span), None)
    return body_entity(body) if body else None


def _described_event(head: str, ordinal: str, description: str) -> tuple[str, dict]:
    """An event of a series named by a description, not a body: «نشست چهارم نیروهای چپ و کمونیست»."""
    return f"Event:{head}|{ordinal}|{name_key(description)}", {"ordinal": ordinal, "head": head,
                                                               "description": description}


def _organ_of(mention: Mention) -> str:
    text = mention.attribute("organiser_text") or ""
    for organ in ("کمیته مرکزی", "دفتر سیاسی", "هیئت اجرایی", "کمیته اجرایی"):
        if text.startswith(organ):
            return organ
    return ""


def _label_entities(entities: dict[str, Entity], resources: Resources) -> None:
    for entity in entities.values():
        spellings = Counter(_surface(m) for _, m in entity.mentions)
        texts = Counter(" ".join(m.text.split()) for _, m in entity.mentions)
        if entity.kind == "Event" and "ordinal" in entity.facts:
            entity.label = _event_label(entity, entities, spellings, resources)
        elif entity.kind == "Place":
            entity.label = next(iter(sorted(spellings)))  # the gazetteer's name
        else:
            entity.label = _choose_label(spellings, resources)
        entity.alt_labels = sorted(set(texts) - {entity.label})  # spellings as they stand in the texts


def _event_label(entity: Entity, entities: dict[str, Entity], spellings: Counter, resources) -> str:
    facts = entity.facts
    core = f"{facts['head']} {ordinal_words(int(facts['ordinal']))}"
    organiser = facts.get("organizer")
    if organiser and organiser in entities:
        organiser_entity = entities[organiser]
        organiser_label = organiser_entity.label or _choose_label(
            Counter(_surface(m) for _, m in organiser_entity.mentions), resources
        )
        return " ".join(filter(None, [core, facts.get("organ", ""), organiser_label]))
    if description := facts.get("description"):
        return f"{core} {description}"
    return _choose_label(spellings, resources) if spellings else core

"""The objects that flow through the pipeline.

read → :class:`SourceFile`; normalise → :class:`Document` (normalised text, tokens, sentences and a map back
to the source characters); extract → the same document with :class:`Mention` objects; resolve and assemble
work on many documents at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

Kind = str  # a kind's name, as graphbuild.kinds declares it: "Party", "Organization", "Person", "Place", "Event"


@dataclass(frozen=True)
class SourceFile:
    """A file as a reader made it (:mod:`graphbuild.readers`): its path relative to the sources folder and the
    document's text, with a map back to the file where the text is not the file's own characters."""

    identifier: str  # relative path with '/' separators, e.g. "h01.txt"
    text: str  # decoded text, BOM removed, line ends kept as they are on disk
    metadata: dict[str, str] = field(default_factory=dict)  # from the optional catalogue (and the file's own)
    media_type: str = "text/plain"  # of the file as it was on disk
    # origin[i] = where in the file character i of ``text`` came from (for an extracted text: a web page's, a
    # PDF's); empty when ``text`` is the file's own decoded characters, as for plain text.
    origin: tuple[int, ...] = ()


@dataclass(frozen=True)
class Token:
    """A word, number or punctuation mark of the normalised text; offsets into ``Document.text``."""

    text: str
    start: int
    end: int
    is_word: bool


@dataclass(frozen=True)
class Mention:
    """A stretch of the normalised text that names an entity.

    ``start``/``end`` index the normalised text; ``Document.source_span`` maps them to the source file.
    ``key_text`` is the name as the extractor understood it (for example with an ordinal spelled out); it is
    what resolution compares. ``attributes`` carries extractor findings that later stages turn into facts.
    """

    start: int
    end: int
    kind: Kind
    text: str
    source: str  # which extractor found it
    key_text: str = ""
    attributes: tuple[tuple[str, str], ...] = ()

    @property
    def name(self) -> str:
        return self.key_text or self.text

    def attribute(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class Relation:
    """A fact the text states between two stretches of it: «بهروز مهرآبادی عضو کمیته مرکزی حزب …».

    ``subject`` and ``object`` are (start, end) spans of mentions in the normalised text, except that the
    object may be a bare reference («حزب»، «حزب ما») that resolution ties to the document's own party;
    ``evidence`` is the span of the sentence that states it.
    """

    # a relation declared in graphbuild/ontology/kinds.toml: "memberOf", "organizer", "location", "date", …;
    # a document's own facts ("signatory", "author", …) have a part of the document as their subject
    kind: str
    subject: tuple[int, int]
    object: tuple[int, int]
    evidence: tuple[int, int]
    role: str = ""
    object_is_bare: bool = False
    value: str = ""  # for "date": ISO start (YYYY, YYYY-MM or YYYY-MM-DD, Gregorian)
    value_end: str = ""  # for "date": ISO end of a multi-day event
    note: str = ""


@dataclass(frozen=True)
class Document:
    """One source document after normalisation, and later with its mentions."""

    source: SourceFile
    text: str  # normalised text
    offsets: tuple[int, ...]  # offsets[i] = index in source.text of normalised character i; len(text) + 1 long
    tokens: tuple[Token, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # (start, end) in the normalised text
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = ()
    # Named layers that components add for later ones (the candidate mentions before they are settled, the
    # document's dates): (name, value) pairs, so the document stays frozen and picklable.
    layers: tuple[tuple[str, Any], ...] = ()

    @property
    def identifier(self) -> str:
        return self.source.identifier

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source-file character span behind normalised characters ``start:end``."""
        if end <= start:
            return self.offsets[start], self.offsets[start]
        covered = self.offsets[start:end]
        return min(covered), max(covered) + 1

    def source_text(self, start: int, end: int) -> str:
        source_start, source_end = self.source_span(start, end)
        return self.source.text[source_start:source_end]

    def sentence_of(self, position: int) -> tuple[int, int]:
        for start, end in self.sentences:
            if start <= position < end:
                return start, end
        return 0, len(self.text)

    def layer(self, name: str, default: Any = ()) -> Any:
        return next((value for key, value in self.layers if key == name), default)

    def with_layer(self, name: str, value: Any) -> Document:
        return replace(self, layers=(*((k, v) for k, v in self.layers if k != name), (name, value)))

    def without_layer(self, name: str) -> Document:
        return replace(self, layers=tuple((k, v) for k, v in self.layers if k != name))

    def with_mentions(self, mentions: list[Mention] | tuple[Mention, ...]) -> Document:
        ordered = tuple(sorted(set(mentions), key=lambda m: (m.start, -m.end, m.kind, m.name)))
        return replace(self, mentions=ordered)

    def with_relations(self, relations: list[Relation]) -> Document:
        return replace(self, relations=tuple(sorted(set(relations), key=lambda r: (r.subject, r.object, r.kind))))

"""The loaded language data every component receives: one frozen object, passed in.

A language package (:mod:`graphbuild.lang.fa`) builds it once per process from its data files; the build
hands it to the pipeline, which hands it to every component's factory. No component loads or changes it:
values a component works out from it once (a set of pattern words, a compiled pattern) are asked for with
:meth:`Resources.derived`, which builds each one the first time and never replaces it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from graphbuild.lang.fa.lexicon import Lexicon

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


@dataclass(frozen=True)
class KnownEntity:
    name: str
    kind: str


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per process
class Resources:
    lexicon: Lexicon
    patterns: Mapping[str, Any]  # the language package's patterns.toml
    places: Mapping[str, Place]  # normalised name → place
    place_aliases: Mapping[str, str]  # other name → name in ``places``
    given_names: frozenset[str]
    family_names: frozenset[str]
    known_entities: Mapping[str, KnownEntity] = field(default_factory=dict)  # name or alias → entity
    data_dir: Path | None = None  # the language package's folder: model files and the lexicons one component reads
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def derived(self, key: str, build: Callable[[], T]) -> T:
        """A value worked out from the language data (a set of pattern words, a compiled pattern), built the first
        time it is asked for and then only read: ``build`` must depend on the language data alone, so the value
        is as fixed as the data. Extractors ask at every token, so it must not be rebuilt."""
        try:
            return self._derived[key]
        except KeyError:
            return self._derived.setdefault(key, build())

    def data_file(self, name: str) -> Path:
        if self.data_dir is None:
            raise FileNotFoundError(f"{name}: these resources were not loaded from a language package's folder")
        return self.data_dir / name

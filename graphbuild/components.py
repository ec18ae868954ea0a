"""Per-document components, their registry, and the pipeline that runs them over one document.

As in spaCy: a component is made by a registered factory from the loaded resources and its settings, and is
then a callable from a :class:`~graphbuild.document.Document` to a Document. Each declares the layers it
reads and the layers it adds (``tokens``, ``candidates``, ``mentions``, ``relations``, or a named layer such
as ``dates``), and the pipeline checks, when it is made, that every layer a component reads is there by then.
Which components run, in which order and with which settings is data: the language package's
``pipeline.toml``.

A third party adds a component with the :func:`component` decorator in its own module, or through the entry
point group ``graphbuild_components`` (``catalogue`` reads both).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import catalogue

from graphbuild.document import Document, Mention, Relation, SourceFile
from graphbuild.resources import Resources

registry = catalogue.create("graphbuild", "components", entry_points=True)

# What a document has once it is normalised, before any component ran.
NORMALISED_LAYERS = ("text", "tokens", "sentences")


class Component(Protocol):
    """One step of the per-document pipeline."""

    def __call__(self, doc: Document) -> Document: ...


Factory = Callable[..., Component]  # factory(resources, **settings) -> component


@dataclass(frozen=True)
class ComponentSpec:
    name: str
    factory: Factory
    reads: tuple[str, ...]
    adds: tuple[str, ...]


class PipelineError(ValueError):
    """A pipeline that cannot run: an unknown component, a setting it does not take, a layer nobody adds."""


def component(name: str, *, reads: Iterable[str], adds: Iterable[str]) -> Callable[[Factory], Factory]:
    """Register ``factory(resources, **settings) -> component`` under ``name``."""

    def register(factory: Factory) -> Factory:
        registry.register(name, func=ComponentSpec(name, factory, tuple(reads), tuple(adds)))
        return factory

    return register


class MentionFinder(Protocol):
    """What an extractor of mentions is: it reads a document and returns the mentions it found, nothing else."""

    name: str

    def __call__(self, doc: Document, resources: Resources) -> list[Mention]: ...


class RelationFinder(Protocol):
    """An extractor of facts: runs once the mentions are settled and returns the relations it found."""

    name: str

    def __call__(self, doc: Document, resources: Resources) -> list[Relation]: ...


def mention_finder(name: str, *, reads: Iterable[str] = ("tokens",)) -> Callable[[type], type]:
    """Register an extractor class whose instances find mentions: they are added to the ``candidates``
    layer, which the ``combine`` component settles into the document's mentions."""

    def register(finder_class: type) -> type:
        def factory(resources: Resources, **settings: Any) -> Component:
            finder = _construct(finder_class, resources, settings)

            def find(doc: Document) -> Document:
                return doc.with_layer("candidates", doc.layer("candidates") + tuple(finder(doc, resources)))

            return find

        component(name, reads=reads, adds=("candidates",))(factory)
        return finder_class

    return register


def relation_finder(name: str, *, reads: Iterable[str] = ("mentions",)) -> Callable[[type], type]:
    """Register an extractor class whose instances find relations between the settled mentions."""

    def register(finder_class: type) -> type:
        def factory(resources: Resources, **settings: Any) -> Component:
            finder = _construct(finder_class, resources, settings)

            def find(doc: Document) -> Document:
                return doc.with_relations([*doc.relations, *finder(doc, resources)])

            return find

        component(name, reads=reads, adds=("relations",))(factory)
        return finder_class

    return register


def _construct(finder_class: type, resources: Resources, settings: dict[str, Any]):
    """An extractor made from its settings; one that reads something once (a model) says so with a
    ``from_resources`` class method, which receives the resources."""
    if hasattr(finder_class, "from_resources"):
        return finder_class.from_resources(resources, **settings)
    return finder_class(**settings)


def spec(name: str) -> ComponentSpec:
    _register_built_ins()
    try:
        return registry.get(name)
    except catalogue.RegistryError:
        known = ", ".join(sorted(registry.get_all()))
        raise PipelineError(f"no component named {name!r}; registered: {known}") from None


def read_pipeline_file(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """The ``[[component]]`` tables of a pipeline file: each a ``name`` and its optional ``settings``."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PipelineError(f"{path}: pipeline not read: {error}") from None
    steps = []
    for entry in table.get("component", []):
        if "name" not in entry:
            raise PipelineError(f"{path}: a [[component]] without a name")
        steps.append((entry["name"], dict(entry.get("settings", {}))))
    return steps


class Pipeline:
    """The per-document stages for one set of resources: normalise, then each component in order.

    Made once per process (it builds every component, the recogniser's model among them) and then called
    for each document; calling it is a pure function of the source file."""

    def __init__(self, resources: Resources, steps: Iterable[tuple[str, Mapping[str, Any]]] | None = None):
        from graphbuild.lang.fa import PIPELINE_FILE

        self.resources = resources
        self.steps = list(steps) if steps is not None else read_pipeline_file(PIPELINE_FILE)
        self.specs = [spec(name) for name, _ in self.steps]
        _check_layers(self.specs)
        self.components = [self._make(s, dict(settings)) for s, (_, settings) in zip(self.specs, self.steps)]

    def _make(self, component_spec: ComponentSpec, settings: dict[str, Any]) -> Component:
        try:
            return component_spec.factory(self.resources, **settings)
        except TypeError as error:
            raise PipelineError(f"component {component_spec.name!r}: {error}") from None

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.specs]

    def make_doc(self, source: SourceFile) -> Document:
        from graphbuild.normalise import normalise

        return normalise(source, self.resources)

    def run(self, doc: Document) -> Document:
        """Every component over a normalised document."""
        for step in self.components:
            doc = step(doc)
        return doc

    def __call__(self, source: SourceFile) -> Document:
        return self.run(self.make_doc(source))


def _check_layers(specs: list[ComponentSpec]) -> None:
    available = set(NORMALISED_LAYERS)
    for component_spec in specs:
        missing = [layer for layer in component_spec.reads if layer not in available]
        if missing:
            raise PipelineError(f"component {component_spec.name!r} reads {', '.join(missing)}, "
                                "which no component before it adds")
        available.update(component_spec.adds)


def _register_built_ins() -> None:
    """Import the modules whose decorators register the package's own components."""
    import graphbuild.extract  # noqa: F401

"""The whole build: read → normalise → extract (per document) → resolve → assemble → export (across all).

Per-document work is :func:`process_document`, a pure function of the source file and the pipeline made
from the loaded resources (:class:`graphbuild.components.Pipeline`), so it runs in worker processes when
``jobs > 1``: each worker makes its pipeline once, when it starts. Resolution and assembly see every document
at once and run in the main process.
"""

from __future__ import annotations

import io
import logging
import os
import socket
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from filelock import FileLock, Timeout
from rdflib import Graph
from tqdm import tqdm

from graphbuild.assemble import assemble
from graphbuild.components import Pipeline
from graphbuild.document import Document, SourceFile
from graphbuild.export import BUILD_FORMATS, ExportContext, get_exporter
from graphbuild.export.files import write_together
from graphbuild.graph_file import GraphReadError, read_graph
from graphbuild.lang.fa import load as load_resources
from graphbuild.read import ReadError, read_sources
from graphbuild.resolve import Resolution, resolve
from graphbuild.resources import Resources
from graphbuild.validate import ValidationReport, validate

log = logging.getLogger("graphbuild")

OUTPUT_STEM = "graph"  # the build writes output/graph.ttl, output/graph.html: one file per format of BUILD_FORMATS
TURTLE_NAME = "graph.ttl"
LOCK_NAME = ".graphbuild.lock"  # in the output folder while a build writes there; it names that build
DOCUMENTS_PER_WORKER = 25  # below this many documents per process, starting workers costs more than it saves


class BuildError(Exception):
    """A build that wrote nothing, leaving the earlier outputs as they were; the message says why."""


@dataclass
class BuildResult:
    graph: Graph
    documents: list[Document]
    resolution: Resolution
    problems: list[str] = field(default_factory=list)  # one line per file that could not be used
    outputs: list[Path] = field(default_factory=list)
    validation: ValidationReport | None = None  # the output checked against ontology/shapes.ttl

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entity in self.resolution.entities.values():
            counts[entity.kind] = counts.get(entity.kind, 0) + 1
        return dict(sorted(counts.items()))


def process_document(source: SourceFile, pipeline: Pipeline) -> Document:
    """Read → normalise → extract for one document. Pure: depends only on the file and the pipeline."""
    return pipeline(source)


def _safe_process(source: SourceFile, pipeline: Pipeline) -> Document | str:
    try:
        return process_document(source, pipeline)
    except Exception as error:  # one bad document must not stop the build; the message names it
        return f"{source.identifier}: skipped: extraction failed: {type(error).__name__}: {error}"


@lru_cache(maxsize=2)
def default_pipeline(resources: Resources) -> Pipeline:
    """The language package's pipeline for these resources, made once per process: making it reads the
    recogniser's model."""
    return Pipeline(resources)


_worker_pipeline: Pipeline | None = None  # a worker process's own pipeline, made once when it starts


def _start_worker(steps: list) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(load_resources(), steps)


def _process_in_worker(source: SourceFile) -> Document | str:
    assert _worker_pipeline is not None, "the pool's initializer makes the pipeline"
    return _safe_process(source, _worker_pipeline)


def process_documents(sources: list[SourceFile], pipeline: Pipeline, jobs: int | None = None,
                      progress: bool = False) -> tuple[list[Document], list[str]]:
    """Run the per-document stages over many documents, in worker processes if that pays."""
    if jobs is None:
        jobs = max(1, min(os.cpu_count() or 1, len(sources) // DOCUMENTS_PER_WORKER))
    bar = tqdm(total=len(sources), desc="documents", unit="doc", disable=not progress, leave=False)
    results: list[Document | str] = []
    if jobs <= 1:
        for source in sources:
            results.append(_safe_process(source, pipeline))
            bar.update()
    else:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(pipeline.steps,)) as pool:
            for result in pool.map(_process_in_worker, sources, chunksize=4):
                results.append(result)
                bar.update()
    bar.close()
    documents = [r for r in results if isinstance(r, Document)]
    problems = [r for r in results if isinstance(r, str)]
    return documents, problems


def build_graph(sources_dir: Path, previous: Graph | None = None, jobs: int | None = None,
                progress: bool = False, report: Callable[[str], None] = log.warning,
                resources: Resources | None = None, pipeline: Pipeline | None = None,
                follow_links: bool = True) -> BuildResult:
    """Build the knowledge graph of every text document under ``sources_dir``, writing nothing.

    ``resources`` defaults to the Persian language package's, loaded once per process; ``pipeline`` to the
    language package's own (``pipeline.toml``), or give one with other components. Symbolic links are
    followed inside ``sources_dir`` only, and not at all without ``follow_links``."""
    if not sources_dir.is_dir():
        raise FileNotFoundError(f"{sources_dir}: no such folder of source documents")
    sources, problems = [], []
    for item in read_sources(sources_dir, follow_links=follow_links):
        if isinstance(item, ReadError):
            problems.append(str(item))
            report(str(item))
        else:
            sources.append(item)
    pipeline = pipeline or default_pipeline(resources or load_resources())
    resources = pipeline.resources
    documents, failures = process_documents(sources, pipeline, jobs=jobs, progress=progress)
    for failure in failures:
        report(failure)
    problems += failures
    for doc in documents:
        for warning in doc.warnings:
            log.info("%s: %s", doc.identifier, warning)
    resolution = resolve(documents, resources)
    graph = assemble(documents, resolution, previous=previous)
    return BuildResult(graph, documents, resolution, problems)


def load_previous(path: Path, report: Callable[[str], None] = log.warning) -> Graph | None:
    """The graph of an earlier build, whose IRIs the new build keeps; None if there is none or it is unreadable."""
    if not path.exists():
        return None
    try:
        return read_graph(path)
    except GraphReadError as error:  # a damaged earlier output must not stop a new build
        report(f"{path}: earlier graph not read, entity IRIs are minted afresh: {error}")
        return None


def build(sources_dir: Path = Path("sources"), output_dir: Path = Path("output"), title: str = "graphbuild",
          jobs: int | None = None, progress: bool = False,
          report: Callable[[str], None] = log.warning, check: bool = True, allow_empty: bool = False,
          follow_links: bool = True) -> BuildResult:
    """Build ``sources_dir`` into ``output_dir/graph.ttl`` and ``output_dir/graph.html``.

    The outputs are replaced together or not at all (:func:`write_together`): a failure, a full disk among
    them, raises :class:`BuildError` and leaves the earlier pair whole. So does a build that read no document
    while the output holds a graph, unless ``allow_empty``, and a build into a folder another build is
    writing to (a lock file there names it).

    With ``check`` (the default) the graph is then validated against the SHACL shapes, and its text selectors
    against the documents (:mod:`graphbuild.selectors`); violations are reported, and kept in
    ``result.validation``, but do not fail the build.
    """
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"{output_dir}: the output folder cannot be made: {error.strerror or error}") from None
    with output_lock(output_dir, sources_dir):
        previous = load_previous(output_dir / TURTLE_NAME, report)
        result = build_graph(sources_dir, previous=previous, jobs=jobs, progress=progress, report=report,
                             follow_links=follow_links)
        if not result.documents and not allow_empty and _holds_a_graph(output_dir / TURTLE_NAME, previous):
            raise BuildError(f"{sources_dir}: no readable document, so the graph in {output_dir} is kept; "
                             "give --allow-empty to replace it with an empty one")
        result.outputs = _write_outputs(result, output_dir, title)
    if check:
        result.validation = validate(result.graph, documents={doc.identifier: doc for doc in result.documents})
        if not result.validation.conforms:
            report(result.validation.summary())
    return result


def _holds_a_graph(turtle: Path, previous: Graph | None) -> bool:
    """Whether the output folder holds an earlier graph worth keeping: one with triples, or one that could
    not be read (which an empty build must not silently replace either)."""
    if previous is not None:
        return len(previous) > 0
    return turtle.exists() and turtle.stat().st_size > 0


def _write_outputs(result: BuildResult, output_dir: Path, title: str) -> list[Path]:
    """Render every format of BUILD_FORMATS, then write them together: all of them, or none."""
    context = ExportContext(documents=result.documents, title=title)
    rendered = []
    for name in BUILD_FORMATS:
        spec = get_exporter(name)
        stream = io.BytesIO()
        spec.write(result.graph, stream, context)
        rendered.append((output_dir / f"{OUTPUT_STEM}{spec.suffix}", stream.getvalue()))
    try:
        write_together(rendered)
    except OSError as error:
        names = " and ".join(path.name for path, _ in rendered)
        raise BuildError(f"{output_dir}: nothing written ({error.strerror or error}); "
                         f"the earlier {names} are as they were") from None
    return [path for path, _ in rendered]


@contextmanager
def output_lock(output_dir: Path, sources_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock file for a build; :class:`BuildError` naming the other build if one
    holds it already. The lock (flock, through ``filelock``) goes with the process that held it, so a build
    that was killed leaves no stale lock; the empty file stays."""
    started = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")
    owner = f"pid {os.getpid()} on {socket.gethostname()}, building {sources_dir.resolve()}, since {started}"

    held: list[int] = []  # the lock file's descriptor, which filelock lends while the lock is held

    def record_owner(handle: int) -> None:
        held.append(handle)
        try:
            os.ftruncate(handle, 0)
            os.pwrite(handle, owner.encode(), 0)
        except OSError:  # a full disk: the lock holds all the same, only its owner goes unnamed
            pass

    lock = FileLock(output_dir / LOCK_NAME, timeout=0, on_acquired=record_owner)
    try:
        lock.acquire()
    except Timeout:
        raise BuildError(f"{output_dir}: another build is writing there ({_lock_owner(output_dir / LOCK_NAME)}); "
                         "wait for it to end, or build into another folder") from None
    except OSError as error:
        raise BuildError(f"{output_dir / LOCK_NAME}: the output folder cannot be locked: "
                         f"{error.strerror or error}") from None
    try:
        yield
    finally:
        with suppress(OSError):  # the file stays (flock's waiters share its inode); its owner's name goes
            for handle in held[-1:]:
                os.ftruncate(handle, 0)
        lock.release()


def _lock_owner(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip() or "which did not say who it is"
    except OSError:
        return "which did not say who it is"

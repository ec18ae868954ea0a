"""The command line: a thin layer over :mod:`graphbuild.pipeline` and :mod:`graphbuild.query`."""

from __future__ import annotations

import errno
import json
import logging
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import click

from graphbuild import __version__
from graphbuild.evaluate import GoldError, evaluate
from graphbuild.evaluate_realtexts import RealTextsEvaluation
from graphbuild.export import exporters
from graphbuild.pipeline import BuildError, build
from graphbuild.query import DEFAULT_ENGINE, ENGINES, FORMATS, QueryError, format_result, load, run_query
from graphbuild.validate import LISTED, SHAPES_PATH, GraphReadError, validate


class _RegistryChoice(click.Choice):
    """The names of a registry, read when the option is used (click.Choice copies its choices when made):
    so ``--help`` of other commands imports no exporter, and one registered after import is offered too."""

    def __init__(self, names: Callable[[], Iterable[str]]) -> None:
        self._names = names
        super().__init__((), case_sensitive=True)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(self._names())

    @choices.setter
    def choices(self, _value) -> None:  # click's __init__ sets it; the registry is the source
        pass


def _report(message: str) -> None:
    click.echo(f"graphbuild: {message}", err=True)


class _Commands(click.Group):
    """The commands, with what the operating system refuses (a folder that cannot be written, a full disk)
    said as a message and exit status 1, never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except OSError as error:
            if error.errno == errno.EPIPE:  # a closed pipe (`| head`): click's own handling ends quietly
                raise
            where = f"{error.filename}: " if error.filename else ""
            raise click.ClickException(f"{where}{error.strerror or error}") from None


def _fail(message: str, exit_code: int = 1) -> click.ClickException:
    failure = click.ClickException(message)
    failure.exit_code = exit_code
    return failure


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="graphbuild")
@click.option("-v", "--verbose", is_flag=True, help="Also say what normalisation repaired in each document.")
def main(verbose: bool) -> None:
    """Knowledge graphs of parties, organisations, people, places and events from Persian political texts."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="graphbuild: %(message)s")
    # rdflib logs a traceback for every ill-typed literal it reads («"2016-13-45"^^xsd:date»); validate names them.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)


@main.command("build")
@click.argument("sources", type=click.Path(path_type=Path, file_okay=False), default=Path("sources"))
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for graph.ttl and graph.html.")
@click.option("--title", default="graphbuild", show_default=True, help="Title of the HTML map.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the per-document stages (default: by corpus size).")
@click.option("--validate/--no-validate", "check", default=True, show_default=True,
              help="Check the graph against the SHACL shapes (ontology/shapes.ttl) and report violations.")
@click.option("--allow-empty", is_flag=True,
              help="Replace an earlier graph even when no document could be read (else the build refuses).")
@click.option("--follow-links/--no-follow-links", default=True, show_default=True,
              help="Follow symbolic links that stay inside SOURCES (links out of it are never followed).")
def build_command(sources: Path, output_dir: Path, title: str, jobs: int | None, check: bool, allow_empty: bool,
                  follow_links: bool) -> None:
    """Build every text document under SOURCES (default: sources/) into OUTPUT/graph.ttl and graph.html.

    Both files are replaced together or not at all. Exit status 1 if nothing was written: no document could
    be read while OUTPUT holds a graph (see --allow-empty), another build is writing to OUTPUT, or the files
    could not be written (a full disk); the earlier files are then as they were."""
    if not sources.is_dir():
        raise click.UsageError(f"{sources}: no such folder of source documents")
    try:
        result = build(sources, output_dir, title=title, jobs=jobs, progress=sys.stderr.isatty(), report=_report,
                       check=check, allow_empty=allow_empty, follow_links=follow_links)
    except BuildError as error:
        raise _fail(str(error)) from None
    counts = ", ".join(f"{count} {kind}" for kind, count in result.counts().items()) or "no entities"
    click.echo(f"{len(result.documents)} documents → {counts}; {len(result.graph)} triples")
    for path in result.outputs:
        click.echo(f"wrote {path}")
    if result.problems:
        click.echo(f"{len(result.problems)} file(s) skipped: see the messages above", err=True)
    if result.validation is not None and result.validation.conforms:
        click.echo(result.validation.summary())
    elif result.validation is not None:
        click.echo(f"{len(result.validation.violations)} violation(s) of the shapes: see the messages above", err=True)


@main.command("query")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Read the query from a .rq file instead.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--engine", type=click.Choice(ENGINES), default=DEFAULT_ENGINE, show_default=True,
              help="Oxigraph (fast) or rdflib (pure Python).")
def query_command(graph: Path, sparql: str | None, query_file: Path | None, output_format: str, engine: str) -> None:
    """Run a SPARQL query over GRAPH (Turtle): SELECT and ASK print a table, CONSTRUCT and DESCRIBE Turtle.
    Prefixes gb:, schema:, oa:, skos:… are predeclared."""
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query either as an argument or with --file, not both")
    try:
        text = query_file.read_text(encoding="utf-8") if query_file else sparql
    except UnicodeDecodeError as error:
        raise _fail(f"{query_file}: not UTF-8 text (byte {error.start}): save the query as UTF-8") from None
    try:
        store = load(graph, engine)
    except (GraphReadError, ValueError, SyntaxError) as error:  # Oxigraph's parse error is a SyntaxError
        message = str(error)
        raise _fail(message if message.startswith(str(graph)) else f"{graph}: not read as a graph: {message}") from None
    try:
        result = run_query(store, text)
        output = format_result(result, output_format)
    except (QueryError, ValueError) as error:  # a malformed query is the user's to fix: say what the parser said
        where = f"{query_file}: " if query_file else ""
        raise click.ClickException(f"query failed: {where}{error}") from None
    click.echo(output)


@main.command("serve")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="0 takes a free port.")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True, metavar="SECONDS",
              help="How long a query may run; a longer one is stopped and answered 503.")
@click.option("--max-body", type=click.IntRange(min=1), default=1 << 20, show_default=True, metavar="BYTES",
              help="The largest request body accepted (413 above).")
def serve_command(graph: Path, host: str, port: int, timeout: float, max_body: int) -> None:
    """Serve GRAPH read-only over the SPARQL 1.1 Protocol (at /query), with its map (graph.html) at /map.

    Federated queries (SERVICE) are refused."""
    from graphbuild.serve import ServeError, serve

    def announce(endpoint) -> None:
        click.echo(f"serving {graph} at {endpoint.url} (SPARQL: {endpoint.query_url}, map: {endpoint.url}map)")
        click.echo("read-only: updates are refused; Ctrl-C stops", err=True)

    # SIGTERM ends the command the way Ctrl-C does, so Oxigraph is stopped and its store deleted either way.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    try:
        serve(graph, host, port, ready=announce, timeout=timeout, max_body=max_body)
    except ServeError as error:
        raise click.ClickException(str(error)) from None
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@main.command("export")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--format", "export_format", type=_RegistryChoice(lambda: exporters()), required=True,
              help="N-Triples, JSON-LD, TriG (a named graph per document), GraphML, GEXF, Turtle, or the map (html); "
                   "any other registered exporter too.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True), default=None,
              help="File to write ('-': standard output). Default: GRAPH with the format's extension.")
def export_command(graph: Path, export_format: str, output: Path | None) -> None:
    """Write GRAPH (Turtle, or any RDF file) in another format, for triple stores, JSON tools or Gephi."""
    from graphbuild.export.rdf import ExportError, export

    if output is not None and str(output) != "-" and not output.parent.is_dir():
        raise _fail(f"{output}: no such folder {output.parent}; make it first (export makes no folders)")
    try:
        written = export(graph, export_format, output)
    except GraphReadError as error:
        raise _fail(str(error), 2) from None
    except ExportError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise _fail(f"{output or graph}: not written: {error.strerror or error}") from None
    if written is not None:
        click.echo(f"wrote {written}")


@main.command("evaluate")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("gold_folder", required=False, type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--gold", "gold_option", type=click.Path(path_type=Path, exists=True, file_okay=False),
              default=None, help="Folder of gold annotation files (.json), the same as GOLD_FOLDER  [default: tests/gold]")
@click.option("--misses", is_flag=True, help="List the gold entities and facts missed and the false finds.")
@click.option("--json", "json_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write the figures to this JSON file (realtexts figures in score.py's --json shape).")
def evaluate_command(graph: Path, gold_folder: Path | None, gold_option: Path | None, misses: bool,
                     json_path: Path | None) -> None:
    """Score GRAPH against gold annotations: precision, recall and F1 per kind, strict and relaxed, and the facts.

    GOLD_FOLDER (or --gold; default tests/gold) holds the project's gold files (tests/gold/GUIDELINE.md) or
    those of ../shared/realtexts (its GUIDE.md, scored by its score.py's rules), told apart file by file.
    Exit status 2 if the graph or the gold cannot be read."""
    if gold_folder and gold_option and gold_folder.resolve() != gold_option.resolve():
        raise click.UsageError(f"two gold folders given: {gold_folder} and --gold {gold_option}")
    try:
        result = evaluate(graph, gold_folder or gold_option or Path("tests/gold"))
    except (GoldError, GraphReadError) as error:
        failure = click.ClickException(str(error))
        failure.exit_code = 2
        raise failure from None
    real = result.realtexts
    click.echo(f"{len(result.documents) + (len(real.documents) if real else 0)} documents with gold annotations")
    if result.documents:
        click.echo(result.table())
    if real:
        if result.documents:
            click.echo(f"\nrealtexts gold ({len(real.documents)} documents, score.py's rules)")
        click.echo(real.table())
    if misses:
        _echo_misses(result.misses, result.false_finds, result.fact_misses)
        if real:
            _echo_realtexts_misses(real)
    if json_path:
        try:
            json_path.write_text(json.dumps(result.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
        except OSError as error:
            raise _fail(f"{json_path}: not written: {error.strerror or error}") from None


def _echo_misses(missed: list, false_finds: list, fact_misses: list) -> None:
    for document, kind, name in missed:
        click.echo(f"missed  {kind:<12} {name}  ({document})")
    for document, kind, name in false_finds:
        click.echo(f"false   {kind:<12} {name}  ({document})")
    for document, fact, subject, expected, found in fact_misses:
        click.echo(f"fact    {fact:<16} {subject}: gold {expected}, graph {found or '-'}  ({document})")


def _echo_realtexts_misses(real: RealTextsEvaluation) -> None:
    """The realtexts misses kind by kind (relaxed matching), then fact by fact, after their counts."""
    click.echo("misses: " + ", ".join(f"{kind} {count}" for kind, count in real.miss_counts().items()))
    _echo_misses(*real.misses_by_kind())


@main.command("validate")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--shapes", type=click.Path(path_type=Path, exists=True, dir_okay=False), default=SHAPES_PATH,
              help="SHACL shapes to check against (default: the graph contract's, ontology/shapes.ttl).")
@click.option("--limit", type=click.IntRange(min=0), default=LISTED, show_default=True,
              help="How many violations to list one by one (all are counted).")
@click.option("--sources", "sources", type=click.Path(path_type=Path, exists=True, file_okay=False), default=None,
              help="The graph's sources folder: also check that every text selector gives back its text there.")
def validate_command(graph: Path, shapes: Path, limit: int, sources: Path | None) -> None:
    """Check GRAPH (Turtle or any RDF file) against the SHACL shapes, and with --sources every mention's and
    fact's text selectors against the files. Exit status 1 if it does not conform, 2 if it cannot be read."""
    documents = None
    if sources is not None:
        from graphbuild.selectors import processed_sources  # loads the language resources: only when asked

        documents, problems = processed_sources(sources)
        for problem in problems:
            click.echo(problem, err=True)
    try:
        report = validate(graph, shapes, documents=documents)
    except GraphReadError as error:
        failure = click.ClickException(str(error))
        failure.exit_code = 2
        raise failure from None
    click.echo(report.summary(limit))
    sys.exit(0 if report.conforms else 1)


if __name__ == "__main__":
    main()

"""The command line: a thin layer over :mod:`graphbuild.pipeline` and :mod:`graphbuild.query`."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from graphbuild import __version__
from graphbuild.evaluate import evaluate
from graphbuild.pipeline import build
from graphbuild.query import FORMATS, format_result, load_graph, run_query


def _report(message: str) -> None:
    click.echo(f"graphbuild: {message}", err=True)


@click.group()
@click.version_option(__version__, prog_name="graphbuild")
@click.option("-v", "--verbose", is_flag=True, help="Also say what normalisation repaired in each document.")
def main(verbose: bool) -> None:
    """Knowledge graphs of parties, organisations, people, places and events from Persian political texts."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="graphbuild: %(message)s")


@main.command("build")
@click.argument("sources", type=click.Path(path_type=Path, file_okay=False), default=Path("sources"))
@click.option("-o", "--output", "output_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("output"), show_default=True, help="Folder for graph.ttl and graph.html.")
@click.option("--title", default="graphbuild", show_default=True, help="Title of the HTML map.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the per-document stages (default: by corpus size).")
def build_command(sources: Path, output_dir: Path, title: str, jobs: int | None) -> None:
    """Build every text document under SOURCES (default: sources/) into OUTPUT/graph.ttl and graph.html."""
    if not sources.is_dir():
        raise click.UsageError(f"{sources}: no such folder of source documents")
    result = build(sources, output_dir, title=title, jobs=jobs, progress=sys.stderr.isatty(), report=_report)
    counts = ", ".join(f"{count} {kind}" for kind, count in result.counts().items()) or "no entities"
    click.echo(f"{len(result.documents)} documents → {counts}; {len(result.graph)} triples")
    for path in result.outputs:
        click.echo(f"wrote {path}")
    if result.problems:
        click.echo(f"{len(result.problems)} file(s) skipped: see the messages above", err=True)


@main.command("query")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              help="Read the query from a .rq file instead.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="table", show_default=True)
def query_command(graph: Path, sparql: str | None, query_file: Path | None, output_format: str) -> None:
    """Run a SPARQL SELECT or ASK query over GRAPH (Turtle). Prefixes gb:, schema:, oa:, skos:… are predeclared."""
    if (sparql is None) == (query_file is None):
        raise click.UsageError("give the query either as an argument or with --file, not both")
    text = query_file.read_text(encoding="utf-8") if query_file else sparql
    try:
        result = run_query(load_graph(graph), text)
    except Exception as error:  # a malformed query is the user's to fix: say what the parser said
        raise click.ClickException(f"query failed: {error}") from None
    click.echo(format_result(result, output_format))


@main.command("evaluate")
@click.argument("graph", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              default=Path("tests/gold"), show_default=True, help="Folder of gold annotation files (.json).")
@click.option("--misses", is_flag=True, help="List the gold entities missed and the false finds.")
def evaluate_command(graph: Path, gold_dir: Path, misses: bool) -> None:
    """Score GRAPH against gold annotations: precision, recall and F1 per kind, strict and relaxed."""
    result = evaluate(graph, gold_dir)
    click.echo(f"{len(result.documents)} documents with gold annotations")
    click.echo(result.table())
    if misses:
        for document, kind, name in result.misses:
            click.echo(f"missed  {kind:<12} {name}  ({document})")
        for document, kind, name in result.false_finds:
            click.echo(f"false   {kind:<12} {name}  ({document})")


if __name__ == "__main__":
    main()
